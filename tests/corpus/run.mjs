// The npm corpus (issue #21): popular packages, each exercised by a small script in cases/
// the way its README shows, run unbundled in Node (the reference) and bundled by mfbundle
// (Node, development and production; web, production, in headless Chromium unless the case
// says `// @node-only`), esbuild and rolldown (Node). A bundle passes when it prints what the
// reference prints. Prints one row per package and the pass counts side by side; exits 1
// when an mfbundle build of a package that runs unbundled fails (except KNOWN ones, each with
// its reason) or when a peer passes more cases than mfbundle.
//
//   node tests/corpus/run.mjs [--mfbundle PATH] [--only NAME,...] [--json FILE]
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, "../..");
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const MFBUNDLE = path.resolve(opt("--mfbundle", path.join(ROOT, "target/release/mfbundle")));
const only = opt("--only", "").split(",").filter(Boolean);
const jsonOut = opt("--json", "");

// Failures that are not mfbundle's to fix, by case and column, with the reason (also listed
// in the README). Empty: every package passes.
const KNOWN = {};

const requireFrom = (dir) => createRequire(path.join(dir, "noop.js"));
const esbuild = requireFrom(path.join(ROOT, "bench"))("esbuild");
const rolldown = requireFrom(path.join(ROOT, "bench"))("rolldown");
const puppeteer = requireFrom(path.join(ROOT, "tests/puppeteer"))("puppeteer-core");

const work = fs.mkdtempSync(path.join(os.tmpdir(), "mfbundle-corpus-"));
const cases = fs
  .readdirSync(path.join(HERE, "cases"))
  .filter((f) => f.endsWith(".mjs"))
  .map((f) => f.slice(0, -4))
  .filter((n) => only.length === 0 || only.includes(n))
  .sort();

