// kapsim studio in a real browser, as a planner uses it (issue 12): headless Chromium (Debian's,
// never a downloaded one) opens the studio, makes a ward from the template, sets 10 beds, about
// 600 admissions a year and a mean stay of 6 days, sees the error of a bad value at its field and
// fixes it, adds the alternative "12 platser", runs the comparison, reads the report's findings,
// results table and charts (from the report's model) and the paired difference on the page and
// downloads the report and the YAML. `kapsim compare` of the downloaded YAML
// must give the very same compare.csv as the studio's run, byte for byte. Then every shipped
// scenario goes through the page's YAML round trip (in node, the page's own module) and must
// keep every comment and its content hash. A screenshot of each step is saved under --out.
//
//   node studio_browser_test.mjs --kapsim BIN --source SOURCE_DIR --web WEB_DIR --out DIR
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { pathToFileURL } from 'node:url';

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const kapsim = process.env.KAPSIM_TEST_BINARY || option('--kapsim');
const source = path.resolve(option('--source'));
const web = path.resolve(option('--web', path.join(source, 'web')));
const out = path.resolve(option('--out'));
const chromiumPath = process.env.KAPSIM_CHROMIUM || option('--chromium', '/usr/bin/chromium');
const { chromium } = createRequire(path.join(web, 'package.json'))('playwright-core');
const scenarioText = await import(pathToFileURL(path.join(web, 'studio', 'scenario_text.js')).href);

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
  return ok;
}

fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });
const downloads = path.join(out, 'downloads');
fs.mkdirSync(downloads);
const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'kapsim-studio-ws-'));
const token = 'feedc0de0123456789abcdef01234567';

// The studio, on a free port; its first line of output is the address with the token.
const studio = spawn(kapsim, ['studio', '--workspace', workspace, '--port', '0', '--token', token], {
  stdio: ['ignore', 'pipe', 'inherit'],
  env: { ...process.env, KAPSIM_WEB_DIR: web },
});
const studioExit = new Promise((resolve) => studio.on('exit', (code, signal) => resolve({ code, signal })));
const firstLine = await Promise.race([
  new Promise((resolve) => readline.createInterface({ input: studio.stdout }).once('line', resolve)),
  studioExit.then(() => null),
  new Promise((resolve) => setTimeout(() => resolve(null), 20000)),
]);
const address = firstLine && /(http:\/\/\S+)/.exec(firstLine);
if (!check(address !== null, `kapsim studio printed its address: ${firstLine}`)) {
  studio.kill('SIGTERM');
  process.exit(1);
}
const url = address[1];
// However the test ends, the studio is stopped and the test does not hang.
const watchdog = setTimeout(() => {
  console.log('FAILED: the browser test took over 9 minutes');
  studio.kill('SIGKILL');
  process.exit(1);
}, 540000);
watchdog.unref();
const origin = new URL(url).origin;
console.log(`studio at ${url}`);

