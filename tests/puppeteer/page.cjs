// Opens a page in Debian's headless Chromium (puppeteer-core, no browser download), waits
// until the page sets `window.__done` (or the time given runs out), and prints one JSON
// object: { done, results: window.__results, text: the body's text, console: [{type, text}],
// pageErrors: [message] }.
// Usage: node page.cjs URL [timeout ms]
const puppeteer = require("puppeteer-core");

const [url, waitMs = "30000"] = process.argv.slice(2);
const executablePath = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].find(
  (p) => require("fs").existsSync(p)
);

(async () => {
  const browser = await puppeteer.launch({
    executablePath,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking"],
  });
  try {
    const page = await browser.newPage();
    const consoleMessages = [];
    const pageErrors = [];
    page.on("console", (m) => consoleMessages.push({ type: m.type(), text: m.text() }));
    page.on("pageerror", (e) => pageErrors.push(String(e && e.message)));
    await page.goto(url, { waitUntil: "domcontentloaded" });
    let done = true;
    try {
      await page.waitForFunction(() => window.__done === true, { timeout: Number(waitMs), polling: 50 });
    } catch (e) {
      done = false;
    }
    const results = await page.evaluate(() => window.__results || null);
    const text = await page.evaluate(() => document.body.innerText);
    process.stdout.write(JSON.stringify({ done, results, text, console: consoleMessages, pageErrors }) + "\n");
  } finally {
    await browser.close();
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
