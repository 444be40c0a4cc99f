// Builds a project with the real Rspack and ModuleFederationPluginV1 (webpack-compatible
// federation), from the same options tests/webpack/build.cjs takes.
// Usage: node build.cjs <options.json>
"use strict";
const fs = require("fs");
const rspack = require("@rspack/core");

const options = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const compiler = rspack({
  mode: "production",
  target: "node",
  context: options.context,
  entry: { main: options.entry },
  output: {
    path: options.outDir,
    filename: "[name].js",
    chunkFilename: "[name].[contenthash:8].js",
    uniqueName: options.name,
  },
  optimization: { minimize: false },
  plugins: [
    new rspack.container.ModuleFederationPluginV1({
      name: options.name,
      filename: options.filename || "remoteEntry.js",
      library: options.library || { type: "commonjs-module" },
      exposes: options.exposes || {},
      remotes: options.remotes || {},
      shared: options.shared || {},
      shareScope: options.shareScope || "default",
    }),
  ],
  infrastructureLogging: { level: "error" },
});
compiler.run((err, stats) => {
  if (err) {
    console.error(err.stack || String(err));
    process.exit(2);
  }
  const info = stats.toJson({ all: false, errors: true, warnings: true });
  for (const w of info.warnings) console.error("rspack warning: " + w.message);
  for (const e of info.errors) console.error("rspack error: " + e.message);
  compiler.close(() => process.exit(stats.hasErrors() ? 1 : 0));
});
