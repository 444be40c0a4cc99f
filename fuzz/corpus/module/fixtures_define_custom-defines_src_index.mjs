console.log(process.env.API_URL, __VERSION__, FEATURE.enabled ? "on" : "off");
if (!FEATURE.enabled) { console.log("never printed"); }
const __VERSION_LOCAL__ = 1;
console.log(typeof __VERSION_LOCAL__);
