// axe-core in headless Chromium over every page of an HTML build, as three readers see it:
// - light: furo's light theme, 1280 px wide;
// - dark: the system prefers a dark scheme (emulated) and furo's toggle says dark
//   (body[data-theme="dark"]), 1280 px wide;
// - phone: 390 px wide (an iPhone 12-15's width in CSS pixels), light.
// In each, it also checks that no identifier is split across lines: every requirement ID and
// IP5 principle (span.stkit-id, .stkit-req-ref, .stkit-req-id) lies on one line box.
// Usage: node axe.mjs HTML_DIR   (run by run.sh, which sets VALIDATE_NODE_MODULES and CHROMIUM)
// Prints each serious or critical violation as `page [mode]: rule (impact) target: help`, and
// each split identifier as `page [mode]: identifier split across lines: ID`; exits 1 when
// there is any; moderate and minor violations are counted, not failed.
import { createRequire } from "node:module";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

const FAIL_IMPACTS = new Set(["serious", "critical"]);
const MODES = [
  { name: "light", width: 1280, dark: false },
  { name: "dark", width: 1280, dark: true },
  { name: "phone", width: 390, dark: false },
];
const IDENTIFIERS = ".stkit-id, .stkit-req-ref, .stkit-req-id";
const SKIP_DIRS = new Set(["_static", "_sources", "_images", "_downloads"]);
const CHROMIUM_FLAGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
  "--disable-dev-shm-usage",
];

const htmlDir = process.argv[2];
if (!htmlDir) {
  console.error("usage: node axe.mjs HTML_DIR");
  process.exit(2);
}
const require = createRequire(path.join(process.env.VALIDATE_NODE_MODULES || "node_modules", "noop.js"));
const puppeteer = require("puppeteer-core");
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

function pages(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && !SKIP_DIRS.has(entry.name)) found.push(...pages(full));
    else if (entry.isFile() && entry.name.endsWith(".html")) found.push(full);
  }
  return found.sort();
}

const profile = mkdtempSync(path.join(tmpdir(), "stkit-axe-"));
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: [...CHROMIUM_FLAGS, `--user-data-dir=${profile}`],
});
let failures = 0;
let splits = 0;
let minor = 0;
const minorRules = new Map();
const files = pages(htmlDir);
try {
  const page = await browser.newPage();
  for (const mode of MODES) {
    await page.setViewport({ width: mode.width, height: 900 });
    await page.emulateMediaFeatures([
      { name: "prefers-color-scheme", value: mode.dark ? "dark" : "light" }]);
    for (const file of files) {
      const shown = `${path.relative(htmlDir, file)} [${mode.name}]`;
      await page.goto(pathToFileURL(path.resolve(file)).href, { waitUntil: "load", timeout: 60000 });
      // furo reads its toggle from localStorage when the page loads; set it as the toggle would
      await page.evaluate((dark) => { document.body.dataset.theme = dark ? "dark" : "light"; }, mode.dark);
      await page.addScriptTag({ content: axeSource });
      const violations = await page.evaluate(async () => {
        const result = await window.axe.run(document, { resultTypes: ["violations"] });
        return result.violations.map((v) => ({
          id: v.id, impact: v.impact, help: v.help,
          targets: v.nodes.map((n) => n.target.join(" ")),
        }));
      });
      for (const v of violations) {
        if (!FAIL_IMPACTS.has(v.impact)) {
          minor += v.targets.length;
          minorRules.set(`${v.id} (${v.impact})`, (minorRules.get(`${v.id} (${v.impact})`) || 0) + v.targets.length);
          continue;
        }
        failures += v.targets.length;
        for (const target of v.targets.slice(0, 5)) {
          console.log(`${shown}: ${v.id} (${v.impact}) ${target}: ${v.help}`);
        }
        if (v.targets.length > 5) console.log(`${shown}: ${v.id}: ... and ${v.targets.length - 5} more`);
      }
      // An identifier split across lines has more than one line box (client rect); one in a
      // collapsed or hidden part of the page (the phone's closed navigation) has none.
      const split = await page.evaluate((selector) => [...document.querySelectorAll(selector)]
        .filter((el) => new Set([...el.getClientRects()].filter((r) => r.width > 0)
          .map((r) => Math.round(r.top))).size > 1)
        .map((el) => el.textContent.trim()), IDENTIFIERS);
      splits += split.length;
      for (const text of split.slice(0, 5)) console.log(`${shown}: identifier split across lines: ${text}`);
      if (split.length > 5) console.log(`${shown}: ... and ${split.length - 5} more split identifiers`);
    }
  }
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
const minorList = [...minorRules].map(([rule, n]) => `${rule} x${n}`).join(", ");
console.log(`axe: ${files.length} pages x ${MODES.map((m) => m.name).join(", ")}: ` +
            `${failures} serious or critical violations, ${splits} split identifiers, ` +
            `${minor} moderate or minor${minor ? ` (not failed: ${minorList})` : ""}`);
process.exit(failures || splits ? 1 : 0);
