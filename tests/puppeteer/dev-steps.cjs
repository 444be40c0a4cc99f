// Drives a page served by `mfbundle dev` through a list of steps in Debian's headless
// Chromium (puppeteer-core) and prints what it saw as one JSON object: the values the steps
// recorded, how many times the page navigated after it first loaded (a hot update must not
// navigate), the page's errors and the steps that timed out.
// Usage: node dev-steps.cjs PLAN.json, where PLAN is { url, steps: [...] } and each step is
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
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
  });
  const seen = { recorded: {}, navigations: 0, pageErrors: [], timeouts: [], console: [] };
  try {
    const page = await browser.newPage();
    page.on("pageerror", (e) => seen.pageErrors.push(String((e && e.stack) || e)));
    page.on("console", (m) => seen.console.push(m.text()));
    await page.goto(plan.url, { waitUntil: "domcontentloaded" });
    page.on("framenavigated", (f) => {
      if (f === page.mainFrame()) seen.navigations++;
    });
    for (const [i, step] of plan.steps.entries()) {
      if (step.wait !== undefined) {
        try {
          await page.waitForFunction(step.wait, { timeout: 15000, polling: 50 });
        } catch (e) {
          seen.timeouts.push(`step ${i}: ${step.wait}`);
        }
      } else if (step.click !== undefined) {
        await page.click(step.click);
      } else if (step.write !== undefined) {
        fs.writeFileSync(step.write, step.text);
      } else if (step.record !== undefined) {
        seen.recorded[step.record] = await page.evaluate(step.eval);
      }
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(seen) + "\n");
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
