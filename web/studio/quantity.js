// Rates ("600 per år", "1.2/day") and durations ("6 dagar", "8h") split into a number and a
// unit for the number box and the unit picker, and written back in the planner's language.
// Anything these do not recognise stays free text, so no value is ever rewritten behind the
// planner's back.

const RATE_UNITS = [
  { id: 'year', sv: 'år', en: 'year', words: ['år', 'year', 'years', 'yr', 'y', 'a'] },
  { id: 'month', sv: 'månad', en: 'month', words: ['månad', 'månader', 'month', 'months', 'mo'] },
  { id: 'week', sv: 'vecka', en: 'week', words: ['vecka', 'veckor', 'week', 'weeks', 'w', 'wk'] },
  { id: 'day', sv: 'dag', en: 'day', words: ['dag', 'dagar', 'dygn', 'day', 'days', 'd'] },
];

const DURATION_UNITS = [
  { id: 'hour', sv: 'timmar', en: 'hours', words: ['h', 'timmar', 'timme', 'hour', 'hours', 'tim'] },
  { id: 'day', sv: 'dagar', en: 'days', words: ['d', 'dagar', 'dag', 'dygn', 'day', 'days'] },
  { id: 'week', sv: 'veckor', en: 'weeks', words: ['w', 'veckor', 'vecka', 'week', 'weeks'] },
  { id: 'month', sv: 'månader', en: 'months', words: ['mo', 'månader', 'månad', 'month', 'months'] },
  { id: 'year', sv: 'år', en: 'years', words: ['y', 'år', 'year', 'years'] },
  { id: 'minute', sv: 'minuter', en: 'minutes', words: ['min', 'minuter', 'minut', 'minute', 'minutes'] },
];

function unitOf(units, word) {
  const w = word.toLowerCase();
  return units.find((u) => u.words.includes(w)) || null;
}

const NUMBER = '(-?[0-9]+(?:\\.[0-9]+)?)';

export function parseRate(text) {
  const match = new RegExp(`^\\s*${NUMBER}\\s*(?:/|per\\s+)\\s*([A-Za-zåäöÅÄÖ]+)\\s*$`).exec(String(text ?? ''));
  if (!match) return null;
  const unit = unitOf(RATE_UNITS, match[2]);
  return unit ? { number: match[1], unit: unit.id } : null;
}

export function parseDuration(text) {
  const match = new RegExp(`^\\s*${NUMBER}\\s*([A-Za-zåäöÅÄÖ]+)\\s*$`).exec(String(text ?? ''));
  if (!match) return null;
  const unit = unitOf(DURATION_UNITS, match[2]);
  return unit ? { number: match[1], unit: unit.id } : null;
}

export function rateUnits(lang) {
  return RATE_UNITS.map((u) => ({ id: u.id, label: lang === 'en' ? `per ${u.en}` : `per ${u.sv}` }));
}

export function durationUnits(lang) {
  return DURATION_UNITS.map((u) => ({ id: u.id, label: lang === 'en' ? u.en : u.sv }));
}

export function writeRate(number, unitId, lang) {
  const unit = RATE_UNITS.find((u) => u.id === unitId) || RATE_UNITS[0];
  return `${String(number).trim()} per ${lang === 'en' ? unit.en : unit.sv}`;
}

export function writeDuration(number, unitId, lang) {
  const unit = DURATION_UNITS.find((u) => u.id === unitId) || DURATION_UNITS[1];
  return `${String(number).trim()} ${lang === 'en' ? unit.en : unit.sv}`;
}

// Keys whose values are durations (a number and a time unit).
const DURATION_KEYS = new Set(['warmup', 'run_length', 'mean', 'sd', 'value', 'min', 'max', 'mode', 'scale']);

export function isDurationKey(path) {
  const last = String(path[path.length - 1]);
  return DURATION_KEYS.has(last);
}

export function isRatePath(path) {
  const keys = path.map(String);
  return keys.length >= 2 && keys[keys.length - 1] === 'rate' && keys[keys.length - 2] === 'arrivals';
}
