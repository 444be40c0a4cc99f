// node tools/rolldown.mjs <entry> <outDir>; BENCH_MINIFY=1 minifies (rolldown's minify: true).
import { rolldown } from "rolldown";
const [entry, outDir] = process.argv.slice(2);
const bundle = await rolldown({ input: entry, logLevel: "silent" });
await bundle.write({ dir: outDir, format: "esm", minify: process.env.BENCH_MINIFY === "1" });
await bundle.close();
