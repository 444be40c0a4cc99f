// node tools/rolldown.mjs <entry> <outDir>
import { rolldown } from "rolldown";
const [entry, outDir] = process.argv.slice(2);
const bundle = await rolldown({ input: entry, logLevel: "silent" });
await bundle.write({ dir: outDir, format: "esm" });
await bundle.close();
