// node lodash_modules.mjs ENTRY MFBUNDLE_MAIN_JS: bundles ENTRY with esbuild and rolldown
// (bench/node_modules, pinned by bench/package-lock.json) and prints, as JSON, the lodash-es
// files each peer's output contains and mfbundle's, plus every output's size after the same
// minifier (esbuild --minify).
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const [entry, mfbundleMain] = process.argv.slice(2);
const bench = path.resolve(import.meta.dirname, "../../bench");
const require = createRequire(path.join(bench, "package.json"));
const esbuild = require("esbuild");
const { rolldown } = await import(require.resolve("rolldown"));

const lodash = (files) =>
  files.filter((f) => f.includes("lodash-es/")).map((f) => f.split("lodash-es/").pop()).sort();
const minified = async (code) => (await esbuild.transform(code, { minify: true })).code.length;

const es = await esbuild.build({ entryPoints: [entry], bundle: true, write: false, metafile: true, format: "iife", logLevel: "silent" });
const esInputs = Object.values(es.metafile.outputs)[0].inputs;
const esFiles = Object.keys(esInputs).filter((f) => esInputs[f].bytesInOutput > 0);

const rd = await rolldown({ input: entry, logLevel: "silent" });
const { output } = await rd.generate({ format: "iife" });
const rdFiles = Object.keys(output[0].modules).filter((f) => output[0].modules[f].renderedLength > 0);

const mf = fs.readFileSync(mfbundleMain, "utf8");
// Registry functions, and modules concatenated into another's scope (`// module "id"`).
const mfFiles = [
  ...[...mf.matchAll(/^"([^"]+)": \(function/gm)].map((m) => m[1]),
  ...[...mf.matchAll(/^\/\/ module ("[^"\n]+")$/gm)].map((m) => JSON.parse(m[1])),
];

console.log(JSON.stringify({
  esbuild: { modules: lodash(esFiles), minified: await minified(es.outputFiles[0].text) },
  rolldown: { modules: lodash(rdFiles), minified: await minified(output[0].code) },
  mfbundle: { modules: lodash(mfFiles), minified: await minified(mf) },
}));
