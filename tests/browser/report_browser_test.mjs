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

// The default scenario, as the README's run command runs it: avdelning 7, 13 against 15 and 16
// beds, with the report written by --report; then the English report by kapsim report.
const scenarios = ['avd7-13.yaml', 'avd7-15.yaml', 'avd7-16.yaml'].map((f) => path.join(source, 'scenarios', 'vasternorrland', f));
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

// A sweep of the fixture ward's assumptions (a grid, and a Latin hypercube), reported alone and
// with the comparison it tests: the tornado charts and the range sentences draw as the rest.
const sweepDir = path.join(out, 'sweep');
run(['sweep', path.join(source, 'tests', 'sensitivity', 'ward-sweep.yaml'), '--quiet', '--out', sweepDir]);
run(['report', sweepDir]);
const lhsDir = path.join(out, 'sweep-lhs');
run(['sweep', path.join(source, 'tests', 'sensitivity', 'ward-sweep-lhs.yaml'), '--quiet', '--out', lhsDir]);
run(['report', lhsDir]);
const withSweepDir = path.join(out, 'compare-with-sweep');
run(['compare', ...fixtures, '--reps', '3', '--quiet', '--out', withSweepDir, '--sensitivity', sweepDir]);

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
  // Axis labels never drawn into each other ("240260"): no two labels of one axis overlap.
  const collisions = await page.evaluate(() => {
    const found = [];
    const axes = document.querySelectorAll('.chart svg g.role-axis-label');
    if (axes.length === 0) found.push('no axis labels found to check');
    for (const axis of axes) {
      const boxes = [...axis.querySelectorAll('text')].filter((t) => t.textContent.trim() !== '' &&
        getComputedStyle(t).opacity !== '0').map((t) => ({ text: t.textContent, box: t.getBoundingClientRect() }));
      for (let i = 0; i < boxes.length; i += 1) {
        for (let j = i + 1; j < boxes.length; j += 1) {
          const a = boxes[i].box;
          const b = boxes[j].box;
          if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) {
            found.push(`${axis.closest('.chart').id}: "${boxes[i].text}" and "${boxes[j].text}"`);
          }
        }
      }
    }
    return found;
  });
  check(collisions.length === 0, `${label}: no axis labels overlap${collisions.length ? ': ' + collisions.join('; ') : ''}`);
  return page;
}

// What a committee reads, before the appendices: in Swedish, naming units and alternatives,
// never a unit's id, a file path or an English sentence.
const englishWords = ['the', 'and', 'with', 'beds', 'ward', 'which', 'placements', 'detox', 'summer', 'closed', 'planned',
  'expected', 'is', 'are', 'of'];
async function checkSwedishForACommittee(page, label, unitIds) {
  const text = await page.evaluate(() => {
    const parts = [];
    for (const node of [document.querySelector('header.cover'), ...document.querySelectorAll('main > section')]) {
      if (node.classList.contains('appendix')) break;
      parts.push(node.innerText);
    }
    return parts.join('\n');
  });
  check(text.length > 1000, `${label}: the pages before the appendices hold the summary, the table and the charts`);
  const ids = unitIds.filter((id) => new RegExp(`(^|[^A-Za-z0-9_-])${id}($|[^A-Za-z0-9_-])`).test(text));
  check(ids.length === 0, `${label}: no unit id before the appendices${ids.length ? ': ' + ids.join(', ') : ''}`);
  const paths = text.match(/[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+/g) || [];
  check(paths.length === 0, `${label}: no file path before the appendices${paths.length ? ': ' + paths.join(' ') : ''}`);
  const english = englishWords.filter((w) => new RegExp(`(^|[^A-Za-zåäöÅÄÖ])${w}($|[^A-Za-zåäöÅÄÖ])`, 'i').test(text));
  check(english.length === 0, `${label}: no English word before the appendices${english.length ? ': ' + english.join(', ') : ''}`);
  const appendix = await page.evaluate(() => document.querySelector('main > section.appendix h2')?.textContent || '');
  check(appendix.startsWith('Bilaga'), `${label}: the technical material is an appendix ("${appendix}")`);
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
  await checkSwedishForACommittee(page, 'Swedish report', ['avd7', 'hvb', 'summer_hvb', 'acute_detox', 'planned_detox',
    'summer_detox', 'placements']);
  const html = fs.readFileSync(path.join(compareDir, 'report-sv.html'), 'utf8');
  const machine = ['/work/', 'seeds/', '.txt:', source].filter((s) => html.includes(s));
  check(machine.length === 0, `Swedish report names no folder of this machine${machine.length ? ': ' + machine.join(' ') : ''}`);
  await page.screenshot({ path: path.join(out, 'report-screenshot.png') });
  await page.screenshot({ path: path.join(out, 'report-full.png'), fullPage: true });
  await page.locator('#results').screenshot({ path: path.join(out, 'report-results-table.png') });
  await page.locator('#charts').screenshot({ path: path.join(out, 'report-charts.png') });
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: path.join(out, 'report.pdf'), format: 'A4', printBackground: true, preferCSSPageSize: true });
  check(fs.statSync(path.join(out, 'report.pdf')).size > 10000, 'the A4 print was written');

  await checkReport(context, path.join(compareDir, 'report-en.html'), 'English report');
  const capacityPage = await checkReport(context, path.join(capacityDir, 'report-sv.html'), 'capacity curve report');
  await checkSwedishForACommittee(capacityPage, 'capacity curve report', ['avd7']);
  await capacityPage.screenshot({ path: path.join(out, 'capacity-report-full.png'), fullPage: true });

  const withSweep = await checkReport(context, path.join(withSweepDir, 'report-sv.html'), 'comparison with its sweep');
  const tornadoes = await withSweep.evaluate(() => [...document.querySelectorAll('.chart[id^="chart-sens-"]')].length);
  check(tornadoes > 0, `comparison with its sweep: tornado charts (${tornadoes})`);
  const both = await withSweep.evaluate(() => document.querySelector('#summary').innerText);
  check(/KI [0-9]+–[0-9]+\) med dagens antaganden; [0-9]+–[0-9]+ över de [0-9]+ prövade antagandena/.test(both),
    'comparison with its sweep: page 1 gives both the interval and the range over the assumptions');
  await withSweep.screenshot({ path: path.join(out, 'sensitivity-report-full.png'), fullPage: true });
  await checkReport(context, path.join(sweepDir, 'report-sv.html'), 'sweep report (grid)');
  await checkReport(context, path.join(lhsDir, 'report-sv.html'), 'sweep report (Latin hypercube)');

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
