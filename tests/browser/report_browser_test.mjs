// The report in a real browser: kapsim writes the report of a comparison of two wards, and
// headless Chromium (Debian's, /usr/bin/chromium; never a downloaded one) opens it from a
// file:// URL with the network off. It must log no console errors, draw every chart (an SVG
// or a canvas with content in each chart container), run nothing smuggled in through a
// scenario's text, and it saves a screenshot of the first page, a full-page screenshot and
// the A4 print (PDF) under --out.
//
//   node report_browser_test.mjs --kapsim BIN --source SOURCE_DIR --web WEB_DIR --out DIR
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const kapsim = process.env.KAPSIM_TEST_BINARY || option('--kapsim');
const source = option('--source');
const web = option('--web', path.join(source, 'web'));
const out = option('--out');
const chromiumPath = process.env.KAPSIM_CHROMIUM || option('--chromium', '/usr/bin/chromium');
const { chromium } = createRequire(path.join(web, 'package.json'))('playwright-core');

let failures = 0;
let passes = 0;
function check(ok, what) {
  if (ok) {
    passes += 1;
    console.log(`ok: ${what}`);
  } else {
    failures += 1;
    console.log(`FAILED: ${what}`);
  }
}

function run(args) {
  console.log(`$ kapsim ${args.join(' ')}`);
  execFileSync(kapsim, args, { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, KAPSIM_WEB_DIR: web } });
}

// The default scenario, as the README's run command runs it: avdelning 7, 13 against 16 beds,
// with the report written by --report; then the English report by kapsim report.
const scenarios = ['avd7-13.yaml', 'avd7-16.yaml'].map((f) => path.join(source, 'scenarios', 'vasternorrland', f));
const fixtures = ['ward-13.yaml', 'ward-16.yaml'].map((f) => path.join(source, 'tests', 'browser', 'fixtures', f));
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });
const compareDir = path.join(out, 'compare');
run(['compare', ...scenarios, '--report', '--quiet', '--out', compareDir]);
run(['report', compareDir, '--lang', 'en']);

// A description that would run script if it were not escaped.
const hostileDir = path.join(out, 'hostile');
const hostile = '<script>window.kapsimInjected = 1</script><img src=x onerror="window.kapsimInjected = 2"> U+2028:\u2028.';
run(['compare', ...fixtures, '--reps', '3', '--out', hostileDir, '--set', `scenario.description=${hostile}`]);
run(['report', hostileDir]);

// A capacity curve, whose report has the curve chart the comparison has not.
const capacityDir = path.join(out, 'capacity');
run(['capacity', fixtures[0], '--unit', 'avd7', '--range', '12..16', '--reps', '3', '--quiet', '--report', '--out', capacityDir]);

async function open(context, file) {
  const page = await context.newPage();
  const errors = [];
  const requests = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:')) return route.continue();
    requests.push(url);
    return route.abort();
  });
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  await page.waitForSelector('body[data-charts-ready="true"]', { timeout: 60000 });
  return { page, errors, requests };
}

async function checkReport(context, file, label) {
  const { page, errors, requests } = await open(context, file);
  check(errors.length === 0, `${label}: no console errors${errors.length ? ': ' + errors.join(' | ') : ''}`);
  check(requests.length === 0, `${label}: no network requests${requests.length ? ': ' + requests.join(' ') : ''}`);
  const charts = await page.evaluate(() => {
    const specs = JSON.parse(document.getElementById('kapsim-charts').textContent).charts.length;
    const drawn = [...document.querySelectorAll('.chart')].map((element) => {
      const svg = element.querySelector('svg');
      const canvas = element.querySelector('canvas');
      const box = (svg || canvas || element).getBoundingClientRect();
      const marks = svg ? svg.querySelectorAll('path, rect, line, circle, text').length : 0;
      return {
        id: element.id,
        rendered: element.getAttribute('data-rendered'),
        ok: (svg !== null && marks >= 10 && box.width > 100 && box.height > 50) ||
          (canvas !== null && canvas.width > 100 && canvas.height > 50),
        marks,
      };
    });
    return { specs, drawn };
  });
  check(charts.drawn.length > 0 && charts.drawn.length === charts.specs,
    `${label}: one container per chart (${charts.drawn.length} containers, ${charts.specs} specs)`);
  for (const c of charts.drawn) check(c.rendered === 'true' && c.ok, `${label}: ${c.id} drawn (${c.marks} marks)`);
  return page;
}

const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'kapsim-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: chromiumPath,
  headless: true,
  offline: true,
  viewport: { width: 1000, height: 1414 },  // A4's proportions
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await checkReport(context, path.join(compareDir, 'report-sv.html'), 'Swedish report');
  const heading = await page.textContent('h1');
  check(heading.length > 0, `Swedish report has a heading: ${heading}`);
  await page.screenshot({ path: path.join(out, 'report-screenshot.png') });
  await page.screenshot({ path: path.join(out, 'report-full.png'), fullPage: true });
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: path.join(out, 'report.pdf'), format: 'A4', printBackground: true, preferCSSPageSize: true });
  check(fs.statSync(path.join(out, 'report.pdf')).size > 10000, 'the A4 print was written');

  await checkReport(context, path.join(compareDir, 'report-en.html'), 'English report');
  const capacityPage = await checkReport(context, path.join(capacityDir, 'report-sv.html'), 'capacity curve report');
  await capacityPage.screenshot({ path: path.join(out, 'capacity-report-full.png'), fullPage: true });

  const hostilePage = await checkReport(context, path.join(hostileDir, 'report-sv.html'), 'report with <script> in a description');
  const injected = await hostilePage.evaluate(() => window.kapsimInjected);
  check(injected === undefined, 'a <script> in a scenario description does not run');
  const shown = await hostilePage.evaluate(() => document.body.innerText.includes('<script>window.kapsimInjected = 1</script>'));
  check(shown, 'a <script> in a scenario description is shown as text');
} finally {
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
}

console.log(`\nscreenshot: ${path.join(out, 'report-screenshot.png')}`);
console.log(`browser test: ${passes} passed, ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