async function api(method, route, body) {
  const response = await fetch(origin + route, {
    method,
    headers: { 'X-Kapsim-Token': token, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return response;
}

// A scenario in the workspace whose description is markup, which the page must show as text.
const hostile = fs.readFileSync(path.join(source, 'scenarios', 'validation', 'erlang-b.yaml'), 'utf8')
  .replace(/^(\s*)description: .*$/m, '$1description: "<img src=x onerror=\\"window.kapsimInjected=1\\"><script>window.kapsimInjected=2</script>"');
fs.writeFileSync(path.join(workspace, 'markup.yaml'), hostile);

const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'kapsim-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: chromiumPath,
  headless: true,
  acceptDownloads: true,
  viewport: { width: 1280, height: 1000 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let step = 0;
async function shot(page, name, options = {}) {
  step += 1;
  const file = path.join(out, `${String(step).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file, ...options });
  console.log(`screenshot: ${file}`);
}

let runId = null;
let yamlText = '';
try {
  await planner();
} catch (error) {
  check(false, `the planner's steps ran to the end: ${error.message.split('\n').slice(0, 6).join(' / ')}`);
} finally {
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
}

async function planner() {
  const page = context.pages()[0] || await context.newPage();
  const errors = [];
  const foreign = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('request', (request) => {
    const target = request.url();
    if (!target.startsWith(origin) && !target.startsWith('blob:') && !target.startsWith('data:') && !target.startsWith('about:')) foreign.push(target);
  });

  // 1. Start: templates, the workspace and the shipped library.
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForSelector('[data-template="ward"] button.use-template', { timeout: 20000 });
  check((await page.locator('.start-library h3').allTextContents()).join('|').includes('Västernorrland'), 'the start lists the shipped library by region');
  check((await page.textContent('nav.tabs')).includes('Alternativ'), 'the page speaks Swedish by default');
  await shot(page, 'start');

  // 2. A ward from the template.
  await page.click('[data-template="ward"] button.use-template');
  await page.waitForSelector('[data-path="units.avdelning.beds"] input.value');
  await page.waitForSelector('.check-status .check-summary', { timeout: 20000 });
  check(await page.locator('[data-path="units.avdelning.beds"] .decide-mark').count() === 1, 'the template\'s beds are marked as a value to decide');
  await shot(page, 'template-opened');

  // 3. What the planner knows: 10 beds, 420 acute and 180 planned a year, 6 days' mean stay.
  const beds = '[data-path="units.avdelning.beds"]';
  await page.fill(`${beds} input.value`, '10');
  await page.fill('[data-path="classes.akut_avgiftning.arrivals.rate"] input.number', '420');
  await page.fill('[data-path="classes.planerad_avgiftning.arrivals.rate"] input.number', '180');
  check(await page.inputValue('[data-path="classes.akut_avgiftning.arrivals.rate"] select.unit-picker') === 'year', 'the rate\'s unit picker says per year');
  await page.fill('[data-path="units.avdelning.length_of_stay.mean"] input.number', '6');
  check(await page.inputValue('[data-path="units.avdelning.length_of_stay.mean"] select.unit-picker') === 'day', 'the stay\'s unit picker says days');
  await page.fill('[data-path="scenario.replications"] input.value', '4');
  await page.waitForSelector('.check-status.good[data-current="true"]', { timeout: 20000 });
  check(await page.locator(`${beds} .decide-mark`).count() === 0, 'the beds are no longer marked once set');
  check((await page.inputValue(`${beds} input.note`)).includes('vårdplatser') && !(await page.inputValue(`${beds} input.note`)).includes('BESTÄM'),
    'the beds\' note keeps its text without the marker word');
  const yamlNow = await page.evaluate(() => document.querySelector('textarea.yaml-text')?.value ?? null);
  check(yamlNow === null, 'the text view is not shown while editing forms');
  await page.locator('#sec-units').scrollIntoViewIfNeeded();
  const figures = await page.locator('.unit-figures[data-unit="avdelning"]').count();
  check(figures === 1, 'the ward shows the figures the check computes for it');
  if (figures) console.log(`  figures: ${(await page.locator('.unit-figures[data-unit="avdelning"]').innerText()).replace(/\n/g, ' | ')}`);
  await shot(page, 'known-values', { fullPage: true });

  // 4. A bad value is shown at its field, and fixed.
  await page.fill(`${beds} input.value`, 'tio');
  await page.waitForSelector(`${beds} .field-error`, { timeout: 20000 });
  const message = await page.textContent(`${beds} .field-error`);
  check(message.includes('tio'), `the error for beds "tio" is shown at the beds field: ${message}`);
  // In the planner's language: the message and its hint in Swedish, the path and the value as written.
  check(message.includes("'units.avdelning.beds' måste vara ett tal, inte 'tio'") && message.includes('skriv ett vanligt tal')
    && !/must be|write a/.test(message), `the error and its hint are in Swedish: ${message}`);
  await page.evaluate((selector) => document.querySelector(selector).scrollIntoView({ block: 'center' }), beds);
  await shot(page, 'error-at-field');
  await page.fill(`${beds} input.value`, '-3');
  await page.waitForFunction((selector) => {
    const e = document.querySelector(`${selector} .field-error`);
    return e && !e.textContent.includes('tio');
  }, beds, { timeout: 20000 });
  check(true, `the error for beds -3 is shown at the beds field: ${await page.textContent(`${beds} .field-error`)}`);
  await page.fill(`${beds} input.value`, '10');
  await page.waitForSelector('.check-status.good[data-current="true"]', { timeout: 20000 });
  check(await page.locator(`${beds} .field-error`).count() === 0, 'the error is gone once the beds are 10 again');
  await page.evaluate((selector) => document.querySelector(selector).scrollIntoView({ block: 'center' }), beds);
  await shot(page, 'error-fixed');

  // The pathway diagram draws the ward, the emergency department and the way out.
  await page.locator('#sec-pathways').scrollIntoViewIfNeeded();
  const boxes = await page.locator('.pathway-diagram g.box').count();
  const dashed = await page.locator('.pathway-diagram g.route.overflow').count();
  check(boxes === 3 && dashed === 1, `the pathway diagram has the two units and "ut" (${boxes} boxes) and a dashed overflow route (${dashed})`);
  await page.locator('#sec-pathways').screenshot({ path: path.join(out, `${String(++step).padStart(2, '0')}-pathway-diagram.png`) });

  // 5. The alternative "12 platser".
  await page.click('button[data-tab="alternatives"]');
  await page.click('button.add-base-label');
  await page.fill('[data-path="scenario.label"] input.value', '10 platser');
  await page.click('button.add-variant');
  await page.fill('fieldset.variant input.variant-name', '12 platser');
  await page.click('fieldset.variant button.add-change');
  await page.selectOption('fieldset.variant select.change-path', 'units.avdelning.beds');
  await page.fill('fieldset.variant input.change-value', '12');
  await page.waitForSelector('.check-status.good[data-current="true"]', { timeout: 20000 });
  const sideBySide = await page.locator('table.side-by-side tr[data-path="units.avdelning.beds"]').innerText();
  check(/10\s+12/.test(sideBySide), `the alternative is shown beside the base: ${sideBySide.replace(/\s+/g, ' ')}`);
  await shot(page, 'alternative');

  // 6. Run the comparison.
  await page.click('button[data-tab="run"]');
  await page.click('button.run-start');
  await page.waitForSelector('.run-status', { timeout: 20000 });
  const estimate = await page.locator('.run-status .estimate').count();
  check(estimate === 1, 'the estimated run time is shown');
  await shot(page, 'running');
  await page.waitForSelector('.run-status[data-state="done"], .run-status[data-state="failed"]', { timeout: 300000 });
  runId = await page.getAttribute('.run-status', 'data-run');
  check(await page.getAttribute('.run-status', 'data-state') === 'done', `the run ${runId} is done`);
  const status = await (await api('GET', `/api/runs/${runId}`)).json();
  const expected = status.compare.metrics['12-platser'].units.avdelning.p_diverted.difference.mean;
  const row = page.locator('table.compare-table tr[data-variant="12-platser"][data-metric="units.avdelning.p_diverted"]');
  check(await row.count() === 1, 'the paired difference of the share diverted is in the table on the page');
  const shown = await row.getAttribute('data-diff');
  check(Number(shown) === expected, `the page's paired difference is the run's (${shown} = ${expected})`);
  const rowText = await row.innerText();
  // A share reads as a percentage, its difference in percentage points, with a decimal comma.
  const swedish = `${(expected * 100).toLocaleString('sv-SE', { maximumSignificantDigits: 3 })} [`;
  check(rowText.includes('12 platser') && rowText.includes(swedish) && rowText.includes('procentenheter'), `the row reads in Swedish: ${rowText.replace(/\s+/g, ' ')}`);
  await page.locator('.compare-results').screenshot({ path: path.join(out, `${String(++step).padStart(2, '0')}-paired-differences.png`) });

  // The whole report in its sandboxed frame, folded under what the studio shows from its model.
  await page.waitForSelector('details.report > summary');
  check(!(await page.locator('details.report').getAttribute('open')), 'the whole report is folded under the findings');
  await page.click('details.report > summary');
  await page.waitForSelector('iframe.report-frame');
  const frame = page.frameLocator('iframe.report-frame');
  let reportText = '';
  try {
    await frame.locator('h1').first().waitFor({ timeout: 30000 });
    reportText = await frame.locator('body').innerText();
  } catch (error) {
    reportText = '';
  }
  check(reportText.length > 500, `the report is shown in the page (${reportText.length} characters)`);
  let chartsReady = false;
  try {
    await frame.locator('body[data-charts-ready="true"]').waitFor({ state: 'attached', timeout: 30000 });
    chartsReady = true;
  } catch (error) {
    chartsReady = false;
  }
  check(chartsReady, 'the report\'s charts are drawn in its frame');

  // What the report says, shown by the studio itself from the report's model (report-sv.json):
  // the same findings and the same results table, above the report's frame.
  const model = await (await api('GET', `/api/runs/${runId}/files/report-sv.json`)).json();
  const firstSentence = model.summary.findings[0].sentences[0].text;
  await page.waitForSelector('.report-model .model-summary ul.findings li', { timeout: 20000 });
  const shownSentences = await page.locator('.report-model .model-summary ul.findings li').allInnerTexts();
  check(shownSentences.length >= 1 && shownSentences[0].trim() === firstSentence,
    `the studio shows the report's first finding from its model: ${shownSentences[0]}`);
  check(reportText.includes(firstSentence), 'the same sentence is in the report in the frame');
  const numbered = await page.locator('.report-model .model-summary ul.findings li >> nth=0 >> span.num[data-source]').count();
  check(numbered > 0, `the finding's numbers carry their sources (${numbered})`);
  const modelRows = model.results.rows;
  const shownRows = await page.locator('.report-model table.results-table tbody tr:not(.over-assumptions)').count();
  check(modelRows.length > 0 && shownRows === modelRows.length, `the studio shows the report's results table (${shownRows} of ${modelRows.length} rows)`);
  const headings = await page.locator('.report-model table.results-table thead th').allInnerTexts();
  check(headings.slice(2).join('|') === '10 platser|12 platser', `the table has a column per alternative (${headings.join(' | ')})`);
  const firstCell = await page.locator('.report-model table.results-table tbody tr >> nth=0 >> td >> nth=2').innerText();
  check(firstCell === modelRows[0].cells[0].text && reportText.includes(firstCell),
    `the table's first figure is the report's (${firstCell})`);
  // The model's charts, drawn by the page with the report's chart libraries.
  let drawn = 0;
  try {
    await page.waitForFunction((n) => document.querySelectorAll('.report-model figure.model-chart[data-rendered="drawn"]').length === n
      || document.querySelector('.report-model figure.model-chart[data-rendered="failed"]'), model.charts.length, { timeout: 60000 });
    drawn = await page.locator('.report-model figure.model-chart[data-rendered="drawn"] svg').count();
  } catch (error) {
    drawn = -1;
  }
  check(model.charts.length > 0 && drawn === model.charts.length, `the studio draws the report's ${model.charts.length} charts from its model (${drawn} drawn)`);
  check(!(await page.locator('.report-model').innerHTML()).includes('<script'), 'the model is shown as text, not markup');
  await page.locator('.report-model').screenshot({ path: path.join(out, `${String(++step).padStart(2, '0')}-report-model.png`) });
  await page.evaluate(() => document.querySelector('details.report').scrollIntoView({ block: 'start' }));
  await shot(page, 'report-in-page');

  // 7. Downloads: the report, the results and the YAML.
  async function download(selector) {
    const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
    const target = path.join(downloads, file.suggestedFilename());
    await file.saveAs(target);
    return target;
  }
  const report = await download('button.download-report');
  check(fs.readFileSync(report, 'utf8').includes('<html'), `the report downloads (${path.basename(report)}, ${fs.statSync(report).size} bytes)`);
  // The report in a tab of its own, for the browser's A4 print.
  const [tab] = await Promise.all([page.context().waitForEvent('page'), page.click('a.open-report')]);
  await tab.waitForSelector('body[data-charts-ready="true"]', { timeout: 60000 });
  await tab.emulateMedia({ media: 'print' });
  const pdf = path.join(downloads, 'report-a4.pdf');
  await tab.pdf({ path: pdf, format: 'A4', printBackground: true, preferCSSPageSize: true });
  check(fs.statSync(pdf).size > 10000, 'the report opens in a tab of its own and prints as A4');
  await tab.close();
  const csv = await download('button.download-csv');
  const yaml = await download('button.download-yaml');
  yamlText = fs.readFileSync(yaml, 'utf8');
  check(yamlText.includes('12 platser') && /beds: 10\b/.test(yamlText), `the YAML downloads with the alternative (${path.basename(yaml)})`);
  check(errors.length === 0, `no console errors${errors.length ? ': ' + errors.join(' | ') : ''}`);
  check(foreign.length === 0, `no requests outside the studio${foreign.length ? ': ' + foreign.join(' ') : ''}`);

  // 8. The downloaded YAML is an ordinary file for kapsim compare: the same compare.csv, bit for bit.
  const cliOut = path.join(out, 'cli-compare');
  execFileSync(kapsim, ['compare', yaml, '--out', cliOut, '--quiet'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const studioCsv = Buffer.from(await (await api('GET', `/api/runs/${runId}/files/compare.csv`)).arrayBuffer());
  const cliCsv = fs.readFileSync(path.join(cliOut, 'compare.csv'));
  check(studioCsv.length > 100 && studioCsv.equals(cliCsv), `kapsim compare of the downloaded YAML gives the studio's compare.csv byte for byte (${cliCsv.length} bytes)`);
  check(fs.readFileSync(csv).equals(studioCsv), 'the downloaded compare.csv is the run\'s');

  // A capacity curve and a sweep of one assumption, from the same page.
  await page.check('input[name="command"][value="capacity"]');
  await page.fill('.run-options input >> nth=0', '9');
  await page.fill('.run-options input >> nth=1', '11');
  await page.click('button.run-start');
  await page.waitForSelector('.run-status[data-state="done"] ~ .curve-results .curve-table, .run-status[data-state="failed"]', { timeout: 300000 });
  const capacityColumns = await page.locator('.curve-table thead th').allTextContents();
  check(capacityColumns.slice(2).join(' ') === '9 10 11', `the capacity curve has a column per number of beds (${capacityColumns.slice(2).join(' ')})`);
  check(await page.locator('.curve-table tr[data-metric="units.avdelning.occupancy_pct"]').count() === 1, 'the capacity curve shows the occupancy');
  await page.locator('.curve-results').screenshot({ path: path.join(out, `${String(++step).padStart(2, '0')}-capacity-curve.png`) });
  await page.check('input[name="command"][value="sweep"]');
  await page.selectOption('.run-options select', 'units.avdelning.length_of_stay.mean');
  await page.fill('.run-options input', '5 dagar; 7 dagar');
  await page.click('button.run-start');
  await page.waitForFunction(() => {
    const head = document.querySelector('.curve-table thead');
    return head && head.textContent.includes('7 dagar');
  }, null, { timeout: 300000 });
  check(true, 'the sweep of the mean stay shows its means at 5 and 7 days');
  await page.locator('.curve-results').screenshot({ path: path.join(out, `${String(++step).padStart(2, '0')}-sweep.png`) });
  // The sweep's report, from its model: what the range of each measure is over the values tried.
  let sweepFindings = 0;
  try {
    await page.waitForSelector('.report-model .model-summary li', { timeout: 60000 });
    sweepFindings = await page.locator('.report-model .model-summary li').count();
  } catch (error) {
    sweepFindings = 0;
  }
  check(sweepFindings > 0, `the sweep's report says what the assumption does (${sweepFindings} sentences)`);
  const sweepSummary = sweepFindings > 0 ? await page.locator('.report-model .model-summary').innerText() : '';
  check(/prövade antaganden/.test(sweepSummary), `the sweep's summary is in Swedish: ${sweepSummary.slice(0, 160).replace(/\s+/g, ' ')}`);
  await page.locator('.report-model').screenshot({ path: path.join(out, `${String(++step).padStart(2, '0')}-sweep-report.png`) });

  // A long run can be cancelled.
  await page.fill('[data-path="scenario.replications"] input.value', '2000');
  await page.check('input[name="command"][value="compare"]');
  await page.waitForSelector('.check-status.good[data-current="true"]', { timeout: 20000 });
  await page.click('button.run-start');
  await page.waitForSelector('.run-status[data-state="running"] button.run-cancel, .run-buttons button.run-cancel', { timeout: 20000 });
  await shot(page, 'long-run');
  await page.click('button.run-cancel');
  await page.waitForSelector('.run-status[data-state="cancelled"]', { timeout: 20000 });
  const cancelled = await page.getAttribute('.run-status', 'data-run');
  const cancelledState = await (await api('GET', `/api/runs/${cancelled}`)).json();
  check(cancelledState.state === 'cancelled', `a long run is cancelled by the button (${cancelledState.state})`);
  await page.fill('[data-path="scenario.replications"] input.value', '4');
  await page.waitForSelector('.check-status.good[data-current="true"]', { timeout: 20000 });

  // Saved in the workspace under a name, with its notes; listed on the start page.
  await page.fill('.save-name', 'min-avdelning.yaml');
  await page.click('button.save-button');
  await page.waitForSelector('.save .saved', { timeout: 20000 });
  const saved = fs.readFileSync(path.join(workspace, 'min-avdelning.yaml'), 'utf8');
  check(saved === yamlText, 'the saved file is the scenario as downloaded');
  check(saved.includes('# körinställning: samma seed ger samma resultat'), 'the saved file keeps the template\'s notes');
  await page.click('button[data-tab="start"]');
  await page.waitForSelector('.start-workspace .scenario-item[data-path="min-avdelning.yaml"]');
  // Text from a file is shown as text: a description with markup runs nothing.
  const hostileText = await page.evaluate(() => window.kapsimInjected);
  check(hostileText === undefined, 'no script from a scenario\'s text ran');
  const shownHostile = await page.locator('.start-workspace').innerText();
  check(shownHostile.includes('<img src=x onerror='), 'a description with markup is shown as text on the start page');
  await shot(page, 'start-with-saved');

  // A shipped alternative saved as the planner's own brings the base it builds on (extends:).
  await page.click('.start-library .scenario-item[data-path="library/vasternorrland/avd7-16.yaml"] button.open-scenario');
  await page.waitForSelector('.check-status[data-current="true"]', { timeout: 20000 });
  await page.fill('.save-name', 'avd7-16.yaml');
  await page.click('button.save-button');
  await page.waitForSelector('.save .saved', { timeout: 20000 });
  const savedNote = await page.textContent('.save .saved');
  const shippedBase = fs.readFileSync(path.join(source, 'scenarios', 'vasternorrland', 'avd7-13.yaml'), 'utf8');
  const copiedBase = fs.existsSync(path.join(workspace, 'avd7-13.yaml')) ? fs.readFileSync(path.join(workspace, 'avd7-13.yaml'), 'utf8') : '';
  check(savedNote.includes('avd7-13.yaml') && copiedBase === shippedBase,
    `the shipped avd7-16 saved to the workspace brings its base avd7-13 along, and says so: ${savedNote}`);
  await page.locator('.save').screenshot({ path: path.join(out, `${String(++step).padStart(2, '0')}-saved-with-base.png`) });
  // Back to the planner's own ward for the steps that follow.
  await page.click('button[data-tab="start"]');
  await page.click('.start-workspace .scenario-item[data-path="min-avdelning.yaml"] button.open-scenario');
  await page.waitForSelector('.check-status[data-current="true"]', { timeout: 20000 });

  // kapsim fit one button away: an export of stays gives a patient group's arrivals, with their provenance.
  const stays = ['inskrivning;utskrivning;patientgrupp'];
  for (let i = 0; i < 300; i += 1) {
    const day = Math.floor(i * 1.2);
    const admitted = new Date(Date.UTC(2024, 0, 1 + day, 8 + (i * 7) % 12));
    const discharged = new Date(admitted.getTime() + (2 + (i * 13) % 9) * 86400000 + ((i * 5) % 24) * 3600000);
    const when = (d) => d.toISOString().slice(0, 16).replace('T', ' ');
    stays.push(`${when(admitted)};${when(discharged)};${i % 3 === 0 ? 'planerad' : 'akut'}`);
  }
  const export_ = path.join(out, 'stays.csv');
  fs.writeFileSync(export_, `${stays.join('\n')}\n`);
  await page.click('button[data-tab="edit"]');
  await page.click('.fit-panel > summary');
  await page.setInputFiles('.fit-file', export_);
  await page.waitForSelector('.fit-class, .fit-panel pre.run-error', { timeout: 120000 });
  check(await page.locator('.fit-class[data-class="akut"]').count() === 1, 'kapsim fit of an export offers the arrivals of each patient group');
  await page.selectOption('.fit-class[data-class="akut"] select', 'akut_avgiftning');
  await page.click('.fit-class[data-class="akut"] button.fit-apply');
  await page.locator('.fit-panel').screenshot({ path: path.join(out, `${String(++step).padStart(2, '0')}-fit.png`) });
  await page.click('button[data-tab="text"]');
  const fittedText = await page.inputValue('textarea.yaml-text');
  check(/rate: [0-9.]+\/day # FITTED: stays\.csv/.test(fittedText), 'the fitted rate goes into the scenario with its FITTED note');

  // A month profile added with a button and drawn as bars; dragging July's bar up raises its weight.
  await page.click('button[data-tab="edit"]');
  await page.click('fieldset[data-path="classes.planerad_avgiftning.arrivals"] > .add-keys button[data-key="month"]');
  const chart = page.locator('[data-path="classes.planerad_avgiftning.arrivals.month"] svg.profile-chart');
  await chart.scrollIntoViewIfNeeded();
  const july = await chart.locator('rect.bar >> nth=6').boundingBox();
  await page.mouse.move(july.x + july.width / 2, july.y + 2);
  await page.mouse.down();
  await page.mouse.move(july.x + july.width / 2, july.y - 30, { steps: 5 });
  await page.mouse.up();
  const month = await page.inputValue('[data-path="classes.planerad_avgiftning.arrivals.month"] input.value');
  const weights = JSON.parse(month);
  check(weights.length === 12 && weights[6] > 1.2 && weights.filter((w, i) => i !== 6).every((w) => w === 1),
    `dragging July's bar up raises July's weight alone (${month})`);
  await page.locator('[data-path="classes.planerad_avgiftning.arrivals.month"]').screenshot({ path: path.join(out, `${String(++step).padStart(2, '0')}-month-profile.png`) });
  // Ångra takes the drag back as one step, Gör om brings it again.
  const monthNow = () => page.inputValue('[data-path="classes.planerad_avgiftning.arrivals.month"] input.value').then(JSON.parse);
  await page.click('button.undo-button');
  const undone = await monthNow();
  await page.click('button.redo-button');
  const redone = await monthNow();
  check(undone.length === 12 && undone.every((w) => w === 1) && JSON.stringify(redone) === JSON.stringify(weights),
    `Ångra takes the whole drag back (${JSON.stringify(undone)}) and Gör om brings it again (${JSON.stringify(redone)})`);

  // Without the overflow route, the acute patients the full ward turns away are lost: the ward says so.
  // (The route's group is a key of the file, so it is changed in the YAML text, which the forms then read.)
  await page.click('button[data-tab="text"]');
  const withRoute = await page.inputValue('textarea.yaml-text');
  await page.fill('textarea.yaml-text', withRoute.replace('akut_avgiftning: {akutmottagning', 'planerad_avgiftning: {akutmottagning'));
  await page.click('.text-view button');
  await page.click('button[data-tab="edit"]');
  await page.waitForSelector('.check-status[data-current="true"]', { timeout: 20000 });
  const lost = page.locator('.unit-figures[data-unit="avdelning"] .warning');
  const lostTexts = (await lost.allTextContents()).join(' | ');
  check(await lost.count() > 0, `the ward warns where people are lost: ${lostTexts}`);
  // In the planner's language, naming the group, with the first figure in Swedish too.
  check(lostTexts.includes('akut_avgiftning') && lostTexts.includes('lämnar modellen') && !lostTexts.includes('overflow route'),
    `the warning is in Swedish and names the group: ${lostTexts}`);
  const figure = await page.textContent('.unit-figures[data-unit="avdelning"] .first-figure');
  check(/Erlang [ABC]: .*(får inte plats|skulle få vänta)/.test(figure) && !/would wait|turned away/.test(figure),
    `the first figure is in Swedish: ${figure}`);
  await page.locator('.unit-card[data-unit="avdelning"] .unit-figures').screenshot({ path: path.join(out, `${String(++step).padStart(2, '0')}-people-lost.png`) });

  // English on request.
  await page.selectOption('header .language select', 'en');
  await page.evaluate(() => window.scrollTo(0, 0));
  check((await page.textContent('nav.tabs')).includes('Alternatives'), 'the English switch changes the page\'s words');
  // The check's own messages follow the switch: a bad value's error at its field in English.
  await page.fill(`${beds} input.value`, 'tio');
  await page.waitForFunction((selector) => {
    const e = document.querySelector(`${selector} .field-error`);
    return e && e.textContent.includes('must be a number');
  }, beds, { timeout: 20000 });
  const english = await page.textContent(`${beds} .field-error`);
  check(english.includes("'units.avdelning.beds' must be a number, not 'tio'") && english.includes('write a plain number')
    && !english.includes('måste'), `in English the error and its hint are English: ${english}`);
  await page.evaluate((selector) => document.querySelector(selector).scrollIntoView({ block: 'center' }), beds);
  await shot(page, 'english-error');
  await page.fill(`${beds} input.value`, '10');
  await page.waitForSelector('.check-status[data-current="true"]', { timeout: 20000 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, 'english');
}

// 9. Every shipped scenario through the page's YAML round trip keeps its comments and content hash.
for (const region of ['vasternorrland', 'jamtland', 'validation']) {
  for (const file of fs.readdirSync(path.join(source, 'scenarios', region)).sort()) {
    if (!file.endsWith('.yaml') || file.startsWith('sensitivity') || file.startsWith('sweep')) continue;
    const text = fs.readFileSync(path.join(source, 'scenarios', region, file), 'utf8');
    if (/^sweep:/m.test(text)) continue;
    const parsed = scenarioText.parseScenario(text);
    const written = scenarioText.writeScenario(parsed.doc);
    const before = scenarioText.commentsOf(text);
    const after = scenarioText.commentsOf(written);
    const lost = before.filter((c, i) => after[i] !== c);
    check(parsed.doc.errors.length === 0 && before.length > 0 && lost.length === 0 && after.length === before.length,
      `${region}/${file}: the round trip keeps all ${before.length} comments${lost.length ? ', lost: ' + lost.slice(0, 3).join(' / ') : ''}`);
    const libraryPath = `library/${region}/${file}`;
    const original = await (await api('POST', '/api/check', { text, path: libraryPath })).json();
    const again = await (await api('POST', '/api/check', { text: written, path: libraryPath })).json();
    check(original.content_hash && original.content_hash === again.content_hash,
      `${region}/${file}: the same content hash after the round trip (${original.content_hash} / ${again.content_hash})`);
  }
}

studio.kill('SIGTERM');
const exit = await Promise.race([studioExit, new Promise((resolve) => setTimeout(() => resolve({ code: 'timeout' }), 10000))]);
check(exit.code === 0, `kapsim studio exits 0 on SIGTERM (${JSON.stringify(exit)})`);
fs.rmSync(workspace, { recursive: true, force: true });
console.log(`studio browser test: ${passes} passed, ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
