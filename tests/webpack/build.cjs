// Builds a project with a peer bundler and the same options as its federation.toml, for the
// tests to compare with (or combine with) mfbundle's build.
// Usage: node build.cjs <options.json> [webpack|rspack]
// options: { context, outDir, entry, name, shareScope, shared, exposes, remotes, remoteType,
//            filename, library }. webpack 5 comes from tests/webpack, Rspack (@rspack/core, its
// ModuleFederationPluginV1) from tests/rspack, each pinned by its lockfile. With exposes or
// remotes the federation plugin is used, otherwise webpack's SharePlugin.
"use strict";
const fs = require("fs");
const path = require("path");

const options = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
// federation.toml writes a RegExp request filter of include/exclude as "/pattern/".
for (const item of Object.values(Array.isArray(options.shared) ? {} : options.shared || {})) {
  for (const filter of [item && item.include, item && item.exclude]) {
    const m = filter && typeof filter.request === "string" && /^\/(.*)\/$/.exec(filter.request);
    if (m) filter.request = new RegExp(m[1]);
  }
}
const tool = process.argv[3] || "webpack";
const bundler =
  tool === "rspack"
    ? require(path.join(__dirname, "../rspack/node_modules/@rspack/core"))
    : require("webpack");
const federation = () => {
  const Plugin =
    tool === "rspack" ? bundler.container.ModuleFederationPluginV1 : bundler.container.ModuleFederationPlugin;
  return new Plugin({
    name: options.name,
    filename: options.filename || "remoteEntry.js",
    library: options.library || { type: "commonjs-module" },
    exposes: options.exposes || {},
    remotes: options.remotes || {},
    ...(options.remoteType ? { remoteType: options.remoteType } : {}),
    shared: options.shared || {},
    shareScope: options.shareScope || "default",
  });
};
const compiler = bundler({
  mode: "production",
  target: "node",
  context: options.context,
  // No entry: the container alone, as for a remote that only exposes modules.
  entry: options.entry ? { main: options.entry } : {},
  output: {
    path: options.outDir,
    filename: "[name].js",
    chunkFilename: "[name].[contenthash:8].js",
    // Without a name, webpack's default: the package.json name.
    ...(options.name ? { uniqueName: options.name } : {}),
  },
  optimization: { minimize: false },
  plugins: [
    options.exposes || options.remotes || tool === "rspack"
      ? federation()
      : new bundler.sharing.SharePlugin({
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
  for (const w of info.warnings) console.error(tool + " warning: " + w.message);
  for (const e of info.errors) console.error(tool + " error: " + e.message);
  compiler.close(() => process.exit(stats.hasErrors() ? 1 : 0));
});
