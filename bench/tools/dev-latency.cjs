// node tools/dev-latency.cjs <rspack|esbuild> <project> <leaf file> <edits>
// Edit-to-update latency of a peer on the same edits bench.py makes for mfbundle dev: each
// edit rewrites the leaf module (its text plus `export const edited = k;`), and the time runs
// until the update is ready. Rspack: a development compiler watching with
// HotModuleReplacementPlugin and its memory cache, as `rspack serve` runs it, until the `done`
// hook (where the dev server sends its update message); aggregateTimeout 20 ms (webpack's
// default). esbuild: `context.rebuild()` after the write (no watcher). Prints
// {"samples": [ms, ...]}.
"use strict";
const fs = require("fs");
const path = require("path");
const [tool, project, leaf, editsArg] = process.argv.slice(2);
const edits = Number(editsArg);
const original = fs.readFileSync(leaf, "utf8");
const edit = (k) => fs.writeFileSync(leaf, `${original}export const edited = ${k};\n`);
const out = path.join(project, "dist-" + tool);
const now = () => Number(process.hrtime.bigint()) / 1e6;

async function esbuild() {
  const lib = require("esbuild");
  const ctx = await lib.context({
    entryPoints: [path.join(project, "src", "index.js")],
    bundle: true,
    outdir: out,
    format: "esm",
    splitting: true,
    logLevel: "error",
  });
  await ctx.rebuild();
  const samples = [];
  for (let k = 1; k <= edits; k++) {
    edit(k);
    const t0 = now();
    await ctx.rebuild();
    samples.push(now() - t0);
  }
  await ctx.dispose();
  return samples;
}

function rspack() {
  const lib = require("@rspack/core");
  const compiler = lib.rspack({
    mode: "development",
    context: project,
    entry: { main: "./src/index.js" },
    output: { path: out },
    devtool: false,
    plugins: [new lib.HotModuleReplacementPlugin()],
    infrastructureLogging: { level: "error" },
  });
  return new Promise((resolve, reject) => {
    const samples = [];
    let k = 0;
    let t0 = 0;
    const next = () => {
      k++;
      // Past the watcher's start-up: writes right after the first build can be missed.
      setTimeout(() => {
        t0 = now();
        edit(k);
      }, 200);
    };
    const watching = compiler.watch({ aggregateTimeout: 20 }, (err, stats) => {
      if (err || stats.hasErrors()) return reject(err || new Error(stats.toString({ all: false, errors: true })));
      if (k > 0) samples.push(now() - t0);
      if (k === edits) return watching.close(() => resolve(samples));
      next();
    });
  });
}

(tool === "esbuild" ? esbuild() : rspack())
  .then((samples) => {
    fs.writeFileSync(leaf, original);
    process.stdout.write(JSON.stringify({ samples }) + "\n");
    process.exit(0);
  })
  .catch((e) => {
    fs.writeFileSync(leaf, original);
    console.error(e && e.stack ? e.stack : e);
    process.exit(1);
  });
