// Builds a fixture with the real webpack 5 and the same sharing options as its
// federation.toml, for tests/fixtures.rs to compare against mfbundle's build.
// Usage: node build.cjs <options.json>
// options: { context, outDir, entry, name, shareScope, shared, exposes, remotes, filename,
//            library } (exposes/remotes switch to ModuleFederationPlugin)
"use strict";
const fs = require("fs");
const webpack = require("webpack");

const options = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const compiler = webpack({
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
    options.exposes || options.remotes
      ? new webpack.container.ModuleFederationPlugin({
          name: options.name,
          filename: options.filename || "remoteEntry.js",
          library: options.library || { type: "commonjs-module" },
          exposes: options.exposes || {},
          remotes: options.remotes || {},
          shared: options.shared || {},
          shareScope: options.shareScope || "default",
        })
      : new webpack.sharing.SharePlugin({
          shared: options.shared,
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
  for (const w of info.warnings) console.error("webpack warning: " + w.message);
  for (const e of info.errors) console.error("webpack error: " + e.message);
  compiler.close(() => process.exit(stats.hasErrors() ? 1 : 0));
});
