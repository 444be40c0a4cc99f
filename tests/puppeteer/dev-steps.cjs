// Drives a page served by `mfbundle dev` through a list of steps in Debian's headless
// Chromium (puppeteer-core) and prints what it saw as one JSON object: the values the steps
// recorded, how many times the page navigated after it first loaded (a hot update must not
// navigate), the page's errors and the steps that timed out.
// Usage: node dev-steps.cjs PLAN.json, where PLAN is { url, steps: [...], args?: [Chromium
// flags] } and each step is
//   { "wait": JS expression }       wait until it is true (15 s at most)
//   { "click": CSS selector }
//   { "write": path, "text": text }  write a source file
//   { "record": name, "eval": JS expression }
const fs = require("fs");
const puppeteer = require("puppeteer-core");

const plan = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const executablePath = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].find((p) =>
  fs.existsSync(p)
);

(async () => {
  const browser = await puppeteer.launch({
    executablePath,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", ...(plan.args || [])],
  });
  const seen = { recorded: {}, navigations: 0, pageErrors: [], timeouts: [], console: [] };
  try {
    const page = await browser.newPage();
    page.on("pageerror", (e) => seen.pageErrors.push(String((e && e.stack) || e)));
    page.on("console", (m) => seen.console.push(m.text()));
    const pending = new Set();
    page.on("request", (r) => pending.add(r.url()));
    page.on("requestfinished", (r) => pending.delete(r.url()));
    page.on("requestfailed", (r) => pending.delete(r.url()));
    seen.pending = () => [...pending].filter((u) => !u.includes("/__mfbundle/poll"));
    page.on("requestfailed", (r) => seen.console.push("request failed: " + r.url() + " " + (r.failure() || {}).errorText));
    await page.goto(plan.url, { waitUntil: "domcontentloaded" });
    page.on("framenavigated", (f) => {
      if (f === page.mainFrame()) seen.navigations++;
    });
    for (const [i, step] of plan.steps.entries()) {
      if (step.wait !== undefined) {
        try {
          // Not yet true while it throws (e.g. during a reload, before #root is parsed):
          // puppeteer runs predicates in the page and reports one that throws as a page error.
          const wait = `(() => { try { return (${step.wait}); } catch (e) { return false; } })()`;
          await page.waitForFunction(wait, { timeout: 15000, polling: 50 });
        } catch (e) {
          seen.timeouts.push(`step ${i}: ${step.wait}`);
          seen.pageAtTimeout = await page
            .evaluate(() => ({
              text: document.body ? document.body.innerText.slice(0, 300) : null,
              scripts: performance.getEntriesByType("resource").map((r) => r.name + " " + Math.round(r.duration)),
            }))
            .catch((e) => String(e));
          if (typeof seen.pageAtTimeout === "object") seen.pageAtTimeout.pending = seen.pending();
        }
      } else if (step.click !== undefined) {
        await page.click(step.click);
      } else if (step.write !== undefined) {
        fs.writeFileSync(step.write, step.text);
      } else if (step.record !== undefined) {
        try {
          seen.recorded[step.record] = await page.evaluate(step.eval);
        } catch (e) {
          seen.pageErrors.push(`step ${i}: ${e && e.message}`);
        }
      }
    }
  } finally {
    delete seen.pending;
    await browser.close();
  }
  process.stdout.write(JSON.stringify(seen) + "\n");
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
