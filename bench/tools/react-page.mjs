// The JavaScript a browser loads for the React example's host page (examples/react: host +
// remote over Module Federation), built by mfbundle and by Rspack with Module Federation 2.0
// (@module-federation/enhanced, tools/react-mf2/rspack.config.cjs). Each tool builds the
// remote and the host (production, minified) from one temp copy of the example; each
// build's dist is served on loopback; headless Chromium opens the host page and waits for
// the remote's widget; every .js response the page got (host's and remote's) is read back
// from disk and summed raw and gzipped (zlib level 6). Exits 1 if a page does not render.
//
//   node bench/tools/react-page.mjs [--files] [--keep]
//   --files  list each loaded script with its sizes;  --keep  keep the temp dir
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const MFBUNDLE = path.join(ROOT, "target/release/mfbundle");
const RSPACK_CONFIG = path.join(ROOT, "bench/tools/react-mf2/rspack.config.cjs");
const puppeteer = createRequire(path.join(ROOT, "tests/puppeteer/package.json"))("puppeteer-core");
const CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].find(fs.existsSync);
const WIDGET_TEXT = "Rendered by the remote with React 19.3.1";
const showFiles = process.argv.includes("--files");
const keep = process.argv.includes("--keep");

/** A static file server for `dir` on a free loopback port (dir may be filled later). */
async function serve(dir) {
  const types = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".json": "application/json" };
  const server = http.createServer((req, res) => {
    const file = path.join(dir, decodeURIComponent(new URL(req.url, "http://x").pathname));
    const target = file.endsWith("/") ? path.join(file, "index.html") : file;
    fs.readFile(target, (err, body) => {
      if (err) return res.writeHead(404).end();
      res.writeHead(200, {
        "content-type": types[path.extname(target)] ?? "application/octet-stream",
        "access-control-allow-origin": "*",
      });
      res.end(body);
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { dir, server, origin: `http://127.0.0.1:${server.address().port}` };
}

const run = (cmd, args) => execFileSync(cmd, args, { stdio: ["ignore", "ignore", "inherit"] });

const builders = {
  mfbundle(project, out, remoteUrl) {
    const toml = path.join(project, "host/federation.toml");
    const text = fs.readFileSync(toml, "utf8");
    const rewritten = text.replace("http://127.0.0.1:3002/remoteEntry.js", remoteUrl);
    if (rewritten === text) throw new Error(`no remote URL with port 3002 in ${toml}`);
    fs.writeFileSync(toml, rewritten);
    run(MFBUNDLE, ["build", path.join(project, "remote"), "--out-dir", out.remote, "-q"]);
    run(MFBUNDLE, ["build", path.join(project, "host"), "--out-dir", out.host, "-q"]);
  },
  "rspack+mf2"(project, out, remoteUrl) {
    run(process.execPath, [RSPACK_CONFIG, "remote", project, out.remote]);
    run(process.execPath, [RSPACK_CONFIG, "host", project, out.host, remoteUrl]);
  },
};

/** Opens the host page; returns the .js URLs it loaded, or throws if the widget never shows. */
async function loadPage(browser, url) {
  const page = await browser.newPage();
  const scripts = new Set();
  const errors = [];
  page.on("response", (r) => new URL(r.url()).pathname.endsWith(".js") && scripts.add(r.url()));
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await page.goto(url, { waitUntil: "domcontentloaded" });
  try {
    await page.waitForFunction((t) => document.body.innerText.includes(t), { timeout: 30_000 }, WIDGET_TEXT);
    await page.waitForNetworkIdle({ idleTime: 300, timeout: 10_000 });
  } catch (e) {
    const text = await page.evaluate(() => document.body.innerText).catch(() => "?");
    throw new Error(`${url}: "${WIDGET_TEXT}" not on the page (${e.message})\npage text: ${text}\nerrors: ${errors.join("\n")}`);
  } finally {
    await page.close();
  }
  return [...scripts];
}

const tmp = fs.mkdtempSync("/tmp/react-mf2-");
const project = path.join(tmp, "react");
fs.cpSync(path.join(ROOT, "examples/react"), project, {
  recursive: true,
  verbatimSymlinks: true,
  filter: (src) => !/[/\\]dist(-node)?$/.test(src),
});

const browser = await puppeteer.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
const servers = [];
const rows = [];
let failed = false;
try {
  for (const [tool, build] of Object.entries(builders)) {
    const out = { remote: path.join(tmp, `${tool}-remote`), host: path.join(tmp, `${tool}-host`) };
    const remote = await serve(out.remote);
    const host = await serve(out.host);
    servers.push(remote, host);
    build(project, out, `${remote.origin}/remoteEntry.js`);
    let urls;
    try {
      urls = await loadPage(browser, `${host.origin}/index.html`);
    } catch (e) {
      console.error(`${tool}: ${e.message}`);
      failed = true;
      continue;
    }
    const files = urls.map((u) => {
      const { origin, pathname } = new URL(u);
      const from = [remote, host].find((s) => s.origin === origin);
      if (!from) throw new Error(`${tool}: script from an unexpected origin: ${u}`);
      const body = fs.readFileSync(path.join(from.dir, decodeURIComponent(pathname)));
      const name = `${from === remote ? "remote" : "host"}/${pathname.slice(1)}`;
      return { name, raw: body.length, gzip: zlib.gzipSync(body, { level: 6 }).length };
    });
    const sum = (k) => files.reduce((n, f) => n + f[k], 0);
    rows.push({ tool, files, raw: sum("raw"), gzip: sum("gzip") });
  }
} finally {
  await browser.close();
  for (const s of servers) s.server.close();
  if (keep) console.log(`kept ${tmp}`);
  else fs.rmSync(tmp, { recursive: true, force: true });
}

const kb = (n) => (n / 1024).toFixed(1);
const base = rows.find((r) => r.tool === "mfbundle");
console.log("React example host page (host + remote widget), JavaScript loaded by Chromium:");
console.log(["tool".padEnd(12), "JS files", " raw KB", "gzip KB", "gzip vs mfbundle"].join("  "));
for (const r of rows) {
  const ratio = base ? `${(r.gzip / base.gzip).toFixed(2)}x` : "n/a";
  console.log(
    [r.tool.padEnd(12), String(r.files.length).padStart(8), kb(r.raw).padStart(7), kb(r.gzip).padStart(7),
      ratio.padStart(16)].join("  "),
  );
  if (showFiles) {
    for (const f of [...r.files].sort((a, b) => b.gzip - a.gzip)) {
      console.log(`    ${f.name.padEnd(48)} ${kb(f.raw).padStart(7)} ${kb(f.gzip).padStart(7)}`);
    }
  }
}
process.exit(failed ? 1 : 0);
