// Edit-to-update latency in the page: `mfbundle dev` serves `project`, headless Chromium
// (puppeteer-core with the Debian chromium, as the tests drive it) opens its page, and each
// of `edits` writes of the leaf module `leaf` is timed from the write to the new module code
// running in the page (it calls a function the page exposes, with the edit's number). The
// leaf accepts its own updates (`import.meta.hot.accept()`), so each update is applied in
// place; the first write adds that and is not timed. Prints {"samples": [ms, ...]}.
//
//   node bench/tools/dev-latency-page.mjs <mfbundle> <project> <leaf> <edits>
import { spawn } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import readline from "node:readline";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const puppeteer = createRequire(path.join(ROOT, "tests/puppeteer/package.json"))("puppeteer-core");
const CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].find(fs.existsSync);
const [mfbundle, project, leaf, edits] = process.argv.slice(2);
const original = fs.readFileSync(leaf, "utf8");
const version = (k) =>
  `${original}\nif (import.meta.hot) import.meta.hot.accept();\nif (globalThis.__ran) globalThis.__ran(${k});\n`;

const dev = spawn(mfbundle, ["dev", project, "--port", "0", "--json"], { stdio: ["ignore", "pipe", "ignore"] });
let browser;
try {
  const url = await new Promise((resolve, reject) => {
    let listening = null;
    readline.createInterface({ input: dev.stdout }).on("line", (line) => {
      const event = JSON.parse(line);
      if (event.event === "listening") listening = event.url;
      if (event.event === "build" && listening) resolve(listening);
    });
    dev.on("exit", () => reject(new Error("mfbundle dev exited")));
  });
  browser = await puppeteer.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  const page = await browser.newPage();
  const waiting = new Map();
  await page.exposeFunction("__ran", (k) => {
    const w = waiting.get(k);
    if (w) w(performance.now());
  });
  const ran = (k) => new Promise((resolve) => waiting.set(k, resolve));
  await page.goto(url, { waitUntil: "load" });
  // The self-accepting version (its first write reloads: the running code accepts nothing).
  let done = ran(0);
  fs.writeFileSync(leaf, version(0));
  await done;
  // Each timed update is applied in place: a navigation would mean a reload.
  let reloads = 0;
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame()) reloads++;
  });
  const samples = [];
  for (let k = 1; k <= Number(edits); k++) {
    await new Promise((r) => setTimeout(r, 200));
    done = ran(k);
    const start = performance.now();
    fs.writeFileSync(leaf, version(k));
    samples.push((await done) - start);
  }
  console.log(JSON.stringify({ samples, reloads }));
} finally {
  fs.writeFileSync(leaf, original);
  if (browser) await browser.close();
  dev.kill();
}
