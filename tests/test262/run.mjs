// test262's module tests through mfbundle (issue #16, item 7): each test is bundled for Node
// in development and production and run with test262's harness, and the same test runs
// unbundled in Node as the reference. Prints "N passed, M failed" for Node and for each
// mode, and fails when a test Node passes fails bundled, unless known-failures.txt lists it
// (with its reason); a listed test that passes is reported, to be taken off the list.
//
//   node tests/test262/run.mjs [--bin target/release/mfbundle] [--filter text] [--jobs N]
//
// The selected tests (test/language/module-code, expressions/dynamic-import,
// expressions/import.meta) and harness files are vendored under vendor/ from tc39/test262
// at the commit in vendor/COMMIT, with test262's LICENSE.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const vendor = path.join(here, "vendor");
const repo = path.resolve(here, "../..");
const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const bin = path.resolve(repo, arg("--bin", "target/release/mfbundle"));
const filter = arg("--filter", "");
const jobs = Number(arg("--jobs", String(Math.max(2, os.cpus().length))));
const modes = ["development", "production"];

function listTests(dir, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) listTests(p, out);
    else if (entry.name.endsWith(".js") && !entry.name.includes("_FIXTURE")) out.push(p);
  }
  return out;
}

/// The test's frontmatter: flags, includes, negative phase and type.
function meta(source) {
  const yaml = (source.match(/\/\*---([\s\S]*?)---\*\//) || [])[1] || "";
  const list = (key) => {
    const inline = yaml.match(new RegExp(`^${key}:\\s*\\[(.*)\\]`, "m"));
    if (inline) return inline[1].split(",").map((s) => s.trim()).filter(Boolean);
    const block = yaml.match(new RegExp(`^${key}:\\s*\\n((?:\\s+-.*\\n?)+)`, "m"));
    return block ? block[1].split("\n").map((l) => l.replace(/^\s*-\s*/, "").trim()).filter(Boolean) : [];
  };
  const phase = (yaml.match(/^\s+phase:\s*(\w+)/m) || [])[1];
  const type = (yaml.match(/^\s+type:\s*(\w+)/m) || [])[1];
  return { flags: list("flags"), includes: list("includes"), negative: phase ? { phase, type } : null };
}

/// Files the test names relatively (`_FIXTURE` modules, JSON), and theirs, for copying.
function references(file, seen = new Set()) {
  const source = fs.readFileSync(file, "utf8");
  for (const m of source.matchAll(/['"](\.\.?\/[^'"\s]+)['"]/g)) {
    const target = path.resolve(path.dirname(file), m[1]);
    if (seen.has(target) || !fs.existsSync(target) || fs.statSync(target).isDirectory()) continue;
    seen.add(target);
    if (/\.(m?js)$/.test(target)) references(target, seen);
  }
  return seen;
}

const harnessCache = new Map();
function harness(includes, raw) {
  if (raw) return "";
  const files = ["assert.js", "sta.js", "doneprintHandle.js", ...includes];
  const key = files.join(",");
  if (!harnessCache.has(key)) {
    harnessCache.set(key, files.map((f) => fs.readFileSync(path.join(vendor, "harness", f), "utf8")).join("\n"));
  }
  return harnessCache.get(key);
}

function run(cmd, argv, cwd) {
  return new Promise((resolve) => {
    execFile(cmd, argv, { cwd, timeout: 20000, maxBuffer: 1 << 24 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

/// Whether a run of the test (`node` output) is a pass, as test262 defines it.
function verdict(m, r) {
  if (m.negative) return r.code !== 0 && r.stderr.includes(m.negative.type);
  if (r.code !== 0) return false;
  if (m.flags.includes("async")) return r.stdout.includes("Test262:AsyncTestComplete");
  return true;
}

async function runTest(file, work) {
  const source = fs.readFileSync(file, "utf8");
  const m = meta(source);
  const module = m.flags.includes("module");
  const dir = fs.mkdtempSync(path.join(work, "t-"));
  // The test and the files it names, side by side as in vendor/ (relative paths kept).
  const base = path.dirname(file);
  const copy = (from) => {
    const to = path.join(dir, "src", path.relative(base, from));
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.copyFileSync(from, to);
    return to;
  };
  let entry = copy(file);
  for (const f of references(file)) copy(f);
  if (m.flags.includes("onlyStrict")) fs.writeFileSync(entry, `"use strict";\n${source}`);
  if (module) fs.writeFileSync(path.join(dir, "package.json"), '{ "type": "module" }\n');
  else fs.writeFileSync(path.join(dir, "package.json"), '{ "type": "commonjs" }\n');
  const prelude = path.join(dir, "harness.cjs");
  fs.writeFileSync(
    prelude,
    `globalThis.print = (s) => console.log(String(s));\nrequire("vm").runInThisContext(${JSON.stringify(harness(m.includes, m.flags.includes("raw")))});\n`,
  );
  const result = { file: path.relative(vendor, file), node: false };
  const ref = await run(process.execPath, ["--require", prelude, entry], dir);
  result.node = verdict(m, ref);
  const early = m.negative && (m.negative.phase === "parse" || m.negative.phase === "resolution");
  for (const mode of modes) {
    fs.writeFileSync(
      path.join(dir, "federation.toml"),
      `entry = "./${path.relative(dir, entry).split(path.sep).join("/")}"\ntarget = "node"\nmode = "${mode}"\noutDir = "dist-${mode}"\n`,
    );
    const build = await run(bin, ["build", ".", "--quiet"], dir);
    if (early) {
      // An early error is a build error.
      result[mode] = build.code !== 0;
      if (!result[mode]) result[`${mode}Why`] = `early error (${m.negative.phase}, ${m.negative.type}) not reported by the build`;
      continue;
    }
    if (build.code !== 0) {
      result[mode] = false;
      result[`${mode}Why`] = build.stderr.split("\n").find((l) => l.startsWith("error")) || "build failed";
      continue;
    }
    const r = await run(process.execPath, ["--require", prelude, path.join(dir, `dist-${mode}`, "main.js")], dir);
    result[mode] = verdict(m, r);
    if (!result[mode]) result[`${mode}Why`] = (r.stderr.split("\n").find((l) => /Error|Test262/.test(l)) || r.stdout.split("\n").find((l) => /Test262:AsyncTestFailure/.test(l)) || "failed").slice(0, 200);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  return result;
}

const tests = listTests(path.join(vendor, "test")).filter((f) => f.includes(filter));
const work = fs.mkdtempSync(path.join(os.tmpdir(), "mfbundle-test262-"));
const results = new Array(tests.length);
let next = 0;
await Promise.all(
  Array.from({ length: jobs }, async () => {
    while (next < tests.length) {
      const i = next++;
      results[i] = await runTest(tests[i], work);
    }
  }),
);
fs.rmSync(work, { recursive: true, force: true });

const known = new Map();
for (const line of fs.readFileSync(path.join(here, "known-failures.txt"), "utf8").split("\n")) {
  const [test, ...why] = line.split(" ");
  if (test && !test.startsWith("#")) known.set(test, why.join(" "));
}
const count = (key) => results.filter((r) => r[key]).length;
console.log(`test262 (${results.length} tests of ${path.relative(repo, vendor)})`);
console.log(`  node (unbundled)      ${count("node")} passed, ${results.length - count("node")} failed`);
for (const mode of modes) {
  console.log(`  mfbundle ${mode.padEnd(12)} ${count(mode)} passed, ${results.length - count(mode)} failed`);
}
const regressions = [];
const fixed = [];
for (const r of results) {
  const failing = modes.filter((mode) => r.node && !r[mode]);
  if (failing.length && !known.has(r.file)) regressions.push(`${r.file} (${failing.join(", ")}): ${r[`${failing[0]}Why`] || "wrong result"}`);
  if (!failing.length && known.has(r.file) && !filter) fixed.push(r.file);
}
console.log(`  Node passes, mfbundle fails: ${results.filter((r) => r.node && modes.some((m) => !r[m])).length} (${known.size} listed in known-failures.txt)`);
for (const f of fixed) console.log(`  now passes, take it off known-failures.txt: ${f}`);
for (const r of regressions) console.log(`  FAIL ${r}`);
if (args.includes("--write-known")) {
  const lines = results
    .filter((r) => r.node && modes.some((m) => !r[m]))
    .map((r) => `${r.file} ${r.developmentWhy || r.productionWhy || known.get(r.file) || "wrong result"}`);
  fs.writeFileSync(path.join(here, "known-failures.txt"), `# test262 tests Node passes that mfbundle does not yet, with the reason (tests/test262/run.mjs).\n${lines.join("\n")}\n`);
}
process.exit(regressions.length ? 1 : 0);
