console.log("remote ok on its own");
