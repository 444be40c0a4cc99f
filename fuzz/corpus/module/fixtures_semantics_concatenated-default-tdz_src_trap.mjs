process.on("uncaughtException", (e) => { console.log("uncaught", e.constructor.name, e.message); });
