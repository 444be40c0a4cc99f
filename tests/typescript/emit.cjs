// The tsc oracle of the TypeScript fixtures: copies a fixture to an output folder and compiles
// each .ts/.tsx/.mts/.cts/.jsx file there (outside node_modules) to JavaScript beside it with
// the pinned `typescript` package, one file at a time (ts.transpileModule, as isolatedModules
// builds do). Node then runs the result, and its stdout is what the mfbundle build must print.
//
// usage: node emit.cjs <fixture dir> <out dir> <options json>
//   options: { jsx: "automatic" | "classic", jsxImportSource, jsxFactory, jsxFragment, jsxDev }
// .mts becomes an ES module (.mjs); every other file becomes CommonJS (.cts -> .cjs, else .js).
"use strict";
const fs = require("fs");
const path = require("path");
const ts = require("typescript");

const [from, to, optionsJson] = process.argv.slice(2);
const options = JSON.parse(optionsJson || "{}");

fs.cpSync(from, to, {
  recursive: true,
  filter: (p) => !/[\\/](dist|snapshot\.snap)$/.test(p),
});

const outExt = { ".ts": ".js", ".tsx": ".js", ".jsx": ".js", ".mts": ".mjs", ".cts": ".cjs" };

function walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "node_modules") walk(p);
    } else if (outExt[path.extname(p)] && !p.endsWith(".d.ts")) {
      compile(p);
    }
  }
}

function compile(file) {
  const ext = path.extname(file);
  const classic = options.jsx === "classic";
  const compilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ext === ".mts" ? ts.ModuleKind.ESNext : ts.ModuleKind.CommonJS,
    experimentalDecorators: true,
    esModuleInterop: true,
    jsx: classic
      ? ts.JsxEmit.React
      : options.jsxDev
        ? ts.JsxEmit.ReactJSXDev
        : ts.JsxEmit.ReactJSX,
    jsxImportSource: options.jsxImportSource,
    jsxFactory: options.jsxFactory,
    jsxFragmentFactory: options.jsxFragment,
    allowJs: true,
  };
  const out = ts.transpileModule(fs.readFileSync(file, "utf8"), {
    compilerOptions,
    fileName: path.basename(file),
    reportDiagnostics: true,
  });
  const errors = (out.diagnostics || []).filter(
    (d) => d.category === ts.DiagnosticCategory.Error,
  );
  if (errors.length) {
    for (const d of errors) {
      console.error(`${file}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
    }
    process.exit(1);
  }
  fs.writeFileSync(file.slice(0, -ext.length) + outExt[ext], out.outputText);
  fs.rmSync(file);
}

walk(to);
