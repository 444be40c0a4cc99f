const name = "./x.cjs";
try { require(name); } catch (e) { console.log("dynamic require left to run time:", e.code); }
