// The studio page's YAML handling, in node with the page's own module (web/studio/scenario_text.js):
// an error's line and column lead to the field of the value there, a typed value keeps the value's
// note and drops the marker of a value to decide, lists and references stay what they were, and
// writing back keeps every comment.
//
//   node studio_text_test.mjs --web WEB_DIR
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}
const web = path.resolve(option('--web', 'web'));
if (!fs.existsSync(path.join(web, 'node_modules', 'yaml', 'package.json'))) {
  const what = `${web}/node_modules/yaml (run npm ci --prefix web)`;
  if (process.env.CI === 'true' || process.env.CI === '1') {
    console.log(`FAILED: missing ${what}`);
    process.exit(1);
  }
  console.log(`KAPSIM_SKIP: studio text test skipped, missing ${what} (in CI this fails)`);
  process.exit(0);
}
const S = await import(pathToFileURL(path.join(web, 'studio', 'scenario_text.js')).href);

let failures = 0;
let passes = 0;
function expect(ok, what, detail) {
  if (ok) passes += 1;
  else failures += 1;
  console.log(`${ok ? 'ok' : 'FAILED'}: ${what}${ok || detail === undefined ? '' : ` (${JSON.stringify(detail)})`}`);
}
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

const text = `# a ward
scenario:
  name: avdelning
units:
  avdelning:
    kind: ward
    beds: 9                     # BESTÄM: vårdplatser
    length_of_stay: {distribution: lognormal, mean: 7 dagar, sd: 5 dagar}   # ANTAGANDE: sneda vårdtider
    planned:
      closed_weeks: [28-31]     # BESTÄM: sommarstängt
classes:
  akut:
    municipality: &shares {a: 0.5, b: 0.5}
    arrivals: {rate: 300 per år}
  planerad:
    municipality: *shares
`;

// Errors to fields: the value's own position, a key's position, a position inside a flow mapping.
const parsed = S.parseScenario(text);
const placed = S.placeErrors(parsed, [
  { line: 7, column: 11, message: 'beds' },
  { line: 7, column: 5, message: 'the key beds' },
  { line: 8, column: 54, message: 'mean' },
  { line: 10, column: 22, message: 'a week' },
  { line: 1, column: 1, message: 'a comment line' },
  { message: 'no place at all' },
]);
expect(same(placed[0].path, ['units', 'avdelning', 'beds']), 'an error at a value belongs to that value\'s field', placed[0].path);
expect(same(placed[1].path, ['units', 'avdelning', 'beds']), 'an error at a key belongs to that key\'s field', placed[1].path);
expect(same(placed[2].path, ['units', 'avdelning', 'length_of_stay', 'mean']), 'an error inside {…} belongs to the key there', placed[2].path);
expect(same(placed[3].path, ['units', 'avdelning', 'planned', 'closed_weeks', 0]), 'an error inside [...] belongs to that item (the list\'s field shows it)', placed[3].path);
expect(same(placed[4].path, []) && same(placed[5].path, []), 'errors at no value belong to no field (listed at the top)', [placed[4].path, placed[5].path]);

// A typed value keeps the note and loses the marker of a value to decide.
let doc = S.parseScenario(text).doc;
S.setFromInput(doc, ['units', 'avdelning', 'beds'], '10');
let written = S.writeScenario(doc);
expect(/beds: 10 # vårdplatser\n/.test(written), 'setting the beds keeps the note without BESTÄM', written.split('\n')[6]);
expect(S.nodeAt(doc, ['units', 'avdelning', 'beds']).value === 10, 'a typed number is written as a number');
S.setFromInput(doc, ['units', 'avdelning', 'beds'], 'tio');
expect(S.writeScenario(doc).includes('beds: tio # vårdplatser'), 'a typed word is written as it is, for the check to judge');
S.setFromInput(doc, ['units', 'avdelning', 'beds'], '10.');
expect(S.nodeAt(doc, ['units', 'avdelning', 'beds']).value === '10.', 'a number being typed ("10.") is kept as typed');

// Lists, flow mappings and references.
doc = S.parseScenario(text).doc;
S.setFromInput(doc, ['units', 'avdelning', 'planned', 'closed_weeks'], '[26-32, 52]');
written = S.writeScenario(doc);
expect(written.includes('closed_weeks: [26-32, 52] # sommarstängt'), 'a typed list is a flow list with its note kept', written.split('\n')[9]);
S.setFromInput(doc, ['units', 'avdelning', 'planned', 'closed_weeks'], '[26-');
expect(S.writeScenario(doc).includes('closed_weeks: "[26-"'), 'a list being typed is kept as text until it is one');
expect(S.inputText(S.nodeAt(doc, ['classes', 'planerad', 'municipality'])) === '*shares', 'a reference shows as *name');
S.setFromInput(doc, ['classes', 'planerad', 'municipality'], '*shares');
written = S.writeScenario(doc);
expect(written.includes('municipality: *shares') && written.includes('&shares'), 'a reference written back stays a reference');
expect(same(S.parseScenario(written).doc.toJSON().classes.planerad.municipality, { a: 0.5, b: 0.5 }), 'and still means the anchored value');

// Notes edited; comments kept through a round trip.
doc = S.parseScenario(text).doc;
S.setComment(doc, ['units', 'avdelning', 'beds'], '[källa: vn-utredning-2021 §beroendeplatser]');
written = S.writeScenario(doc);
expect(written.includes('beds: 9 # [källa: vn-utredning-2021 §beroendeplatser]'), 'a note becomes the value\'s comment');
const before = S.commentsOf(text);
const after = S.commentsOf(S.writeScenario(S.parseScenario(text).doc));
expect(same(before, after) && before.length === 4, 'writing back keeps every comment', { before, after });

console.log(`studio text test: ${passes} passed, ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
