// Drives a page served by `mfbundle dev` through edits of one source file, in Debian's
// headless Chromium (puppeteer-core), and prints what it saw as one JSON object.
// Usage: node dev-reload.cjs URL FILE CSS
// The page must show its version in #root, styled by CSS. Steps: v1 is shown; FILE gets v2
// (the page must reload and show it); CSS makes #root blue (the stylesheet must be swapped
// without a reload); FILE gets a syntax error (the overlay must appear, with v2 still on the
// page); FILE gets v3 (the overlay must go and v3 show).
const fs = require("fs");
const puppeteer = require("puppeteer-core");

const [url, file, css] = process.argv.slice(2);
const executablePath = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].find((p) =>
  fs.existsSync(p)
);
const source = (version) => `import "./style.css";\ndocument.getElementById("root").textContent = "${version}";\n`;

(async () => {
  const browser = await puppeteer.launch({
    executablePath,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
  });
  const seen = {};
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e && e.message)));
    await page.goto(url, { waitUntil: "domcontentloaded" });
    const root = () => page.evaluate(() => (document.getElementById("root") || {}).textContent || "");
    const waitFor = async (fn, label) => {
      try {
        await page.waitForFunction(fn, { timeout: 15000, polling: 50 });
        return true;
      } catch (e) {
        // A timeout, or the predicate threw (reported as a page error too).
        seen[`timeout ${label}`] = String(e && e.message);
        return false;
      }
    };
    await waitFor(() => document.getElementById("root") && document.getElementById("root").textContent === "v1", "v1");
    seen.first = await root();
    await page.evaluate(() => (window.__marker = "before edit"));

    fs.writeFileSync(file, source("v2"));
    await waitFor(() => document.getElementById("root") && document.getElementById("root").textContent === "v2", "v2");
    seen.afterEdit = await root();
    seen.reloaded = (await page.evaluate(() => window.__marker)) === undefined;

    await page.evaluate(() => (window.__marker = "before css edit"));
    const color = () => getComputedStyle(document.getElementById("root")).color;
    seen.colorBefore = await page.evaluate(color);
    fs.writeFileSync(css, "#root { color: rgb(0, 0, 255); }\n");
    await waitFor(() => getComputedStyle(document.getElementById("root")).color === "rgb(0, 0, 255)", "css");
    seen.colorAfter = await page.evaluate(color);
    seen.reloadedForCss = (await page.evaluate(() => window.__marker)) === undefined;

    fs.writeFileSync(file, 'document.getElementById("root").textContent = ;\n');
    await waitFor(() => !!document.querySelector("[id^=__mfbundle_overlay]"), "overlay");
    seen.overlay = await page.evaluate(() => (document.querySelector("[id^=__mfbundle_overlay]") || {}).textContent || null);
    seen.duringError = await root();

    fs.writeFileSync(file, source("v3"));
    await waitFor(
      // The fix reloads the page: #root is missing until the new document is parsed.
      () =>
        !document.querySelector("[id^=__mfbundle_overlay]") &&
        (document.getElementById("root") || {}).textContent === "v3",
      "v3"
    );
    seen.afterFix = await root();
    seen.overlayAfterFix = await page.evaluate(() => !!document.querySelector("[id^=__mfbundle_overlay]"));
    seen.pageErrors = errors;
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(seen) + "\n");
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
