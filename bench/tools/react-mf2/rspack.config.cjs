// Rspack + Module Federation 2.0 (@module-federation/enhanced) build of examples/react: the
// same host and remote as host/federation.toml and remote/federation.toml (./Widget exposed;
// react, react-dom, design-system shared as singletons; lodash-es shared plainly, whole:
// MF 2.0's shared tree shaking (TreeShakingSharedPlugin) is not used), in production mode
// with Rspack's default minimizer, no source maps, no type generation.
//
//   node rspack.config.cjs <host|remote> <project dir> <out dir> [remote entry URL]
//
// The project dir is a copy of examples/react (its node_modules included); the remote URL
// is what the host loads, e.g. http://127.0.0.1:3002/remoteEntry.js.
"use strict";
const path = require("path");
const rspack = require("@rspack/core");
const { ModuleFederationPlugin } = require("@module-federation/enhanced/rspack");

const singleton = { singleton: true };
const shared = {
  react: singleton,
  "react/jsx-runtime": singleton,
  "react-dom": singleton,
  "react-dom/client": singleton,
  "design-system": singleton,
  "lodash-es": {},
};

function config(app, project, outDir, remoteUrl) {
  if (app !== "host" && app !== "remote") throw new Error(`app must be host or remote, not ${app}`);
  const context = path.resolve(project, app);
  // The async boundary Rspack's Module Federation needs before code that uses shared
  // packages (mfbundle needs none): the entry only import()s the app's entry, so the share
  // scope is initialised first. A virtual module: the app's sources stay untouched.
  const bootstrap = path.join(context, "mf-bootstrap.js");
  const federation =
    app === "host"
      ? { name: "host", remotes: { remote: `remote@${remoteUrl}` } }
      : { name: "remote", filename: "remoteEntry.js", exposes: { "./Widget": "./src/Widget.tsx" } };
  return {
    mode: "production",
    // Modern browsers, like mfbundle's output (TypeScript lowered, ES2022 kept).
    target: ["web", "es2022"],
    context,
    entry: { main: bootstrap },
    devtool: false,
    output: {
      path: path.resolve(outDir),
      publicPath: "auto",
      filename: "[name].[contenthash].js",
      chunkFilename: "[name].[contenthash].js",
      cssFilename: "[name].[contenthash].css",
      cssChunkFilename: "[name].[contenthash].css",
      clean: true,
    },
    resolve: { extensions: [".tsx", ".ts", ".jsx", ".js"] },
    experiments: { css: true },
    module: {
      // `import styles from "./x.module.css"` (a default export of the class names).
      parser: { "css/auto": { namedExports: false } },
      rules: [
        {
          // The apps' and design-system's sources (design-system is reached through
          // node_modules/design-system, a symlink to ../design-system).
          test: /\.tsx?$/,
          loader: "builtin:swc-loader",
          type: "javascript/auto",
          options: {
            jsc: {
              target: "es2022",
              parser: { syntax: "typescript", tsx: true },
              transform: { react: { runtime: "automatic" } },
            },
          },
        },
      ],
    },
    plugins: [
      new rspack.experiments.VirtualModulesPlugin({ [bootstrap]: 'import("./src/index.tsx");\n' }),
      new ModuleFederationPlugin({ ...federation, shared, dts: false }),
      new rspack.HtmlRspackPlugin({ template: path.join(context, "index.html") }),
    ],
    infrastructureLogging: { level: "error" },
  };
}

module.exports = config;

if (require.main === module) {
  const [app, project, outDir, remoteUrl] = process.argv.slice(2);
  const compiler = rspack(config(app, project, outDir, remoteUrl));
  compiler.run((err, stats) => {
    if (err || stats.hasErrors()) {
      console.error(err ? err.stack : stats.toString({ all: false, errors: true }));
      process.exit(1);
    }
    if (stats.hasWarnings()) console.error(stats.toString({ all: false, warnings: true }));
    compiler.close(() => process.exit(0));
  });
}
