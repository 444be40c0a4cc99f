// node tools/webpack-like.cjs <webpack|rspack> <context> <entry> <outDir> [shared-json]
// Plain builds, or with shared-json a Module Federation host sharing those packages.
// BENCH_MINIFY=1: optimization.minimize (webpack's terser, Rspack's SWC minimizer).
// BENCH_MODE: the mode (default production). BENCH_CACHE_DIR: a persistent cache there
// (Rspack's experiments.cache "persistent", webpack's filesystem cache).
"use strict";
const [tool, context, entry, outDir, sharedJson] = process.argv.slice(2);
const lib = tool === "rspack" ? require("@rspack/core") : require("webpack");
const plugins = [];
if (sharedJson) {
  const MF = tool === "rspack" ? lib.container.ModuleFederationPluginV1 : lib.container.ModuleFederationPlugin;
  plugins.push(new MF({ name: "host", shared: JSON.parse(sharedJson) }));
}
const cacheDir = process.env.BENCH_CACHE_DIR;
const cache = !cacheDir
  ? {}
  : tool === "rspack"
    ? { cache: true, experiments: { cache: { type: "persistent", storage: { type: "filesystem", directory: cacheDir } } } }
    : { cache: { type: "filesystem", cacheDirectory: cacheDir } };
const compiler = lib({
  mode: process.env.BENCH_MODE || "production",
  ...cache,
  context,
  entry: { main: entry },
  output: { path: outDir, filename: "[name].js", chunkFilename: "[name].[contenthash:8].js" },
  optimization: { minimize: process.env.BENCH_MINIFY === "1" },
  devtool: false,
  plugins,
  infrastructureLogging: { level: "error" },
});
compiler.run((err, stats) => {
  if (err || stats.hasErrors()) {
    console.error(err ? err.stack : stats.toString({ all: false, errors: true }));
    process.exit(1);
  }
  // With a persistent cache, exit when Node is done: Rspack writes its cache after close
  // calls back.
  compiler.close(() => cacheDir || process.exit(0));
});
