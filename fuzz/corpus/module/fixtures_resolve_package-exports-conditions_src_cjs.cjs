console.log("require gets", require("dual").kind);
