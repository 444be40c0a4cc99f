globalThis.polyfilled = "yes";
console.log("polyfill first");
