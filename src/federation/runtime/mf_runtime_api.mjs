// `@module-federation/runtime` (and `@module-federation/enhanced/runtime`) as mfbundle
// builds that federate provide it: MF 2.0's runtime API over the build's own runtime
// (src/federation/runtime/api.js), so that one runtime and one share scope serve the page.
// The scan gives it to those requests instead of the npm package.
const mf = __mf_require__.mf;

export const init = (options) => mf.init(options);
export const loadRemote = (id, options) => mf.loadRemote(id, options);
export const registerRemotes = (remotes, options) => mf.registerRemotes(remotes, options);
export const loadShare = (pkgName, options) => mf.loadShare(pkgName, options);
export const registerPlugins = (plugins) => mf.registerPlugins(plugins);
export const getInstance = () => mf.instance();
