// Federated types by @module-federation/dts-plugin (the MF 2.0 remote's own generator: the
// project's tsc with a temporary tsconfig, then the zip and the API file), timed:
//   node tools/types-gen.cjs PROJECT_DIR OUT_DIR NAME EXPOSES_JSON
// prints the wall time in ms of generateTypes (what the plugin runs at processAssets).
const path = require("path");
const { generateTypes } = require("@module-federation/dts-plugin/core");

const [project, outDir, name, exposes] = process.argv.slice(2);
const start = process.hrtime.bigint();
generateTypes({
  remote: {
    moduleFederationConfig: { name, filename: "remoteEntry.js", exposes: JSON.parse(exposes) },
    context: path.resolve(project),
    outputDir: path.resolve(outDir),
    tsConfigPath: path.resolve(project, "tsconfig.json"),
    generateAPITypes: true,
    deleteTypesFolder: true,
    abortOnError: true,
  },
}).then(
  () => console.log(Number(process.hrtime.bigint() - start) / 1e6),
  (e) => {
    console.error(e);
    process.exit(1);
  }
);