function run(cmd, argv, cwd) {
  const r = spawnSync(cmd, argv, { cwd, encoding: "utf8", timeout: 60000, env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" } });
  return { ok: r.status === 0, stdout: r.stdout || "", stderr: (r.stderr || "") + (r.error ? String(r.error) : "") };
}

function firstLine(text) {
  return (text.split("\n").find((l) => /error|Error/.test(l)) || text.split("\n")[0] || "").trim().slice(0, 160);
}

// A project per case: the script as src/index.mjs, the corpus's node_modules beside it.
function project(name) {
  const dir = path.join(work, name);
  fs.mkdirSync(path.join(dir, "src"), { recursive: true });
  fs.copyFileSync(path.join(HERE, "cases", `${name}.mjs`), path.join(dir, "src/index.mjs"));
  fs.writeFileSync(path.join(dir, "federation.toml"), 'entry = "./src/index.mjs"\n');
  fs.symlinkSync(path.join(HERE, "node_modules"), path.join(dir, "node_modules"), "dir");
  return dir;
}

function mfbundleBuild(dir, out, target, mode) {
  const b = run(MFBUNDLE, ["build", dir, "--out-dir", out, "--target", target, "--mode", mode, "--quiet"], dir);
  return b.ok ? null : `build: ${firstLine(b.stderr)}`;
}

function check(reference, r) {
  if (!r.ok) return `run: ${firstLine(r.stderr)}`;
  if (r.stdout !== reference) return `output differs: ${JSON.stringify(r.stdout.slice(0, 120))}`;
  return null;
}

async function peer(tool, dir, out) {
  const entry = path.join(dir, "src/index.mjs");
  const file = path.join(out, "main.cjs");
  try {
    if (tool === "esbuild") {
      await esbuild.build({ entryPoints: [entry], bundle: true, platform: "node", format: "cjs", outfile: file, logLevel: "silent" });
    } else {
      const bundle = await rolldown.rolldown({ input: entry, platform: "node", logLevel: "silent" });
      await bundle.write({ file, format: "cjs" });
      await bundle.close();
    }
  } catch (e) {
    return `build: ${firstLine(String(e && e.message))}`;
  }
  return null;
}

// The web builds run in one browser, each on its own page served over HTTP; console.log is
// recorded as Node prints strings, numbers and booleans.
function serve(root) {
  const server = http.createServer((req, res) => {
    const url = decodeURIComponent(new URL(req.url, "http://x").pathname);
    const file = path.join(root, url);
    if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    const type = file.endsWith(".html") ? "text/html" : file.endsWith(".js") ? "text/javascript" : "application/octet-stream";
    res.writeHead(200, { "content-type": type }).end(fs.readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

const PAGE = `<!doctype html><meta charset="utf-8"><script>
window.__out = [];
const fmt = (x) => (typeof x === "string" ? x : String(x));
console.log = (...a) => { window.__out.push(a.map(fmt).join(" ")); };
window.addEventListener("error", (e) => window.__out.push("UNCAUGHT " + e.message));
window.addEventListener("unhandledrejection", (e) => window.__out.push("UNHANDLED " + (e.reason && e.reason.message)));
</script><script src="main.js"></script>`;

async function inBrowser(browser, base, rel) {
  const page = await browser.newPage();
  try {
    await page.goto(`${base}/${rel}/index.html`, { waitUntil: "load" });
    // Done when nothing new is printed for 300 ms (async cases print late).
    let last = -1;
    let quiet = 0;
    for (let t = 0; t < 100 && quiet < 3; t++) {
      await new Promise((r) => setTimeout(r, 100));
      const n = await page.evaluate(() => window.__out.length);
      quiet = n === last ? quiet + 1 : 0;
      last = n;
    }
    const out = await page.evaluate(() => window.__out);
    return { ok: !out.some((l) => /^UNCAUGHT |^UNHANDLED /.test(l)), stdout: out.map((l) => l + "\n").join(""), stderr: out.find((l) => /^UNCAUGHT |^UNHANDLED /.test(l)) || "" };
  } finally {
    await page.close();
  }
}

const COLUMNS = ["node", "mfbundle dev", "mfbundle prod", "mfbundle web", "esbuild", "rolldown"];
const results = {};
const executablePath = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].find((p) => fs.existsSync(p));
const browser = await puppeteer.launch({
  executablePath,
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
const server = await serve(work);
const base = `http://127.0.0.1:${server.address().port}`;
try {
  for (const name of cases) {
    const source = fs.readFileSync(path.join(HERE, "cases", `${name}.mjs`), "utf8");
    const nodeOnly = source.includes("// @node-only");
    const dir = project(name);
    const row = (results[name] = {});
    const ref = run("node", [path.join(dir, "src/index.mjs")], dir);
    row.node = ref.ok ? null : `run: ${firstLine(ref.stderr)}`;
    for (const [col, mode] of [["mfbundle dev", "development"], ["mfbundle prod", "production"]]) {
      const out = path.join(dir, `dist-node-${mode}`);
      row[col] = mfbundleBuild(dir, out, "node", mode) ?? check(ref.stdout, run("node", [path.join(out, "main.js")], dir));
    }
    if (nodeOnly) {
      row["mfbundle web"] = "n/a";
    } else {
      const out = path.join(dir, "dist-web");
      row["mfbundle web"] = mfbundleBuild(dir, out, "web", "production");
      if (row["mfbundle web"] === null) {
        fs.writeFileSync(path.join(out, "index.html"), PAGE);
        row["mfbundle web"] = check(ref.stdout, await inBrowser(browser, base, `${name}/dist-web`));
      }
    }
    for (const tool of ["esbuild", "rolldown"]) {
      const out = path.join(dir, `dist-${tool}`);
      row[tool] = (await peer(tool, dir, out)) ?? check(ref.stdout, run("node", [path.join(out, "main.cjs")], dir));
    }
    const mark = (v) => (v === null ? "pass" : v === "n/a" ? "n/a" : "FAIL");
    console.log(`${name.padEnd(22)} ${COLUMNS.map((c) => mark(row[c]).padEnd(c.length)).join("  ")}`);
  }
} finally {
  await browser.close();
  server.close();
}

// The table's header and totals, the failures with their reasons.
console.log(`\n${"package".padEnd(22)} ${COLUMNS.join("  ")}`);
const passes = Object.fromEntries(COLUMNS.map((c) => [c, cases.filter((n) => results[n][c] === null).length]));
const applicable = Object.fromEntries(COLUMNS.map((c) => [c, cases.filter((n) => results[n][c] !== "n/a").length]));
console.log(`${"passed".padEnd(22)} ${COLUMNS.map((c) => `${passes[c]}/${applicable[c]}`.padEnd(c.length)).join("  ")}`);
let failed = false;
for (const name of cases) {
  for (const c of COLUMNS) {
    const why = results[name][c];
    if (why === null || why === "n/a") continue;
    const known = KNOWN[name] && KNOWN[name][c];
    console.log(`  ${name} / ${c}: ${why}${known ? ` (known: ${known})` : ""}`);
    if (c.startsWith("mfbundle") && results[name].node === null && !known) failed = true;
  }
}
for (const p of ["esbuild", "rolldown"]) {
  if (passes[p] > passes["mfbundle prod"] || passes[p] > passes["mfbundle dev"]) {
    console.log(`${p} passes more cases (${passes[p]}) than mfbundle for Node`);
    failed = true;
  }
}
if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify({ passes, applicable, results }, null, 2));
fs.rmSync(work, { recursive: true, force: true });
process.exit(failed ? 1 : 0);
