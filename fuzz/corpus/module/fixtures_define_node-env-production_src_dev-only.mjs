console.log("dev only module");
