// axe-core in headless Chromium over every page of an HTML build.
// Usage: node axe.mjs HTML_DIR   (run by run.sh, which sets VALIDATE_NODE_MODULES and CHROMIUM)
// Prints each serious or critical violation as `page: rule (impact) target: help` and exits 1
// when there is any; moderate and minor ones are counted, not failed.
import { createRequire } from "node:module";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

const FAIL_IMPACTS = new Set(["serious", "critical"]);
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
let minor = 0;
const minorRules = new Map();
const files = pages(htmlDir);
try {
  const page = await browser.newPage();
  for (const file of files) {
    const shown = path.relative(htmlDir, file);
    await page.goto(pathToFileURL(path.resolve(file)).href, { waitUntil: "load", timeout: 60000 });
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
  }
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
const minorList = [...minorRules].map(([rule, n]) => `${rule} x${n}`).join(", ");
console.log(`axe: ${files.length} pages, ${failures} serious or critical violations, ` +
            `${minor} moderate or minor${minor ? ` (not failed: ${minorList})` : ""}`);
process.exit(failures ? 1 : 0);
