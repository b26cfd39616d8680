// Writes README.md's section "Questions and answers": for each question the source documents
// ask, the kapsim command that answers it, the answer it gives today with 95 % confidence
// intervals, and the assumptions it rests on. Every figure is read from the outputs of the
// commands it runs, so the section stays true; --check fails when README.md no longer matches
// (readme_answers_test runs it).
//
//   node tools/questions_and_answers.mjs --kapsim build/app/kapsim --readme README.md [--check]
//       [--threads T] [--keep DIR] [--root DIR]
//
// --threads is passed to kapsim (the results do not depend on it); --keep DIR keeps kapsim's
// outputs there; --root is the repository root the commands run from (default: this file's
// parent directory).
//
// The section lies between the marker lines BEGIN and END below; only those lines are
// rewritten (atomically), the rest of README.md is left as it is. Commands run from the
// repository root with each scenario's own seed and replications; kapsim is bitwise
// reproducible for the same seed and version, and the text holds no version or timestamp, so
// it changes only when the results do. Node's standard library only.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BEGIN = '<!-- questions-and-answers:begin -->';
const END = '<!-- questions-and-answers:end -->';
const SHOWN_BINARY = './build/app/kapsim';
const GENERATOR = 'node tools/questions_and_answers.mjs --kapsim build/app/kapsim --readme README.md';
const ASSUMPTIONS = 'scenarios/ASSUMPTIONS.md';

// ---------------------------------------------------------------------------------------------
// Command line

function parseArgs(argv) {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const options = { check: false, threads: null, keep: null, kapsim: null, readme: null, root: path.join(here, '..') };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
      i += 1;
      return argv[i];
    };
    if (arg === '--kapsim') options.kapsim = value();
    else if (arg === '--readme') options.readme = value();
    else if (arg === '--threads') options.threads = value();
    else if (arg === '--keep') options.keep = value();
    else if (arg === '--root') options.root = value();
    else if (arg === '--check') options.check = true;
    else if (arg === '--help' || arg === '-h') {
      console.log('usage: node tools/questions_and_answers.mjs --kapsim BIN [--readme README.md] [--check] [--threads T] [--keep DIR] [--root DIR]');
      process.exit(0);
    } else throw new Error(`unknown option ${arg}`);
  }
  if (!options.kapsim) throw new Error('--kapsim BIN is required (e.g. build/app/kapsim)');
  if (!options.readme) options.readme = path.join(options.root, 'README.md');
  return options;
}

// ---------------------------------------------------------------------------------------------
// Statistics: Student's t interval, for sums of payers that kapsim does not report as one metric

function logGamma(x) {
  const g = [676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61503916999185,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = 0.99999999999980993;
  const t = z + 7.5;
  for (let i = 0; i < 8; i += 1) a += g[i] / (z + i + 1);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

// Continued fraction of the regularized incomplete beta function (modified Lentz).
function betaFraction(a, b, x) {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  d = 1 / (Math.abs(d) < tiny ? tiny : d);
  let h = d;
  for (let m = 1; m <= 500; m += 1) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d; d = 1 / (Math.abs(d) < tiny ? tiny : d);
    c = 1 + aa / c; if (Math.abs(c) < tiny) c = tiny;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d; d = 1 / (Math.abs(d) < tiny ? tiny : d);
    c = 1 + aa / c; if (Math.abs(c) < tiny) c = tiny;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < 1e-15) break;
  }
  return h;
}

function incompleteBeta(a, b, x) {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  if (x < (a + 1) / (a + b + 2)) return (front * betaFraction(a, b, x)) / a;
  return 1 - (front * betaFraction(b, a, 1 - x)) / b;
}

function tQuantile975(df) {
  const cdf = (t) => 1 - 0.5 * incompleteBeta(df / 2, 0.5, df / (df + t * t));
  let lo = 0;
  let hi = 1000;
  for (let i = 0; i < 200; i += 1) {
    const mid = (lo + hi) / 2;
    if (cdf(mid) < 0.975) lo = mid; else hi = mid;
  }
  return (lo + hi) / 2;
}

function estimate(values) {
  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
  const half = tQuantile975(n - 1) * sd / Math.sqrt(n);
  return { mean, sd, ci_low: mean - half, ci_high: mean + half, n };
}

// ---------------------------------------------------------------------------------------------
// Running kapsim and reading its outputs

class Kapsim {
  constructor(binary, root, work, threads) {
    this.binary = path.resolve(binary);
    this.root = root;
    this.work = work;
    this.threads = threads;
    this.runs = 0;
  }

  // args as a user types them after the binary; returns the output directory.
  run(args) {
    this.runs += 1;
    const out = path.join(this.work, `run-${String(this.runs).padStart(2, '0')}`);
    const full = [...args, '--quiet', '--out', out];
    if (this.threads !== null) full.push('--threads', this.threads);
    const started = Date.now();
    const result = spawnSync(this.binary, full, { cwd: this.root, encoding: 'utf8', maxBuffer: 1 << 28 });
    if (result.error) throw new Error(`cannot run ${this.binary}: ${result.error.message}`);
    if (result.status !== 0) {
      throw new Error(`kapsim ${args.join(' ')} failed (exit ${result.status}):\n${result.stderr}`);
    }
    process.stderr.write(`  kapsim ${args.join(' ')}: ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    return out;
  }
}

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

// kapsim's CSV: '#' comment lines, a header, fields quoted when they hold a comma.
function readCsv(file) {
  const lines = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l !== '' && !l.startsWith('#'));
  const split = (line) => {
    const fields = [];
    let field = '';
    let quoted = false;
    for (let i = 0; i < line.length; i += 1) {
      const c = line[i];
      if (quoted) {
        if (c === '"' && line[i + 1] === '"') { field += '"'; i += 1; } else if (c === '"') quoted = false;
        else field += c;
      } else if (c === '"') quoted = true;
      else if (c === ',') { fields.push(field); field = ''; } else field += c;
    }
    fields.push(field);
    return fields;
  };
  const header = split(lines[0]);
  return lines.slice(1).map((line) => {
    const fields = split(line);
    return Object.fromEntries(header.map((h, i) => [h, fields[i]]));
  });
}

const NOT_MUNICIPALITIES = new Set(['total', 'region', 'police', 'state', 'municipalities']);

// The outputs of `kapsim compare`: compare.json, manifest.json and each variant's replications.
class Comparison {
  constructor(dir) {
    this.dir = dir;
    this.json = readJson(path.join(dir, 'compare.json'));
    this.manifest = readJson(path.join(dir, 'manifest.json'));
    this.replicationCache = new Map();
    this.checkIntervals();
  }

  get base() { return this.json.base; }

  get names() { return this.json.variants.map((v) => v.name); }

  get variants() { return this.names.filter((n) => n !== this.base); }

  scenario(name) { return this.manifest.scenarios.find((s) => s.name === name); }

  metric(variant, section, id, metric) {
    const value = this.json.metrics[variant]?.[section]?.[id]?.[metric];
    if (value === undefined) return undefined;
    if (variant !== this.base && value.difference === undefined && this.metric(this.base, section, id, metric) === undefined) {
      // Missing in the base (a payer or unit it does not have): the base's value is 0.
      return { ...value, difference: { mean: value.mean, sd: value.sd, ci_low: value.ci_low, ci_high: value.ci_high, n: value.n } };
    }
    return value;
  }

  // A metric by calendar year, from the variant's own summary.json: [{year, days, mean, ...}].
  byYear(variant, id, metric, section = 'units') {
    const summary = readJson(path.join(this.dir, 'variants', variant, 'summary.json'));
    const years = summary[section]?.[id]?.[metric]?.by_year;
    if (years === undefined) throw new Error(`${this.dir}: no ${section}.${id}.${metric}.by_year for ${variant}`);
    return years;
  }

  unit(variant, id, metric) {
    const value = this.metric(variant, 'units', id, metric);
    if (value === undefined) throw new Error(`${this.dir}: no units.${id}.${metric} for ${variant}`);
    return value;
  }

  payer(variant, id) {
    const value = this.metric(variant, 'payers', id, 'cost_per_year');
    if (value !== undefined) return value;
    const zero = { mean: 0, sd: 0, ci_low: 0, ci_high: 0, n: this.json.replications };
    return variant === this.base ? zero : { ...zero, difference: { ...zero } };
  }

  payerIds() {
    const ids = new Set();
    for (const name of this.names) for (const id of Object.keys(this.json.metrics[name].payers ?? {})) ids.add(id);
    return [...ids];
  }

  // Payers that are municipalities and cost something in some variant.
  municipalities() {
    return this.payerIds().filter((id) => !NOT_MUNICIPALITIES.has(id)
      && this.names.some((n) => Math.abs(this.payer(n, id).mean) > 0));
  }

  replications(variant) {
    if (!this.replicationCache.has(variant)) {
      const rows = readCsv(path.join(this.dir, 'variants', variant, 'replications.csv'));
      const byKey = new Map();
      for (const row of rows) {
        const key = `${row.section}.${row.id}.${row.metric}`;
        if (!byKey.has(key)) byKey.set(key, []);
        byKey.get(key)[Number(row.replication)] = Number(row.value);
      }
      this.replicationCache.set(variant, byKey);
    }
    return this.replicationCache.get(variant);
  }

  // Alternative a against alternative b on one metric ('units.hvb.placements_per_year'),
  // replication by replication, times `scale`: kapsim pairs each alternative with the base only.
  pairedDifference(a, b, key, scale = 1) {
    const ra = this.replications(a).get(key);
    const rb = this.replications(b).get(key);
    return estimate(ra.map((v, r) => (v - rb[r]) * scale));
  }

  // Sum of several payers, replication by replication, with its interval and the paired
  // difference from `against` (the base unless given; kapsim reports each payer, not their sum).
  payerSum(variant, ids, against = this.base) {
    const sums = (name) => {
      const reps = this.replications(name);
      const out = new Array(this.json.replications).fill(0);
      for (const id of ids) {
        const values = reps.get(`payers.${id}.cost_per_year`);
        if (values) values.forEach((v, r) => { out[r] += v; });
      }
      return out;
    };
    const own = sums(variant);
    const result = estimate(own);
    if (variant !== against) {
      const other = sums(against);
      result.difference = estimate(own.map((v, r) => v - other[r]));
    }
    return result;
  }

  // The t interval recomputed here must be kapsim's, or the sums above would be wrong.
  checkIntervals() {
    for (const name of this.names) {
      const total = this.json.metrics[name].payers?.total?.cost_per_year;
      if (!total || total.sd === 0) continue;
      const mine = this.payerSum(name, ['total']);
      const scale = Math.max(1, Math.abs(total.mean));
      if (Math.abs(mine.ci_low - total.ci_low) > 1e-6 * scale || Math.abs(mine.ci_high - total.ci_high) > 1e-6 * scale) {
        throw new Error(`${this.dir}: interval of payers.total for ${name} recomputed as [${mine.ci_low}, ${mine.ci_high}], kapsim says [${total.ci_low}, ${total.ci_high}]`);
      }
    }
  }

  // Places of a unit, from its time-average occupancy and occupancy in % (the outputs hold no
  // capacity as such).
  places(variant, unit, meanMetric = 'occupancy_mean') {
    const mean = this.unit(variant, unit, meanMetric).mean;
    const pct = this.unit(variant, unit, 'occupancy_pct').mean;
    return Math.round((mean / pct) * 100);
  }
}

// The outputs of `kapsim run`: summary.json and manifest.json.
class Run {
  constructor(dir) {
    this.dir = dir;
    this.json = readJson(path.join(dir, 'summary.json'));
    this.scenario = readJson(path.join(dir, 'manifest.json')).scenarios[0];
  }

  metric(section, id, metric) {
    const value = this.json[section]?.[id]?.[metric];
    if (value === undefined) throw new Error(`${this.dir}: no ${section}.${id}.${metric}`);
    return value;
  }
}

// The outputs of `kapsim sweep`: one record per point with its parameters (as written) and the
// mean of every metric kept.
class Sweep {
  constructor(dir) {
    this.dir = dir;
    const rows = readCsv(path.join(dir, 'sweep.csv'));
    const pointsCsv = readCsv(path.join(dir, 'points.csv'));
    this.parameters = Object.keys(pointsCsv[0]).filter((k) => k !== 'point' && k !== 'content_hash' && !k.startsWith('number:') && !k.startsWith('unit:'));
    this.points = pointsCsv.map((p) => ({ index: Number(p.point), params: Object.fromEntries(this.parameters.map((k) => [k, p[k]])), means: new Map() }));
    for (const row of rows) this.points[Number(row.point)].means.set(`${row.section}.${row.id}.${row.metric}`, Number(row.mean));
    const header = fs.readFileSync(path.join(dir, 'sweep.csv'), 'utf8').split('\n')[0];
    this.replications = Number(/replications (\d+)/.exec(header)[1]);
    this.seed = Number(/seed (\d+)/.exec(header)[1]);
  }

  values(parameter) {
    return [...new Set(this.points.map((p) => p.params[parameter]))];
  }

  mean(point, key) {
    const value = point.means.get(key);
    return value === undefined ? 0 : value;  // a payer with no cost at a point is not listed
  }

  // A metric's value in each replication of a point, from replications.csv (read when first asked).
  replicationValues(point, key) {
    if (!this.byReplication) {
      this.byReplication = new Map();
      for (const row of readCsv(path.join(this.dir, 'replications.csv'))) {
        const k = `${row.point}|${row.section}.${row.id}.${row.metric}`;
        if (!this.byReplication.has(k)) this.byReplication.set(k, []);
        this.byReplication.get(k)[Number(row.replication)] = Number(row.value);
      }
    }
    return this.byReplication.get(`${point.index}|${key}`) || [];
  }

  // Sum of the municipalities' costs at a point.
  municipalCost(point) {
    let sum = 0;
    for (const [key, value] of point.means) {
      const m = /^payers\.([^.]+)\.cost_per_year$/.exec(key);
      if (m && !NOT_MUNICIPALITIES.has(m[1])) sum += value;
    }
    return sum;
  }
}

// ---------------------------------------------------------------------------------------------
// Formatting

function group(digits) {
  return digits.length > 3 ? digits.replace(/\B(?=(\d{3})+(?!\d))/g, ' ') : digits;
}

function num(x, decimals, signed = false) {
  if (x === null || x === undefined || Number.isNaN(x)) return '–';
  const text = Math.abs(x).toFixed(decimals);
  const [whole, fraction] = text.split('.');
  const body = fraction === undefined ? group(whole) : `${group(whole)}.${fraction}`;
  if (Number(text) === 0) return body;
  if (x < 0) return `-${body}`;
  return signed ? `+${body}` : body;
}

// How a metric is shown: a scale (shares to %, kronor to Mkr) and decimals.
const F = {
  days: { scale: 1, decimals: 0 },
  days1: { scale: 1, decimals: 1 },
  count: { scale: 1, decimals: 'auto' },
  share: { scale: 100, decimals: 1 },
  pct: { scale: 1, decimals: 1 },
  hours: { scale: 1, decimals: 0 },
  mkr: { scale: 1e-6, decimals: 'mkr' },
  two: { scale: 1, decimals: 2 },  // fractions of a bed or a person
  mkr2: { scale: 1e-6, decimals: 2 },  // amounts under a few Mkr
};

function decimalsFor(format, magnitudes) {
  if (typeof format.decimals === 'number') return format.decimals;
  const largest = Math.max(0, ...magnitudes.filter((m) => Number.isFinite(m)).map((m) => Math.abs(m * format.scale)));
  if (format.decimals === 'auto') return largest >= 100 ? 0 : 1;
  return largest > 0 && largest < 0.1 ? 2 : 1;  // Mkr: 1 decimal, 2 for amounts under 0.1 Mkr
}

function isExact(est) {
  return est.sd === 0 || est.sd <= 1e-9 * Math.max(1, Math.abs(est.mean));
}

// "165 [163, 167]"; a figure that is the same in every replication has no interval.
function withCi(est, format, decimals, signed = false) {
  if (est.mean === null) return '–';
  const s = format.scale;
  const mean = num(est.mean * s, decimals, signed);
  if (isExact(est) || est.ci_low === null) return mean;
  return `${mean} [${num(est.ci_low * s, decimals, signed)}, ${num(est.ci_high * s, decimals, signed)}]`;
}

function level(est, format) {
  return withCi(est, format, decimalsFor(format, [est.mean]));
}

function change(est, format) {
  return withCi(est, format, decimalsFor(format, [est.mean]), true);
}

// "85 fewer [83, 87]": the size of a difference with a word for its direction.
function amount(diff, format, more, fewer, decimals = decimalsFor(format, [diff.mean])) {
  const s = format.scale;
  const word = diff.mean < 0 ? fewer : more;
  const size = num(Math.abs(diff.mean) * s, decimals);
  if (isExact(diff)) return `${size} ${word}`;
  const [lo, hi] = diff.mean < 0 ? [-diff.ci_high, -diff.ci_low] : [diff.ci_low, diff.ci_high];
  return `${size} ${word} [${num(lo * s, decimals)}, ${num(hi * s, decimals)}]`;
}

function table(header, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map((_, i) => (i === 0 ? '---' : '---:'))), ...rows.map(line)].join('\n');
}

// A table of a comparison: one column per variant (mean [95 % CI]), then one per variant with
// its paired difference from the base. rows: {label, get(name) -> estimate, format}.
// names: the base and the variants to show (default: all of them).
function compareTable(cmp, rows, label = (name) => `\`${name}\``, names = cmp.names) {
  const variants = names.filter((n) => n !== cmp.base);
  const header = ['', ...names.map(label), ...variants.map((v) => `\`${v}\` − \`${cmp.base}\``)];
  const body = rows.map((row) => {
    const estimates = names.map((n) => row.get(n));
    const decimals = decimalsFor(row.format, estimates.map((e) => e.mean));
    const levels = estimates.map((e) => withCi(e, row.format, decimals));
    const diffs = variants.map((v) => {
      const d = row.noDifference ? undefined : row.get(v).difference;
      return d ? withCi(d, row.format, decimalsFor(row.format, [d.mean, ...estimates.map((e) => e.mean)]), true) : '–';
    });
    return [row.label, ...levels, ...diffs];
  });
  return table(header, body);
}

const PAYER_NAMES = {
  region: 'the region', police: 'the police (Polisen)', state: 'the state',
  ange: 'Ånge', harnosand: 'Härnösand', kramfors: 'Kramfors', ornskoldsvik: 'Örnsköldsvik',
  solleftea: 'Sollefteå', sundsvall: 'Sundsvall', timra: 'Timrå',
  berg: 'Berg', bracke: 'Bräcke', harjedalen: 'Härjedalen', krokom: 'Krokom', ostersund: 'Östersund',
  ragunda: 'Ragunda', stromsund: 'Strömsund', are: 'Åre',
};

function payerName(id) {
  return PAYER_NAMES[id] ?? id;
}

// Cost rows per payer: region, police, the municipalities together, optionally each
// municipality, and the total; payers with no cost anywhere are left out.
function payerRows(cmp, { each = false } = {}) {
  const rows = [];
  const costs = (id) => cmp.names.some((n) => Math.abs(cmp.payer(n, id).mean) > 0);
  for (const id of ['region', 'police', 'state']) {
    if (cmp.payerIds().includes(id) && costs(id)) rows.push({ label: `Cost to ${payerName(id)}, Mkr/year`, get: (n) => cmp.payer(n, id), format: F.mkr });
  }
  const municipalities = cmp.municipalities();
  if (municipalities.length > 0) {
    rows.push({ label: `Cost to the municipalities together, Mkr/year`, get: (n) => cmp.payerSum(n, municipalities), format: F.mkr });
    if (each) {
      const share = (id) => -Math.abs(cmp.payer(cmp.base, id).mean);
      for (const id of [...municipalities].sort((a, b) => share(a) - share(b))) {
        rows.push({ label: `&nbsp;&nbsp;of which ${payerName(id)}`, get: (n) => cmp.payer(n, id), format: F.mkr });
      }
    }
  }
  rows.push({ label: `Cost in total, Mkr/year`, get: (n) => cmp.payer(n, 'total'), format: F.mkr });
  return rows;
}

function years(days) {
  const y = days / 365.25;
  if (Math.abs(y - Math.round(y)) < 1e-9) return Math.round(y) === 1 ? '1 year' : `${Math.round(y)} years`;
  return `${Math.round(days)} days`;
}

function addDays(isoDate, days) {
  const d = new Date(`${isoDate}T00:00:00Z`);
  return new Date(d.getTime() + days * 86400000);
}

function firstObservedYear(scenario) {
  return addDays(scenario.start, Math.round(scenario.warmup_days)).getUTCFullYear();
}

// The calendar years observed: "2021–2030", or "2016".
// A year is 365.25 days, so the observed period starts and ends within a day of a new year:
// its first year is that of the rounded start, its last that of the last whole day.
function period(scenario) {
  const first = firstObservedYear(scenario);
  const last = addDays(scenario.start, Math.floor(scenario.warmup_days + scenario.run_length_days) - 1).getUTCFullYear();
  return first === last ? `${first}` : `${first}–${last}`;
}

// "20 replications of 10 years (2021–2030) after a warm-up of 2 years, seed 7"
function runDescription(scenario) {
  const warmup = scenario.warmup_days > 0 ? ` after a warm-up of ${years(scenario.warmup_days)}` : '';
  return `${scenario.replications} replications of ${years(scenario.run_length_days)} (${period(scenario)})${warmup}, seed ${scenario.seed}`;
}

function command(args) {
  const quoted = args.map((a) => (/[<>|&;*? ]/.test(a) ? `'${a}'` : a));
  return ['```sh', `${SHOWN_BINARY} ${quoted.join(' ')}`, '```'].join('\n');
}

function assumptionLink(file) {
  const anchor = file.toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-');
  return `[${ASSUMPTIONS}: ${file}](${ASSUMPTIONS}#${anchor})`;
}

function list(items, last = 'and') {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${last} ${items[items.length - 1]}`;
}

function range(values, format, decimals) {
  const d = decimals ?? decimalsFor(format, values);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return `${num(lo * format.scale, d)} to ${num(hi * format.scale, d)}`;
}

function argmin(items, key) {
  return items.reduce((best, item) => (key(item) < key(best) ? item : best));
}

function argmax(items, key) {
  return items.reduce((best, item) => (key(item) > key(best) ? item : best));
}

// "36 to 116 fewer" when every value is negative, "2 to 9 more" when every one is positive,
// "from -3 to 5" otherwise: a range of differences over the points of a sweep.
function spread(values, format, more, fewer, decimals) {
  const d = decimals ?? decimalsFor(format, values);
  const s = format.scale;
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  if (hi < 0) return `${num(-hi * s, d)} to ${num(-lo * s, d)} ${fewer}`;
  if (lo > 0) return `${num(lo * s, d)} to ${num(hi * s, d)} ${more}`;
  return `from ${num(lo * s, d, true)} to ${num(hi * s, d, true)}`;
}

// Main effects over a grid: for each parameter, the mean of value(point) at each of its levels;
// the parameter whose level means spread the most comes first.
function mainEffects(points, parameters, value) {
  return parameters.map((parameter) => {
    const levels = new Map();
    for (const p of points) {
      const key = p.params[parameter];
      if (!levels.has(key)) levels.set(key, []);
      levels.get(key).push(value(p));
    }
    const means = [...levels.entries()].map(([level, vs]) => ({ level, mean: vs.reduce((a, b) => a + b, 0) / vs.length }));
    const lows = argmin(means, (m) => m.mean);
    const highs = argmax(means, (m) => m.mean);
    return { parameter, low: lows, high: highs, effect: highs.mean - lows.mean };
  }).sort((a, b) => b.effect - a.effect);
}

// ---------------------------------------------------------------------------------------------
// The questions

function avd7Beds(kapsim) {
  const args = ['compare', 'scenarios/vasternorrland/avd7-13.yaml', 'scenarios/vasternorrland/avd7-15.yaml', 'scenarios/vasternorrland/avd7-16.yaml'];
  const cmp = new Comparison(kapsim.run(args));
  const beds = Object.fromEntries(cmp.names.map((n) => [n, cmp.places(n, 'avd7')]));
  const label = (n) => `\`${n}\` (${beds[n]} beds)`;
  const u = (metric) => (n) => cmp.unit(n, 'avd7', metric);
  const rows = [
    { label: 'Days a year with more patients than beds (överbeläggning)', get: u('days_above_capacity_per_year'), format: F.days },
    { label: 'Acute patients diverted a year (ward at its over-occupancy limit)', get: u('diverted_per_year'), format: F.count },
    { label: 'Planned admissions a year (planerad avgiftning)', get: u('planned_admitted_per_year'), format: F.count },
    { label: 'Planned patients leaving the list a year before a bed was free', get: u('reneged_per_year'), format: F.count },
    { label: 'Mean planned wait, days', get: u('mean_wait_days'), format: F.days1 },
    { label: '90th percentile of the planned wait, days', get: u('wait_p90_days'), format: F.days1 },
    { label: 'Occupancy, % of the beds (beläggning)', get: u('occupancy_pct'), format: F.pct },
    ...payerRows(cmp),
  ];

  const base = cmp.base;
  const sentences = cmp.variants.map((v) => {
    const d = (metric) => cmp.unit(v, 'avd7', metric).difference;
    return `With ${beds[v]} beds instead of ${beds[base]}, the ward has more patients than beds on `
      + `${level(cmp.unit(v, 'avd7', 'days_above_capacity_per_year'), F.days)} days a year instead of `
      + `${level(cmp.unit(base, 'avd7', 'days_above_capacity_per_year'), F.days)}, `
      + `${amount(d('days_above_capacity_per_year'), F.days, 'more', 'fewer')}; `
      + `${amount(d('diverted_per_year'), F.count, 'more', 'fewer')} acute patients a year are diverted, `
      + `${amount(d('planned_admitted_per_year'), F.count, 'more', 'fewer')} planned patients a year are admitted, `
      + `the mean planned wait is ${amount(d('mean_wait_days'), F.days1, 'days longer', 'days shorter')}, `
      + `and occupancy is ${level(cmp.unit(v, 'avd7', 'occupancy_pct'), F.pct)} % instead of `
      + `${level(cmp.unit(base, 'avd7', 'occupancy_pct'), F.pct)} %.`;
  });
  const region = cmp.variants.map((v) => `${amount(cmp.payer(v, 'region').difference, F.mkr, 'Mkr a year more', 'Mkr a year less')} with ${beds[v]} beds`);
  const municipalities = cmp.municipalities();
  const unchanged = cmp.variants.every((v) => municipalities.every((id) => {
    const d = cmp.payer(v, id).difference;
    return d && d.mean === 0 && isExact(d);
  }));
  const costs = `The region pays ${list(region)} (the added staff). `
    + (unchanged
      ? 'No municipality\'s cost changes: in the model the ward\'s beds do not change the HVB and SiS placements the municipalities buy (question 2 is about the summer link between them).'
      : 'The municipalities\' costs change as the table shows.');

  // Robustness: the same comparison at every combination of the ward's assumptions.
  const sweepFile = 'scenarios/vasternorrland/sensitivity-avd7.yaml';
  const sweep = new Sweep(kapsim.run(['sweep', sweepFile]));
  const bedsParam = 'units.avd7.beds';
  const others = sweep.parameters.filter((p) => p !== bedsParam);
  const keyOf = (p) => others.map((k) => p.params[k]).join('|');
  const byBeds = new Map();
  for (const p of sweep.points) {
    if (!byBeds.has(p.params[bedsParam])) byBeds.set(p.params[bedsParam], new Map());
    byBeds.get(p.params[bedsParam]).set(keyOf(p), p);
  }
  const bedValues = sweep.values(bedsParam);
  const fewest = bedValues[0];
  const most = bedValues[bedValues.length - 1];
  const pairs = [...byBeds.get(most).entries()].map(([key, p]) => [byBeds.get(fewest).get(key), p]);
  const deltas = (metric) => pairs.map(([a, b]) => sweep.mean(b, `units.avd7.${metric}`) - sweep.mean(a, `units.avd7.${metric}`));
  const names = {
    'classes.planned_detox.arrivals.rate': 'planned referrals',
    'units.avd7.over_occupancy': 'over-occupancy limit',
    'units.avd7.length_of_stay.sd': 'sd of the stay',
    'units.avd7.planned.patience.mean': 'patience on the list',
    'units.avd7.planned.closed_weeks': 'closed summer weeks',
  };
  const ranges = others.map((k) => `${names[k] ?? k} ${list(sweep.values(k).map((v) => `\`${v}\``), 'or')}`);
  const daysKey = 'units.avd7.days_above_capacity_per_year';
  const atMost = pairs.map(([, b]) => b);
  const [top] = mainEffects(atMost, others, (p) => sweep.mean(p, daysKey));
  const robustness = `**Does it hold?** \`${sweepFile}\` runs ${list(bedValues)} beds at `
    + `${pairs.length} combinations of the ward's assumptions (${list(ranges)}; ${sweep.replications} replications each, seed ${sweep.seed}). `
    + `Over these combinations, ${most} beds instead of ${fewest} mean ${spread(deltas('days_above_capacity_per_year'), F.days, 'more', 'fewer')} days a year `
    + `with more patients than beds, ${spread(deltas('diverted_per_year'), F.count, 'more', 'fewer', 1)} acute patients diverted a year, and a mean `
    + `planned wait ${spread(deltas('mean_wait_days'), F.days1, 'days longer', 'days shorter')}. `
    + `With ${most} beds the ward still has more patients than beds on ${range(atMost.map((p) => sweep.mean(p, daysKey)), F.days)} days a year, `
    + `at ${range(atMost.map((p) => sweep.mean(p, 'units.avd7.occupancy_pct')), F.pct)} % occupancy. The assumption that moves this most is the `
    + `${names[top.parameter] ?? top.parameter}: ${num(top.low.mean, 0)} days on average at \`${top.low.level}\`, ${num(top.high.mean, 0)} at \`${top.high.level}\`.`;

  return {
    title: `Avdelning 7, Sundsvall: ${list(cmp.names.map((n) => String(beds[n])), 'or')} beds (vårdplatser)?`,
    body: [
      `${runDescription(cmp.scenario(base))}, common random numbers:`,
      command(args),
      `${sentences.join(' ')} ${costs}`,
      compareTable(cmp, rows, label),
      command(['sweep', sweepFile]),
      robustness,
      '**Rests on:** the acute arrival rate calibrated to the documented spring occupancy; the planned referral rate, the '
      + 'over-occupancy limit, the spread of stays, how long a planned patient waits and the closed summer weeks, none of '
      + `which the documents give (${assumptionLink('vasternorrland/avd7-13.yaml')}, swept in \`${sweepFile}\`); only the added staff `
      + `is costed, not today's ward (${assumptionLink('vasternorrland/avd7-15.yaml')}, ${assumptionLink('vasternorrland/avd7-16.yaml')}). `
      + 'Planned patients who leave the list leave the model.',
    ],
  };
}

function yearRound(kapsim) {
  const args = ['compare', 'scenarios/vasternorrland/avd7-16.yaml', 'scenarios/vasternorrland/avd7-16-year-round.yaml'];
  const cmp = new Comparison(kapsim.run(args));
  const [v] = cmp.variants;
  const base = cmp.base;
  const beds = cmp.places(v, 'avd7');
  const u = (unit, metric) => (n) => cmp.unit(n, unit, metric);
  const rows = [
    { label: 'Planned admissions a year', get: u('avd7', 'planned_admitted_per_year'), format: F.count },
    { label: 'Planned patients leaving the list a year', get: u('avd7', 'reneged_per_year'), format: F.count },
    { label: 'Mean planned wait, days', get: u('avd7', 'mean_wait_days'), format: F.days1 },
    { label: 'Occupancy, % of the beds', get: u('avd7', 'occupancy_pct'), format: F.pct },
    { label: 'Days a year with more patients than beds', get: u('avd7', 'days_above_capacity_per_year'), format: F.days },
    { label: 'Acute patients diverted a year', get: u('avd7', 'diverted_per_year'), format: F.count },
    { label: 'Summer-detox HVB placements a year', get: u('summer_hvb', 'placements_per_year'), format: F.count },
    { label: 'Their cost, Mkr/year', get: u('summer_hvb', 'cost_per_year'), format: F.mkr },
    ...payerRows(cmp),
  ];
  const d = (unit, metric) => cmp.unit(v, unit, metric).difference;
  const municipalities = cmp.municipalities();
  const saving = cmp.payerSum(v, municipalities).difference;
  const region = cmp.payer(v, 'region').difference;
  const regionText = region.mean === 0 && isExact(region)
    ? `the region's cost does not change (the model costs only the staff added for ${beds} beds, the same with or without summer detox)`
    : `the region's cost changes by ${change(region, F.mkr)} Mkr a year`;
  const placements = d('summer_hvb', 'placements_per_year');
  const artefact = placements.ci_high < 0
    ? ` Part of that saving is a model artefact: ${amount(placements, F.count, 'more', 'fewer')} summer placements a year `
      + 'are made because summer-detox patients who give up waiting for a bed leave the model, so their placement is counted as saved; '
      + 'the saving is an upper bound.'
    : '';
  const answer = `Planned detox all year with ${beds} beds admits ${amount(d('avd7', 'planned_admitted_per_year'), F.count, 'more', 'fewer')} planned patients a year, `
    + `${amount(d('avd7', 'reneged_per_year'), F.count, 'more', 'fewer')} leave the list, and the mean planned wait is `
    + `${amount(d('avd7', 'mean_wait_days'), F.days1, 'days longer', 'days shorter')}; occupancy is `
    + `${level(cmp.unit(v, 'avd7', 'occupancy_pct'), F.pct)} % instead of ${level(cmp.unit(base, 'avd7', 'occupancy_pct'), F.pct)} %, with `
    + `${amount(d('avd7', 'days_above_capacity_per_year'), F.days, 'more', 'fewer')} days a year with more patients than beds and `
    + `${amount(d('avd7', 'diverted_per_year'), F.count, 'more', 'fewer')} acute patients diverted a year. `
    + 'The documents\' link to HVB purchases [källa: vn-konsekvensanalys-2022 §beroendeteam]: without summer detox, social services buy a more expensive HVB '
    + 'that includes abstinence treatment; with year-round detox those patients are detoxed at avdelning 7 and then placed in the '
    + `ordinary HVB first intended. The municipalities together pay ${amount(saving, F.mkr, 'Mkr a year more', 'Mkr a year less')}, and ${regionText}.`
    + artefact;

  // Robustness: the two sweeps have the same points, so point i differs only by the scenario.
  const file13 = 'scenarios/vasternorrland/sensitivity-hvb-link-13.yaml';
  const file16 = 'scenarios/vasternorrland/sensitivity-hvb-link-16yr.yaml';
  const closed = new Sweep(kapsim.run(['sweep', file13]));
  const open = new Sweep(kapsim.run(['sweep', file16]));
  const savings = closed.points.map((p, i) => ({ point: p, saving: closed.municipalCost(p) - open.municipalCost(open.points[i]) }));
  const premium = (p) => Number(/name: hvb_with_detox_day[^}]*per_day: (\d+)/.exec(p.params.costs)[1]);
  const describe = (p) => `${p.params['classes.summer_detox.arrivals.rate']} summer-detox needs, HVB with detox at ${num(premium(p), 0)} kr a day, `
    + `placements of ${p.params['units.summer_hvb.duration.mean']}, priority ${p.params['classes.summer_detox.priority']}, `
    + `onward route \`${p.params['pathways.avd7.after_stay.summer_detox']}\``;
  const low = argmin(savings, (s) => s.saving);
  const high = argmax(savings, (s) => s.saving);
  const premiums = [...new Set(closed.points.map(premium))];
  const values = savings.map((s) => s.saving);
  const robustness = `**Does it hold?** \`${file13}\` (summer closed) and \`${file16}\` (year-round) run the same `
    + `${closed.points.length} points (summer-detox needs ${list(closed.values('classes.summer_detox.arrivals.rate').map((x) => `\`${x}\``), 'or')}, `
    + `HVB with detox at ${list(premiums.map((x) => num(x, 0)), 'or')} kr a day, placement length, priority on the list, onward route; `
    + `${closed.replications} replications each, seed ${closed.seed}). With the summer closed the municipalities' costs do not depend on the beds `
    + `(question 1), so point by point the difference is what year-round detox changes for them: ${spread(values, F.mkr, 'Mkr a year saved', 'Mkr a year more spent')}`
    + `${Math.min(...values) > 0 ? ', a saving at every point' : ''}. It is smallest with ${describe(low.point)}, and largest with ${describe(high.point)}.`;

  return {
    title: 'Year-round planned detox at avdelning 7, and the link to HVB purchases',
    body: [
      `${runDescription(cmp.scenario(base))}, common random numbers:`,
      command(args),
      answer,
      compareTable(cmp, rows),
      ['```sh', `${SHOWN_BINARY} sweep ${file13}`, `${SHOWN_BINARY} sweep ${file16}`, '```'].join('\n'),
      robustness,
      '**Rests on:** how many summer detox needs end in an HVB with detox (a class of its own, `summer_detox`), the day price of an HVB '
      + 'with abstinence treatment, the placement length, that the ward puts these patients first on its list and that all of them go on '
      + `to an HVB (${assumptionLink('vasternorrland/avd7-13.yaml')}, ${assumptionLink('vasternorrland/avd7-16-year-round.yaml')}, `
      + 'and the structural assumption "avdelning 7, the summer-detox link to HVB" at the top of that file).',
    ],
  };
}

function tneClosure(kapsim) {
  const args = ['compare', 'scenarios/jamtland/tne-2016.yaml', 'scenarios/jamtland/tne-closed.yaml'];
  const cmp = new Comparison(kapsim.run(args));
  const [v] = cmp.variants;
  const base = cmp.base;
  const u = (unit, metric) => (n) => cmp.unit(n, unit, metric);
  const rows = [
    { label: 'Sobering stays at the TNE a year (tillnyktring)', get: u('tne', 'admitted_per_year'), format: F.count },
    { label: 'Police custody stays a year (polisarrest, LOB)', get: u('police_custody', 'visits_per_year'), format: F.count },
    { label: 'Police custody hours a year', get: u('police_custody', 'hours_per_year'), format: F.hours },
    { label: 'Emergency department visits a year (akutmottagning)', get: u('ed', 'visits_per_year'), format: F.count },
    { label: 'Emergency department hours a year', get: u('ed', 'hours_per_year'), format: F.hours },
    { label: 'Sent home a year', get: u('tne', 'turned_away_to_out_per_year'), format: F.count },
    ...payerRows(cmp, { each: true }),
  ];
  const d = (unit, metric) => cmp.unit(v, unit, metric).difference;
  const municipalities = cmp.municipalities();
  const answer = `Closed, the unit no longer takes the ${level(cmp.unit(base, 'tne', 'admitted_per_year'), F.count)} sobering stays a year it took in `
    + `${firstObservedYear(cmp.scenario(base))}. The same people go instead to police custody: `
    + `${amount(d('police_custody', 'visits_per_year'), F.count, 'more', 'fewer')} stays a year `
    + `(${amount(d('police_custody', 'hours_per_year'), F.hours, 'more', 'fewer')} custody hours); to the emergency department: `
    + `${amount(d('ed', 'visits_per_year'), F.count, 'more', 'fewer')} visits a year (${amount(d('ed', 'hours_per_year'), F.hours, 'more', 'fewer')} hours); `
    + `or home: ${amount(d('tne', 'turned_away_to_out_per_year'), F.count, 'more', 'fewer')}. `
    + `Per year the police pay ${amount(cmp.payer(v, 'police').difference, F.mkr, 'Mkr more', 'Mkr less')}, `
    + `the region ${amount(cmp.payer(v, 'region').difference, F.mkr, 'Mkr more', 'Mkr less')} (its share of the TNE ends, the emergency visits are new), `
    + `and the municipalities together ${amount(cmp.payerSum(v, municipalities).difference, F.mkr, 'Mkr more', 'Mkr less')} (their share of the TNE); `
    + `in all ${amount(cmp.payer(v, 'total').difference, F.mkr, 'Mkr more', 'Mkr less')}. `
    + 'Only the TNE\'s running cost, emergency visits and custody hours are costed; what the documents cannot price (health '
    + 'risks in a cell, ambulance transport, the social services\' follow-up) is not in the model.';

  const sweepFile = 'scenarios/jamtland/sensitivity-tne-closed.yaml';
  const sweep = new Sweep(kapsim.run(['sweep', sweepFile]));
  const police = sweep.points.map((p) => sweep.mean(p, 'payers.police.cost_per_year'));
  const region = sweep.points.map((p) => sweep.mean(p, 'payers.region.cost_per_year'));
  const custody = sweep.points.map((p) => sweep.mean(p, 'units.police_custody.visits_per_year'));
  const ed = sweep.points.map((p) => sweep.mean(p, 'units.ed.visits_per_year'));
  const regionOpen = cmp.payer(base, 'region').mean;
  const above = region.filter((r) => r > regionOpen).length;
  const robustness = `**Does it hold?** \`${sweepFile}\` runs the closed unit at ${sweep.points.length} points of a Latin hypercube over where the former `
    + 'TNE clients go (police custody, emergency department or home), custody and emergency times, and the prices of an emergency '
    + `visit and a custody hour (low, middle, high); ${sweep.replications} replications each, seed ${sweep.seed}. Police custody stays range from `
    + `${range(custody, F.count, 0)} a year and emergency visits from ${range(ed, F.count, 0)}; the police's cost from ${range(police, F.mkr)} Mkr a year `
    + `(${level(cmp.payer(base, 'police'), F.mkr)} with the TNE open) and the region's from ${range(region, F.mkr)} Mkr `
    + `(${level(cmp.payer(base, 'region'), F.mkr)} with the TNE open, its share of the unit included). `
    + (above > 0
      ? `At ${above} of the ${sweep.points.length} points the region pays more after the closure than with the TNE open: whether the region saved depends on the assumptions.`
      : 'The region pays less after the closure at every point.');

  return {
    title: 'Jämtland: what did closing the sobering unit (TNE) move to the emergency department and police custody, and what did it cost each payer?',
    body: [
      `${runDescription(cmp.scenario(base))} (\`${base}\`) against the same demand in ${period(cmp.scenario(v))} with the unit closed (\`${v}\`):`,
      command(args),
      answer,
      compareTable(cmp, rows),
      command(['sweep', sweepFile]),
      robustness,
      '**Rests on:** where the former TNE clients go now, which is the open question of the 2022 evaluation itself; how long custody and '
      + `emergency visits last; the prices of an emergency visit and a custody hour; the TNE stay and the arrival profiles (${assumptionLink('jamtland/tne-2016.yaml')}, `
      + `${assumptionLink('jamtland/tne-closed.yaml')}, swept in \`${sweepFile}\` and \`scenarios/jamtland/sensitivity-tne.yaml\`); `
      + 'the documents\' "ungefär 700 personer per år" is read as sobering stays, not persons.',
    ],
  };
}

function proposal(kapsim) {
  const args = ['compare', 'scenarios/jamtland/proposal-2025.yaml'];
  const cmp = new Comparison(kapsim.run(args));
  const base = cmp.base;
  const beds = Object.fromEntries(cmp.names.map((n) => [n, cmp.places(n, 'beroende')]));
  const label = (n) => `\`${n}\` (${beds[n]} beds)`;
  const u = (unit, metric) => (n) => cmp.unit(n, unit, metric);
  const rows = [
    { label: 'Acute patients held at the emergency department a year (ward full)', get: u('beroende', 'diverted_per_year'), format: F.count },
    { label: 'Share of acute patients who find the ward full, %', get: u('beroende', 'p_diverted'), format: F.share },
    { label: 'Mean planned wait, days', get: u('beroende', 'mean_wait_days'), format: F.days1 },
    { label: 'Planned patients leaving the list a year', get: u('beroende', 'reneged_per_year'), format: F.count },
    { label: 'Occupancy, % of the beds', get: u('beroende', 'occupancy_pct'), format: F.pct },
    { label: 'Days a year with more patients than beds', get: u('beroende', 'days_above_capacity_per_year'), format: F.days },
    ...payerRows(cmp),
  ];
  const tnePlaces = cmp.places(base, 'tne');
  const per = cmp.variants.map((v) => {
    const d = (metric) => cmp.unit(v, 'beroende', metric).difference;
    return `with ${beds[v]} beds (staff in proportion) ${level(cmp.unit(v, 'beroende', 'p_diverted'), F.share)} % `
      + `(${amount(d('diverted_per_year'), F.count, 'more', 'fewer')} a year than with ${beds[base]}) at `
      + `${level(cmp.unit(v, 'beroende', 'occupancy_pct'), F.pct)} % occupancy, and the region pays `
      + `${amount(cmp.payer(v, 'region').difference, F.mkr, 'Mkr a year more', 'Mkr a year less')}`;
  });
  const answer = `With ${beds[base]} beds, ${level(cmp.unit(base, 'beroende', 'p_diverted'), F.share)} % of acute patients `
    + `(${level(cmp.unit(base, 'beroende', 'diverted_per_year'), F.count)} a year) find the ward at its limit and are held at the emergency department, `
    + `at ${level(cmp.unit(base, 'beroende', 'occupancy_pct'), F.pct)} % occupancy; ${per.join('; ')}. `
    + `The ${tnePlaces} TNE places take ${level(cmp.unit(base, 'tne', 'admitted_per_year'), F.count)} of the `
    + `${level(cmp.unit(base, 'tne', 'arrivals_per_year'), F.count)} LOB cases a year; `
    + `${level(cmp.unit(base, 'tne', 'p_turned_away'), F.share)} % find every place taken, and `
    + `${level(cmp.unit(base, 'tne', 'turned_away_to_police_custody_per_year'), F.count)} a year of them go to police custody `
    + '(the same with any number of beds).';

  // The proposal against 2024 without a TNE: the base's (lob-2024) replications and seed.
  const args2 = ['compare', 'scenarios/jamtland/lob-2024.yaml', 'scenarios/jamtland/proposal-2025.yaml'];
  const now = new Comparison(kapsim.run(args2));
  const [p] = now.variants;
  const nd = (unit, metric) => now.unit(p, unit, metric).difference;
  const rows2 = [
    { label: 'Sobering stays at the TNE a year', get: (n) => now.unit(n, 'tne', 'admitted_per_year'), format: F.count },
    { label: 'Police custody stays a year', get: (n) => now.unit(n, 'police_custody', 'visits_per_year'), format: F.count },
    { label: 'Police custody hours a year', get: (n) => now.unit(n, 'police_custody', 'hours_per_year'), format: F.hours },
    { label: 'Emergency department visits a year (LOB and ward overflow)', get: (n) => now.unit(n, 'ed', 'visits_per_year'), format: F.count },
    ...payerRows(now),
  ];
  const against = `Against ${period(now.scenario(now.base))} without a TNE (\`${now.base}\`), the proposal with ${now.places(p, 'beroende')} beds means `
    + `${amount(nd('police_custody', 'visits_per_year'), F.count, 'more', 'fewer')} police custody stays a year and `
    + `${amount(nd('ed', 'visits_per_year'), F.count, 'more', 'fewer')} emergency visits; the police pay `
    + `${amount(now.payer(p, 'police').difference, F.mkr, 'Mkr more', 'Mkr less')} a year and the region `
    + `${amount(now.payer(p, 'region').difference, F.mkr, 'Mkr more', 'Mkr less')}, of which the ward's staff is `
    + `${level(now.unit(p, 'beroende', 'cost_per_year'), F.mkr)} Mkr and the TNE's running cost ${level(now.unit(p, 'tne', 'cost_per_year'), F.mkr)} Mkr.`;

  const sweepFile = 'scenarios/jamtland/sensitivity-proposal.yaml';
  const sweep = new Sweep(kapsim.run(['sweep', sweepFile]));
  const bedValues = sweep.values('units.beroende.beds').sort((a, b) => Number(a) - Number(b));
  const shares = bedValues.map((b) => sweep.points.filter((q) => q.params['units.beroende.beds'] === b)
    .map((q) => sweep.mean(q, 'units.beroende.p_diverted')));
  const perBeds = bedValues.map((b, i) => `${range(shares[i], F.share)} % with ${b} beds (${shares[i].length} points)`);
  const overlap = Math.min(...shares[0]) < Math.max(...shares[shares.length - 1]);
  const tneShare = sweep.points.map((q) => sweep.mean(q, 'units.tne.p_turned_away'));
  const stays = sweep.points.map((q) => parseFloat(q.params['units.tne.stay.mean']));
  const robustness = `**Does it hold?** The documents give no demand, stay or cost for the new ward. \`${sweepFile}\` samples `
    + `${sweep.points.length} points of a Latin hypercube over the beds and the ward's assumptions (acute and planned demand, the shift `
    + `from HVB, stays, over-occupancy, patience, overflow, the TNE stay; ${sweep.replications} replications each, seed ${sweep.seed}). `
    + `The share of acute patients who find the ward full ranges from ${list(perBeds)}`
    + (overlap
      ? `: the ranges overlap, so the assumed demand and stays matter more than the choice between ${list(bedValues, 'and')} beds. `
      : '. ')
    + `The TNE turns away ${range(tneShare, F.share)} % of LOB cases over sobering stays of ${range(stays, F.days1)} hours on average. `
    + '`scenarios/jamtland/sensitivity-proposal-costs.yaml` varies the prices and staffing.';

  return {
    title: `Jämtland 2025 proposal: a new addiction ward (beroendeavdelning) with ${list(cmp.names.map((n) => String(beds[n])), 'or')} beds and ${tnePlaces} TNE places`,
    body: [
      `${runDescription(cmp.scenario(base))}, common random numbers; the variants are in the file (\`variants:\`), `
      + 'with nursing staff in proportion to beds, which `kapsim capacity` would not change:',
      command(args),
      answer,
      compareTable(cmp, rows, label),
      `The proposal against today: \`compare\` runs both with the base's ${now.scenario(now.base).replications} replications and seed `
      + `${now.scenario(now.base).seed}, each over its own period (\`${now.base}\` ${period(now.scenario(now.base))}, \`${p}\` ${period(now.scenario(p))}):`,
      command(args2),
      against,
      compareTable(now, rows2),
      command(['sweep', sweepFile]),
      robustness,
      '**Rests on:** the ward\'s demand (a split into acute and planned of the episodes of the county\'s former addiction ward, plus a shift from '
      + 'HVB the reform does not quantify), its stays, over-occupancy and patience, that acute patients the full ward cannot take are held '
      + 'at the emergency department, the TNE stay and its running cost, and staff costs taken from Västernorrland '
      + `(${assumptionLink('jamtland/proposal-2025.yaml')}, ${assumptionLink('jamtland/lob-2024.yaml')}).`,
    ],
  };
}

function reformPhased(kapsim) {
  const file = 'scenarios/jamtland/reform-phased.yaml';
  const cmp = new Comparison(kapsim.run(['compare', file]));
  const base = cmp.base;
  const scenario = cmp.scenario(base);
  const beds = Object.fromEntries(cmp.names.map((n) => [n, cmp.places(n, 'beroende')]));
  const series = (n, section, id, metric) => cmp.byYear(n, id, metric, section);
  const at = (list, year) => list.find((y) => y.year === year);
  const region = series(base, 'payers', 'region', 'cost_per_year');
  const police = series(base, 'payers', 'police', 'cost_per_year');
  const tne = series(base, 'units', 'tne', 'admitted_per_year');
  const custody = series(base, 'units', 'police_custody', 'visits_per_year');
  const lpt = series(base, 'units', 'lpt', 'occupancy_mean');
  const diverted = Object.fromEntries(cmp.names.map((n) => [n, series(n, 'units', 'beroende', 'diverted_per_year')]));
  const occupancy = series(base, 'units', 'beroende', 'occupancy_pct');
  const yearList = region.map((y) => y.year);
  const header = ['Year', 'Region, Mkr', 'Police, Mkr', 'Sobering stays at the TNE', 'Police custody stays',
    'Compulsory care beds in use (LPT)', `Ward occupancy, % (${beds[base]} beds)`,
    ...cmp.names.map((n) => `Acute patients held at the ED, ${beds[n]} beds`)];
  const body = yearList.map((year) => [
    String(year),
    level(at(region, year), F.mkr), level(at(police, year), F.mkr),
    level(at(tne, year), F.count), level(at(custody, year), F.count),
    level(at(lpt, year), F.days1), level(at(occupancy, year), F.pct),
    ...cmp.names.map((n) => level(at(diverted[n], year), F.count)),
  ]);
  const first = yearList[0];
  const last = yearList[yearList.length - 1];
  const answer = `Year by year, the region's cost rises from ${level(at(region, first), F.mkr)} Mkr in ${first} (the ward's staff and `
    + `emergency visits) to ${level(at(region, last), F.mkr)} Mkr in ${last}, and the police's falls from ${level(at(police, first), F.mkr)} `
    + `to ${level(at(police, last), F.mkr)} Mkr, as the TNE takes ${level(at(tne, last), F.count)} sobering stays a year from its opening `
    + `and police custody stays fall from ${level(at(custody, first), F.count)} to ${level(at(custody, last), F.count)} a year. `
    + `From LVM's end the former LVM group fills ${level(at(lpt, last), F.days1)} compulsory care beds on average in ${last}. `
    + `The ward's occupancy climbs from ${level(at(occupancy, first), F.pct)} % to ${level(at(occupancy, last), F.pct)} % as treatment moves from HVB, `
    + `and the acute patients it cannot take rise from ${level(at(diverted[base], first), F.count)} to ${level(at(diverted[base], last), F.count)} a year with ${beds[base]} beds; `
    + cmp.variants.map((n) => `${level(at(diverted[n], last), F.count)} with ${beds[n]}`).join(' and ')
    + ` in ${last} (paired in the same year: `
    + cmp.variants.map((n) => `${beds[n]} beds instead of ${beds[base]} hold ${amount(at(cmp.metric(n, 'units', 'beroende', 'diverted_per_year').by_year, last).difference, F.count, 'more', 'fewer')}`).join(', ')
    + `). The municipalities' own savings on HVB and LVM placements are not in the model: the documents give no cost of `
    + 'LVM care and do not say how many HVB placements the shift replaces.';

  const sweepFile = 'scenarios/jamtland/sensitivity-reform.yaml';
  const sweep = new Sweep(kapsim.run(['sweep', sweepFile]));
  const stays = sweep.values('units.lpt.service.mean');
  const lptBeds = stays.map((v) => sweep.points.filter((p) => p.params['units.lpt.service.mean'] === v).map((p) => sweep.mean(p, 'units.lpt.occupancy_mean')));
  const bedValues = sweep.values('units.beroende.beds').sort((a, b) => Number(a) - Number(b));
  const divertedByBeds = bedValues.map((b) => sweep.points.filter((p) => p.params['units.beroende.beds'] === b).map((p) => sweep.mean(p, 'units.beroende.diverted_per_year')));
  const robustness = `**Does it hold?** \`${sweepFile}\` runs ${sweep.points.length} points (${sweep.replications} replications each, seed ${sweep.seed}): `
    + `the length of compulsory care (${list(stays, 'or')} on average) and the ward's acute demand (${list(sweep.values('classes.acute_detox.arrivals.rate'), 'or')}) `
    + `with ${list(bedValues, 'or')} beds. The compulsory care beds in use, averaged over ${period(scenario)} (none before LVM ends), `
    + 'depend on the length of care alone: '
    + stays.map((v, i) => `${num(lptBeds[i].reduce((a, b) => a + b, 0) / lptBeds[i].length, 1)} with stays of ${v.replace(/d$/, ' days')}`).join(', ')
    + '; the acute patients the ward cannot take are '
    + bedValues.map((b, i) => `${range(divertedByBeds[i], F.count)} a year with ${b} beds`).join(', ')
    + '. The steps\' dates and the yearly ramp of the shift from HVB (inside `changes:`) are not swept here: each step '
    + 'moved a year shifts its year in the table by a year.';

  return {
    title: 'Jämtland: the samsjuklighetsreform phased in year by year: what load on the region\'s beds, and who pays what?',
    body: [
      `${runDescription(scenario)}; the steps are dated changes in the file (\`changes:\`): in 2027 the TNE opens with 2 places run `
      + 'by the region and a third of the shift of 24-hour treatment from HVB begins; in 2028 LVM ends and its 16 persons a year get '
      + 'compulsory care under LPT in the region\'s beds; in 2029 the shift reaches the 2025 proposal\'s 15 a year. The ward has the '
      + 'proposal\'s beds from 2026, with its variants; each year is read from the results by calendar year:',
      command(['compare', file]),
      answer,
      table(header, body),
      command(['sweep', sweepFile]),
      robustness,
      '**Rests on:** the steps\' dates and the ramp (the reform is to be phased in over five years with no timetable yet), the '
      + 'length of compulsory care under LPT, and everything the 2025 proposal rests on '
      + `(${assumptionLink('jamtland/reform-phased.yaml')}, ${assumptionLink('jamtland/proposal-2025.yaml')}).`,
    ],
  };
}

function laro(kapsim) {
  const file = 'scenarios/jamtland/laro.yaml';
  const single = new Comparison(kapsim.run(['compare', file]));
  const scenario = single.scenario(single.base);
  // Enrolled and waiting at the end of each whole calendar year, from the third on: the years
  // of the one run (snapshots count only the enrolled).
  const startYear = Number(scenario.start.slice(0, 4));
  const wholeYears = single.byYear(single.base, 'laro', 'enrolled_end').filter((y) => y.days >= 365 && y.year >= startYear + 2);
  const atEnd = wholeYears.map(({ year }) => ({
    year,
    unit: (n, metric) => single.byYear(n, 'laro', metric).find((y) => y.year === year),
  }));
  const names = single.names;
  const slots = (n) => (single.unit(n, 'laro', 'occupancy_pct').mean === null ? 'no limit' : `${single.places(n, 'laro', 'enrolled_mean')} slots`);
  const header = ['End of year', ...names.flatMap((n) => (n === single.base ? [`enrolled, \`${n}\` (${slots(n)})`] : [`enrolled, \`${n}\``, `waiting, \`${n}\``]))];
  const body = atEnd.map(({ year, unit }) => [
    String(year),
    ...names.flatMap((n) => {
      const enrolled = level(unit(n, 'enrolled_end'), F.days);
      return n === single.base ? [enrolled] : [enrolled, level(unit(n, 'waiting_end'), F.days)];
    }),
  ]);
  const first = atEnd[0];
  const last = atEnd[atEnd.length - 1];
  const u = (n, metric) => single.unit(n, 'laro', metric);
  const limited = single.variants.map((n) => `With ${slots(n)}, ${level(last.unit(n, 'waiting_end'), F.days)} wait at the end of ${last.year}; `
    + `over ${period(scenario)} ${level(u(n, 'p_wait'), F.share)} % of new patients have to wait, ${level(u(n, 'mean_wait_days'), F.days)} days on average, and `
    + `${level(u(n, 'reneged_per_year'), F.count)} a year give up or die waiting`);
  const answer = 'With no limit on slots (the scenario\'s assumption, since none is documented) nobody waits, and the enrolled grow from '
    + `${level(first.unit(single.base, 'enrolled_end'), F.days)} at the end of ${first.year} to `
    + `${level(last.unit(single.base, 'enrolled_end'), F.days)} at the end of ${last.year}, as referrals keep growing at the `
    + `calibrated rate. A limit set by staff builds a waiting list. ${limited.join('. ')}.`;

  const sweepFile = 'scenarios/jamtland/sensitivity-laro.yaml';
  const sweep = new Sweep(kapsim.run(['sweep', sweepFile]));
  const snapshot = `units.laro.enrolled_on_${last.year}-12-31`;
  const unlimited = sweep.points.filter((p) => p.params['units.laro.capacity'] === 'unlimited');
  const lo = argmin(unlimited, (p) => sweep.mean(p, snapshot));
  const hi = argmax(unlimited, (p) => sweep.mean(p, snapshot));
  const describe = (p) => `${num(sweep.mean(p, snapshot), 0)} (growth ${p.params['classes.opioid_dependence.arrivals.growth']} a year, enrolment of ${p.params['units.laro.enrolment.mean']})`;
  const robustness = `**Does it hold?** The projection leans on referral growth. \`${sweepFile}\` varies the growth `
    + `(${list(sweep.values('classes.opioid_dependence.arrivals.growth'), 'or')} a year), the enrolment length (${list(sweep.values('units.laro.enrolment.mean'), 'or')}), `
    + `a slot limit and patience (${sweep.replications} replications each, seed ${sweep.seed}); without a limit, the enrolled on 31 December ${last.year} `
    + `range from ${describe(lo)} to ${describe(hi)}.`;

  return {
    title: 'LARO in Jämtland: how many persons enrolled, and how many waiting, each year going forward?',
    body: [
      `${runDescription(scenario)}, calibrated to the documents' yearly counts, with the file's variants `
      + `(${list(single.variants.map(slots))}); each year's end is read from the run's results by calendar year `
      + '(`summary_by_year.csv` of each variant under `variants/`, or `by_year` in its `summary.json`; the report draws them year by year):',
      command(['compare', file]),
      answer,
      table(header, body),
      command(['sweep', sweepFile]),
      robustness,
      '**Rests on:** the referral growth calibrated to the documented years continuing, enrolment lasting years (exponential), no slot '
      + `limit unless a variant sets one, and patience on the waiting list (${assumptionLink('jamtland/laro.yaml')}); the documents' yearly `
      + 'counts are read as the persons enrolled on 31 December.',
    ],
  };
}

function jointHvb(kapsim) {
  const args = ['compare', 'scenarios/jamtland/hvb-joint.yaml'];
  const cmp = new Comparison(kapsim.run(args));
  const base = cmp.base;
  const u = (metric) => (n) => cmp.unit(n, 'hvb', metric);
  // Own places from the time-average number placed there and the share of them in use.
  const own = (n) => {
    const use = cmp.unit(n, 'hvb', 'own_use_pct').mean;
    return use === null ? 0 : Math.round(cmp.unit(n, 'hvb', 'own_days_per_year').mean / 365.25 / (use / 100));
  };
  const label = (n) => `\`${n}\` (${own(n)} own places)`;
  const rows = [
    { label: 'Own places in use, %', get: u('own_use_pct'), format: F.pct, noDifference: true },
    { label: 'Placements purchased a year', get: u('purchased_placements_per_year'), format: F.count },
    { label: 'Placements at the joint HVB a year', get: u('own_placements_per_year'), format: F.count },
    { label: 'Cost of the joint HVB, Mkr/year', get: u('cost_own_per_year'), format: F.mkr },
    { label: 'Cost of purchased placements, Mkr/year', get: u('cost_purchased_per_year'), format: F.mkr },
    ...payerRows(cmp),
  ];
  const municipalities = cmp.municipalities();
  const today = cmp.payerSum(base, municipalities);
  const best = argmin(cmp.variants, (v) => cmp.payerSum(v, municipalities).difference.mean);
  const per = cmp.variants.map((v) => `${amount(cmp.payerSum(v, municipalities).difference, F.mkr, 'Mkr a year more', 'Mkr a year less')} with ${own(v)} places`);
  // What a place costs a year: an own place to run, a purchased one at its day price.
  const ownPerPlace = cmp.unit(best, 'hvb', 'cost_own_per_year').mean / own(best);
  const purchasedPerPlace = (cmp.unit(base, 'hvb', 'cost_purchased_per_year').mean / cmp.unit(base, 'hvb', 'purchased_days_per_year').mean) * 365.25;
  const use = cmp.variants.map((v, i) => `${level(cmp.unit(v, 'hvb', 'own_use_pct'), F.pct)} %${i === 0 ? ' of its places are in use' : ''} with ${own(v)}${i === 0 ? ' places' : ''}`);
  const answer = `The joint HVB is used first: ${list(use)}; `
    + 'the placements it cannot take are bought as today. Against buying every placement '
    + `(${level(today, F.mkr)} Mkr a year), the municipalities together pay ${list(per)}. `
    + `The best of these, ${own(best)} places, changes their cost by ${num((cmp.payerSum(best, municipalities).difference.mean / today.mean) * 100, 1, true)} %: `
    + `an own place costs ${num(ownPerPlace * 1e-6, 2)} Mkr a year to run, a purchased place ${num(purchasedPerPlace * 1e-6, 2)} Mkr a year if it is used every day, `
    + `so it saves only while more than ${num((ownPerPlace / purchasedPerPlace) * 100, 0)} % of its places are in use.`;

  const sweepFile = 'scenarios/jamtland/sensitivity-hvb.yaml';
  const sweep = new Sweep(kapsim.run(['sweep', sweepFile]));
  const fte = 'staffing.hvb.joint_hvb_staff.fte';
  const rest = sweep.parameters.filter((k) => k !== fte && k !== 'staffing.hvb.joint_hvb_staff.cost_per_fte' && k !== 'units.hvb.own_places');
  const baselines = new Map(sweep.points.filter((p) => Number(p.params[fte]) === 0).map((p) => [rest.map((k) => p.params[k]).join('|'), p]));
  const results = sweep.points.filter((p) => Number(p.params[fte]) > 0).map((p) => ({
    point: p,
    saving: sweep.municipalCost(baselines.get(rest.map((k) => p.params[k]).join('|'))) - sweep.municipalCost(p),
  }));
  const perFte = (p) => Number(/per_fte: ([0-9.]+)/.exec(p.params['units.hvb.own_places'])[1]);
  const describe = (r) => `${num(Math.abs(r.saving) * 1e-6, 1)} Mkr a year ${r.saving < 0 ? 'more' : 'less'} with `
    + `${Math.floor(Number(r.point.params[fte]) * perFte(r.point) + 1e-9)} places, ${num(1 / perFte(r.point), 1)} FTE per place at `
    + `${num(Number(r.point.params['staffing.hvb.joint_hvb_staff.cost_per_fte']), 0)} kr per FTE`;
  const lo = argmin(results, (r) => r.saving);
  const hi = argmax(results, (r) => r.saving);
  const losing = results.filter((r) => r.saving < 0).length;
  const robustness = `**Does it hold?** \`${sweepFile}\` varies the size (${list(sweep.values(fte), 'or')} FTE), the cost per FTE `
    + `(${list(sweep.values('staffing.hvb.joint_hvb_staff.cost_per_fte').map((x) => num(Number(x), 0)), 'or')} kr), the staff per place `
    + `(${list(sweep.points.map(perFte).filter((x, i, all) => all.indexOf(x) === i).map((x) => num(1 / x, 1)), 'or')} FTE) and the spread `
    + `of placement lengths (${sweep.replications} replications each, seed ${sweep.seed}). Against purchasing at the same spread, the municipalities `
    + `pay from ${describe(hi)}, to ${describe(lo)}; at ${losing} of the ${results.length} points with a joint HVB they pay more than today.`;

  return {
    title: 'A joint county HVB (gemensamt HVB) with N places, or buying every placement?',
    body: [
      `${runDescription(cmp.scenario(base))}, common random numbers; the base buys every placement (today), the variants open a joint HVB `
      + 'whose places follow from its staff, so the cost comes with the places (`kapsim capacity --unit hvb` would vary the places alone, at no cost):',
      command(args),
      answer,
      compareTable(cmp, rows, label),
      command(['sweep', sweepFile]),
      robustness,
      '**Rests on:** the placements and day price of 2024 continuing (calibrated to the documented yearly cost), the spread of '
      + 'placement lengths, the staff per place and the cost per FTE of the joint HVB, that it is used first and that nobody moves from a '
      + `purchased to an own place (${assumptionLink('jamtland/hvb.yaml')}, ${assumptionLink('jamtland/hvb-joint.yaml')}).`,
    ],
  };
}

// An estimate less an amount that is the same in every replication: its interval moves with it,
// and a paired difference does not change.
function less(est, amount) {
  return { ...est, mean: est.mean - amount, ci_low: est.ci_low - amount, ci_high: est.ci_high - amount };
}

function hvbWait(kapsim) {
  const file = 'scenarios/jamtland/proposal-2025-hvb-wait.yaml';
  const args = ['compare', 'scenarios/jamtland/proposal-2025.yaml', file];
  const cmp = new Comparison(kapsim.run(args));
  const base = cmp.base;  // the proposal: every patient leaves the ward when the stay is over
  const [w] = cmp.variants;
  const ward = (n, metric) => cmp.unit(n, 'beroende', metric);
  const d = (metric) => ward(w, metric).difference;
  // Nobody waits in the proposal, so its ward costs its staff alone, the same in every
  // replication; what the waiting scenario's ward costs beyond that is the payment for the days
  // ready for discharge, and that payment over those days is the amount a day.
  const staff = ward(base, 'cost_per_year');
  if (!isExact(staff)) throw new Error(`${base}: the ward's cost varies between replications, so it is not its staff alone`);
  const payment = d('cost_per_year');
  const perDay = payment.mean / ward(w, 'wait_for_next_step_days_per_year').mean;
  const ownPlaces = (c, n) => Math.round(c.unit(n, 'hvb', 'own_days_per_year').mean / 365.25 / (c.unit(n, 'hvb', 'own_use_pct').mean / 100));
  const own = ownPlaces(cmp, w);
  const pairing = cmp.metric(w, 'units', 'beroende', 'diverted_per_year').variance_reduction;

  const answer = `Of the ${level(ward(w, 'by_class.hvb_shift.admitted_per_year'), F.count)} patients a year the ward treats before an HVB placement, `
    + `${level(ward(w, 'waited_for_next_step_per_year'), F.count)} find none of the joint HVB's ${own} own places free when their stay is over and wait in their bed, `
    + `${level(ward(w, 'mean_wait_for_next_step_days'), F.days1)} days on average; ${level(ward(w, 'went_on_after_max_per_year'), F.count)} a year reach the longest wait `
    + `and a placement is bought for them. Those waiting keep ${level(ward(w, 'places_held_mean'), F.two)} beds on average, `
    + `${level(ward(w, 'wait_for_next_step_days_per_year'), F.days)} bed-days a year, for which the municipalities pay `
    + `${level(payment, F.mkr2)} Mkr a year at the assumed ${num(perDay, 0)} kr a day (their payment responsibility for patients ready for discharge). `
    + `Against the proposal without the wait (\`${base}\`), under the same random numbers (the pairing makes the variance of the difference `
    + `${num(pairing, 0)} times smaller than independent runs would), the ward holds ${amount(d('diverted_per_year'), F.count, 'more', 'fewer')} acute patients a year `
    + `at the emergency department (${level(ward(w, 'p_diverted'), F.share)} % of them find the ward full instead of ${level(ward(base, 'p_diverted'), F.share)} %), `
    + `${amount(d('reneged_per_year'), F.count, 'more', 'fewer')} planned patients a year leave its list, and the mean planned wait is `
    + `${amount(d('mean_wait_days'), F.days1, 'days longer', 'days shorter')}; its occupancy is ${level(ward(w, 'occupancy_pct'), F.pct)} % instead of `
    + `${level(ward(base, 'occupancy_pct'), F.pct)} %.`;
  const rows = [
    { label: 'Acute patients held at the emergency department a year (ward full)', get: (n) => ward(n, 'diverted_per_year'), format: F.count },
    { label: 'Share of acute patients who find the ward full, %', get: (n) => ward(n, 'p_diverted'), format: F.share },
    { label: 'Mean planned wait, days', get: (n) => ward(n, 'mean_wait_days'), format: F.days1 },
    { label: 'Planned patients leaving the list a year', get: (n) => ward(n, 'reneged_per_year'), format: F.count },
    { label: 'Occupancy, % of the beds (beds kept by those waiting included)', get: (n) => ward(n, 'occupancy_pct'), format: F.pct },
    { label: 'Days a year with more patients than beds', get: (n) => ward(n, 'days_above_capacity_per_year'), format: F.days },
    { label: 'Cost of the ward (staff, and days ready for discharge), Mkr/year', get: (n) => ward(n, 'cost_per_year'), format: F.mkr },
  ];

  // The longest wait: the file's variants that keep the ward's beds (those of the proposal's
  // variants change the beds and the staff too).
  const limits = new Comparison(kapsim.run(['compare', file]));
  const lbase = limits.base;
  const beds = limits.places(lbase, 'beroende');
  const names = limits.names.filter((n) => limits.places(n, 'beroende') === beds);
  const lward = (n, metric) => limits.unit(n, 'beroende', metric);
  const limitRows = [
    { label: 'Patients waiting in their bed for an own HVB place a year', get: (n) => lward(n, 'waited_for_next_step_per_year'), format: F.count },
    { label: 'Mean wait ready for discharge, days', get: (n) => lward(n, 'mean_wait_for_next_step_days'), format: F.days1 },
    { label: 'Reaching the longest wait (a placement bought) a year', get: (n) => lward(n, 'went_on_after_max_per_year'), format: F.count },
    { label: 'Beds kept by patients ready for discharge, on average', get: (n) => lward(n, 'places_held_mean'), format: F.two },
    { label: 'Bed-days ready for discharge a year', get: (n) => lward(n, 'wait_for_next_step_days_per_year'), format: F.days },
    { label: 'The municipalities\' payment for those days, Mkr/year', get: (n) => less(lward(n, 'cost_per_year'), staff.mean), format: F.mkr2 },
    { label: 'Acute patients held at the emergency department a year', get: (n) => lward(n, 'diverted_per_year'), format: F.count },
    { label: 'Placements purchased a year', get: (n) => limits.unit(n, 'hvb', 'purchased_placements_per_year'), format: F.count },
    { label: 'Own HVB places in use, %', get: (n) => limits.unit(n, 'hvb', 'own_use_pct'), format: F.pct },
  ];
  if (Math.abs(lward(lbase, 'cost_per_year').mean - staff.mean - payment.mean) > 1e-6 * Math.abs(staff.mean)) {
    throw new Error(`${file}: the ward's cost differs between \`compare ${file}\` and \`compare ${args.slice(1).join(' ')}\``);
  }
  const perLimit = names.filter((n) => n !== lbase).map((n) => {
    const ld = (metric) => limits.unit(n, 'beroende', metric).difference;
    return `with \`${n}\` the mean wait is ${level(lward(n, 'mean_wait_for_next_step_days'), F.days1)} days, `
      + `${level(lward(n, 'places_held_mean'), F.two)} beds are kept, the payment is ${amount(ld('cost_per_year'), F.mkr2, 'Mkr a year more', 'Mkr a year less')} `
      + `and ${amount(ld('diverted_per_year'), F.count, 'more', 'fewer')} acute patients a year are held at the emergency department`;
  });
  const limitText = `Against the scenario's own longest wait (\`${lbase}\`): ${perLimit.join('; ')}.`;

  // The sweep runs the proposal's seed and replications, so a point less the proposal is
  // paired as the comparison above is.
  const sweepFile = 'scenarios/jamtland/sensitivity-hvb-wait.yaml';
  const sweep = new Sweep(kapsim.run(['sweep', sweepFile]));
  if (sweep.seed !== cmp.json.seed || sweep.replications !== cmp.json.replications) {
    throw new Error(`${sweepFile}: seed ${sweep.seed} and ${sweep.replications} replications, not those of ${base} (${cmp.json.seed}, ${cmp.json.replications})`);
  }
  const at = (p, metric) => sweep.mean(p, `units.beroende.${metric}`);
  const over = (metric) => sweep.points.map((p) => at(p, metric));
  const payments = sweep.points.map((p) => at(p, 'cost_per_year') - staff.mean);
  const extra = sweep.points.map((p) => at(p, 'diverted_per_year') - ward(base, 'diverted_per_year').mean);
  const parameterNames = {
    'units.hvb.own_places': 'own places at the joint HVB',
    'pathways.beroende.wait_for_place.hvb.max': 'longest wait in the bed',
    'classes.hvb_placed.arrivals.rate': 'direct placements (not via the ward)',
    'units.hvb.duration.sd': 'sd of the placement lengths',
  };
  const named = (k) => parameterNames[k] ?? k;
  const ranges = sweep.parameters.map((k) => `${named(k)} ${list(sweep.values(k).map((v) => `\`${v}\``), 'or')}`);
  const [top] = mainEffects(sweep.points, sweep.parameters, (p) => at(p, 'places_held_mean'));
  const robustness = `**Does it hold?** \`${sweepFile}\` runs ${sweep.points.length} points (${list(ranges)}; `
    + `${sweep.replications} replications each, seed ${sweep.seed}, those of the proposal). Over them ${range(over('waited_for_next_step_per_year'), F.count, 1)} `
    + `patients a year wait, ${range(over('mean_wait_for_next_step_days'), F.days1)} days on average, keeping ${range(over('places_held_mean'), F.two)} beds; `
    + `the municipalities pay ${range(payments, F.mkr2)} Mkr a year for those days at ${num(perDay, 0)} kr a day (in proportion to the amount a day), `
    + `and the ward holds ${spread(extra, F.count, 'more', 'fewer', 1)} acute patients a year at the emergency department than the proposal without the wait. `
    + `The beds kept depend most on the ${named(top.parameter)}: ${num(top.low.mean, 2)} on average at \`${top.low.level}\`, `
    + `${num(top.high.mean, 2)} at \`${top.high.level}\`.`;

  return {
    title: 'Jämtland 2025 proposal: patients ready for discharge (utskrivningsklara) waiting in the ward for the joint HVB: how many, how long, how many beds, and what do the municipalities pay?',
    body: [
      `${runDescription(cmp.scenario(w))}, common random numbers. The ward's patients who go on to HVB keep their bed, ready for discharge, `
      + 'until one of the joint HVB\'s own places frees, for at most a set time, after which a placement is bought (README, "Waiting for the next '
      + 'step"); the municipality pays for each day. Against the proposal without the wait, where the ward\'s beds free at the end of every stay:',
      command(args),
      answer,
      compareTable(cmp, rows),
      `The file's variants with a shorter or a longer longest wait (${beds} beds in each`
      + `${names.length < limits.names.length ? '; the command also runs the variants it takes over from the proposal, with other numbers of beds, which the question on the 2025 proposal answers' : ''}):`,
      command(['compare', file]),
      limitText,
      compareTable(limits, limitRows, undefined, names),
      command(['sweep', sweepFile]),
      robustness,
      '**Rests on:** the shift of treatment from HVB to the ward and the placements made directly, not via the ward, which compete for the '
      + 'joint HVB\'s own places; the number of own places and the spread of placement lengths; that a bed is kept for an own place only for a '
      + 'set time before one is bought; and the municipalities\' payment a day, which the documents do not give (each region\'s agreement under '
      + 'lag (2017:612) sets it); besides everything the 2025 proposal rests on '
      + `(${assumptionLink('jamtland/proposal-2025-hvb-wait.yaml')}, ${assumptionLink('jamtland/proposal-2025.yaml')}).`,
    ],
  };
}

function frequentAttenders(kapsim) {
  const file = 'scenarios/vasternorrland/frequent-attenders.yaml';
  const run = new Run(kapsim.run(['run', file]));
  const c = (metric) => run.metric('classes', 'frequent_attenders', metric);
  const ed = (metric) => run.metric('units', 'emergency', metric);
  const persons = c('persons');
  const payers = run.json.payers ?? {};
  const costed = Object.values(payers).some((p) => Math.abs(p.cost_per_year?.mean ?? 0) > 0);
  // The answer speaks of the emergency department alone; a unit added to the scenario needs words of its own.
  const others = Object.keys(run.json.units).filter((id) => id !== 'emergency');
  if (others.length > 0) throw new Error(`${file}: units ${others.join(', ')} besides the emergency department; the answer does not describe them yet`);
  const answer = `The ${level(persons, F.count)} persons make ${level(c('visits_per_year'), F.count)} visits a year between them (calibrated to the `
    + `visits the document counts for ${run.scenario.start.slice(0, 4)}): ${level(c('visits_per_person_mean'), F.days1)} per person a year on average, `
    + `with a standard deviation of ${level(c('visits_per_person_sd'), F.days1)} between the persons. The tenth with the most visits `
    + `(${num(persons.mean / 10, 1)} persons) make ${level(c('top_10pct_share'), F.share)} % of all visits. The scenario puts every visit at the emergency `
    + `department, as a visit of ${level(ed('mean_visit_hours'), F.two)} hours on average: ${level(ed('hours_per_year'), F.hours)} hours a year, `
    + `so that ${level(ed('present_mean'), F.two)} of these persons are there at any time on average. `
    + 'It has no ward, so it puts no load on inpatient units: the document does not say at which units the visits are made'
    + (costed ? '.' : ', and no price of a visit is set, so it costs nothing in the model.');
  const rows = [
    ['Persons', level(persons, F.count)],
    ['Visits a year', level(c('visits_per_year'), F.count)],
    ['Visits per person a year, mean', level(c('visits_per_person_mean'), F.days1)],
    ['Visits per person a year, standard deviation between persons', level(c('visits_per_person_sd'), F.days1)],
    ['Share of the visits made by the top 10 %, %', level(c('top_10pct_share'), F.share)],
    ['Emergency department hours a year', level(ed('hours_per_year'), F.hours)],
    ['Persons at the emergency department at a time, on average', level(ed('present_mean'), F.two)],
  ];

  const sweepFile = 'scenarios/vasternorrland/sensitivity-frequent-attenders.yaml';
  const sweep = new Sweep(kapsim.run(['sweep', sweepFile]));
  const cvKey = 'classes.frequent_attenders.population.spread.cv';
  const lengthKey = 'units.emergency.duration.mean';
  const cvs = sweep.values(cvKey).sort((a, b) => Number(a) - Number(b));
  const lengths = sweep.values(lengthKey);
  const where = (key, value) => sweep.points.filter((p) => p.params[key] === value);
  const cls = (metric) => (p) => sweep.mean(p, `classes.frequent_attenders.${metric}`);
  const unit = (metric) => (p) => sweep.mean(p, `units.emergency.${metric}`);
  const byCv = cvs.map((v) => `${range(where(cvKey, v).map(cls('top_10pct_share')), F.share)} % at cv ${v}`);
  const sdByCv = cvs.map((v) => range(where(cvKey, v).map(cls('visits_per_person_sd')), F.days1));
  const byLength = lengths.map((v) => `with visits of ${v}, ${range(where(lengthKey, v).map(unit('hours_per_year')), F.hours)} hours a year and `
    + `${range(where(lengthKey, v).map(unit('present_mean')), F.two)} persons there on average`);
  const visitsByLength = lengths.map((v) => `${range(where(lengthKey, v).map(unit('visits_per_year')), F.count, 0)} a year with visits of ${v}`);
  const robustness = `**Does it hold?** \`${sweepFile}\` varies how much the persons' rates differ (the gamma spread's cv `
    + `${list(cvs.map((v) => `\`${v}\``), 'or')}) and how long a visit takes (${list(lengths.map((v) => `\`${v}\``), 'or')}), `
    + `${sweep.points.length} points of ${sweep.replications} replications each, seed ${sweep.seed}. The concentration rests on the spread: the top tenth's share of `
    + `the visits is ${list(byCv)} (over the visit lengths), and the standard deviation between the persons goes from ${sdByCv[0]} visits a year at `
    + `cv ${cvs[0]} to ${sdByCv[sdByCv.length - 1]} at cv ${cvs[cvs.length - 1]}. The load on the emergency department rests on the length of a visit: `
    + `${byLength.join('; ')}. Longer visits also mean fewer visits made (${list(visitsByLength)}), since a person at the department cannot need care anew.`;

  return {
    title: 'Västernorrland\'s frequent attenders (mångbesökare): how are their visits spread over the persons, and what load do they put on the emergency department?',
    body: [
      `${runDescription(run.scenario)}; each replication draws the persons' rates anew from the assumed spread (README, "Known persons who come back"):`,
      command(['run', file]),
      answer,
      table(['', `\`${run.scenario.name}\``], rows),
      command(['sweep', sweepFile]),
      robustness,
      '**Rests on:** the same persons throughout, each keeping a rate of their own, with their needs pausing while in care; the spread of the rates '
      + 'between the persons, which the municipalities\' means bound only from below; that every visit is an emergency visit of a few hours, since the '
      + 'document says neither where the visits are made nor how long they take; no intervention is modelled here (the next question adds one) '
      + `(${assumptionLink('vasternorrland/frequent-attenders.yaml')}).`,
    ],
  };
}

// Coordinated care for the frequent attenders: a caseload team whose open cases make its
// persons' emergency visits rarer (README, "What a case does to the enrolled person's own care").
function coordinatedCare(kapsim) {
  const baseFile = 'scenarios/vasternorrland/frequent-attenders.yaml';
  const file = 'scenarios/vasternorrland/frequent-attenders-coordinated.yaml';
  const args = ['compare', baseFile, file];
  const cmp = new Comparison(kapsim.run(args));
  const base = cmp.base;
  const [w] = cmp.variants;
  const ed = (n, metric) => cmp.unit(n, 'emergency', metric);
  const team = (metric) => cmp.unit(w, 'coordinated', metric);
  const person = (n, metric) => cmp.metric(n, 'classes', 'frequent_attenders', metric);
  const d = (metric) => ed(w, metric).difference;
  const pairing = cmp.metric(w, 'units', 'emergency', 'visits_per_year').variance_reduction;
  // The outputs hold no limit as such: open cases over their share of the limit give it.
  const caseload = Math.round((team('caseload_mean').mean / team('caseload_pct').mean) * 100);

  const answer = `With a team of ${caseload} open cases, ${level(team('caseload_mean'), F.count)} of the persons have an open case at any time on average `
    + `and ${level(team('intake_mean'), F.count)} wait at home on its intake list, ${level(team('mean_wait_days'), F.days)} days on average before their case opens. `
    + `Against the same persons without the team (\`${base}\`), under the same random numbers (the pairing makes the variance of the difference `
    + `${num(pairing, 0)} times smaller than independent runs would), the emergency department has ${amount(d('visits_per_year'), F.count, 'more', 'fewer')} `
    + `of their visits a year (${level(ed(w, 'visits_per_year'), F.count)} instead of ${level(ed(base, 'visits_per_year'), F.count)}), `
    + `${amount(d('hours_per_year'), F.hours, 'more', 'fewer')} hours a year, and the team counts ${level(team('avoided.emergency.arrivals_per_year'), F.count)} `
    + `visits a year its persons did not make. A person's visits fall from ${level(person(base, 'visits_per_person_mean'), F.days1)} to `
    + `${level(person(w, 'visits_per_person_mean'), F.days1)} a year on average.`;
  const rows = [
    { label: 'Emergency visits a year by the frequent attenders', get: (n) => ed(n, 'visits_per_year'), format: F.count },
    { label: 'Emergency department hours a year', get: (n) => ed(n, 'hours_per_year'), format: F.hours },
    { label: 'Visits per person a year, mean', get: (n) => person(n, 'visits_per_person_mean'), format: F.days1 },
    { label: 'Share of the visits made by the top 10 %, %', get: (n) => person(n, 'top_10pct_share'), format: F.share },
  ];

  const sweepFile = 'scenarios/vasternorrland/sensitivity-frequent-attenders-coordinated.yaml';
  const sweep = new Sweep(kapsim.run(['sweep', sweepFile]));
  const ratioKey = 'units.coordinated.while_enrolled.arrivals.emergency';
  const avoided = (p) => sweep.mean(p, 'units.coordinated.avoided.emergency.arrivals_per_year');
  const parameterNames = {
    [ratioKey]: 'the rate ratio of an enrolled person\'s emergency visits',
    'units.coordinated.caseload': 'the caseload',
    'units.coordinated.case_length.mean': 'the mean case length',
    'classes.frequent_attenders.population.spread.cv': 'the spread of the persons\' rates (cv)',
  };
  const named = (k) => parameterNames[k] ?? k;
  const ranges = sweep.parameters.map((k) => `${named(k)} ${list(sweep.values(k).map((v) => `\`${v}\``), 'or')}`);
  const ratios = sweep.values(ratioKey).sort((a, b) => Number(b) - Number(a));
  const byRatio = ratios.map((r) => {
    const values = sweep.points.filter((p) => p.params[ratioKey] === r).map(avoided);
    return `${values.every((v) => v === 0) ? 'none' : range(values, F.count, 0)} at a ratio of \`${r}\``;
  });
  const effects = mainEffects(sweep.points.filter((p) => Number(p.params[ratioKey]) < 1), sweep.parameters.filter((k) => k !== ratioKey), avoided);
  const [top] = effects;
  const robustness = `**Does it hold?** The document gives neither the team nor any effect, so the answer is only as good as these assumptions. `
    + `\`${sweepFile}\` runs ${sweep.points.length} points (${list(ranges)}; ${sweep.replications} replications each, seed ${sweep.seed}). `
    + `The visits avoided a year are ${list(byRatio)}: with no effect (a ratio of 1) the team changes nothing, whatever its size. `
    + `Where there is an effect, they depend most on ${named(top.parameter)}: ${num(top.low.mean, 0)} a year on average at \`${top.low.level}\`, `
    + `${num(top.high.mean, 0)} at \`${top.high.level}\`, since a larger team reaches more of the persons.`;

  return {
    title: 'Västernorrland\'s frequent attenders with coordinated care from municipality and region: how many emergency visits fewer?',
    body: [
      `${runDescription(cmp.scenario(w))}, common random numbers. A frequent attender's visit refers them to a team giving coordinated care; `
      + 'they live at home while waiting for and during their case, and while it is open each of their emergency visits happens only with '
      + 'the assumed rate ratio (README, "What a case does to the enrolled person\'s own care"). Against the same persons without the team:',
      command(args),
      answer,
      compareTable(cmp, rows),
      command(['sweep', sweepFile]),
      robustness,
      '**Rests on:** the team\'s caseload and case length and the effect of an open case on a person\'s emergency visits, none of which the '
      + 'document gives (it suggests coordinated care for these persons once identified, without a size or an effect); the persons being '
      + 'referred at their first visit and served in turn; and everything the frequent attenders\' scenario rests on '
      + `(${assumptionLink('vasternorrland/frequent-attenders-coordinated.yaml')}, ${assumptionLink('vasternorrland/frequent-attenders.yaml')}).`,
    ],
  };
}

// One or two FACT pilot teams for the co-occurring group, against none (the three files, paired).
function factPilot(kapsim) {
  const files = ['fact-pilot-none', 'fact-pilot', 'fact-pilot-2'].map((f) => `scenarios/jamtland/${f}.yaml`);
  const args = ['compare', ...files];
  const cmp = new Comparison(kapsim.run(args));
  const base = cmp.base;
  const [one, two] = cmp.variants;
  const fact = (n, metric) => cmp.metric(n, 'units', 'fact', metric);
  // The team's limit from its open cases and their share of it (the outputs hold no limit as such).
  const places = (n) => (fact(n, 'caseload_mean') === undefined ? 0
    : Math.round(fact(n, 'caseload_mean').mean / (fact(n, 'caseload_pct').mean / 100)));
  const label = (n) => `\`${n}\` (${places(n) === 0 ? 'no team' : `${places(n)} clients`})`;
  const u = (unit, metric) => (n) => cmp.unit(n, unit, metric);
  // A metric times a constant, with its interval and its paired difference scaled alike.
  const scaled = (est, k) => {
    const s = (e) => ({ ...e, mean: e.mean * k, sd: e.sd * k, ci_low: e.ci_low * k, ci_high: e.ci_high * k });
    return est.difference ? { ...s(est), difference: s(est.difference) } : s(est);
  };
  const bedDays = (n) => scaled(cmp.unit(n, 'beroende', 'occupancy_mean'), 365.25);
  const none = { mean: null };
  const team = (metric) => (n) => fact(n, metric) ?? none;
  const rows = [
    { label: 'Acute admissions a year at the ward', get: u('beroende', 'acute_admitted_per_year'), format: F.count },
    { label: '&nbsp;&nbsp;of which the co-occurring group', get: u('beroende', 'by_class.co_occurring.admitted_per_year'), format: F.count },
    { label: `Bed days a year at the ward (${cmp.places(base, 'beroende')} beds)`, get: bedDays, format: F.days },
    { label: 'Occupancy, % of the beds', get: u('beroende', 'occupancy_pct'), format: F.pct },
    { label: 'Mean stay of the co-occurring group, days', get: u('beroende', 'by_class.co_occurring.mean_stay_days'), format: F.days1 },
    { label: 'Acute patients turned away a year (held at the emergency department)', get: u('beroende', 'diverted_per_year'), format: F.count },
    { label: 'Share of acute patients turned away, %', get: u('beroende', 'p_diverted'), format: F.share },
    { label: 'HVB placements a year', get: u('hvb', 'placements_per_year'), format: F.count },
    { label: '&nbsp;&nbsp;of which the co-occurring group', get: u('hvb', 'by_class.co_occurring.admitted_per_year'), format: F.count },
    { label: 'HVB placement days a year', get: u('hvb', 'placement_days_per_year'), format: F.days },
    { label: 'FACT: open cases (mean)', get: team('caseload_mean'), format: F.count, noDifference: true },
    { label: 'FACT: % of the places taken', get: team('caseload_pct'), format: F.pct, noDifference: true },
    { label: 'FACT: referrals leaving the intake list unserved a year', get: team('left_intake_per_year'), format: F.count, noDifference: true },
    ...payerRows(cmp),
  ];
  // The second team against the first, replication by replication (compare pairs each with the base).
  const between = (unit, metric, k = 1) => cmp.pairedDifference(two, one, `units.${unit}.${metric}`, k);
  const effect = (v) => {
    const d = (unit, metric) => cmp.unit(v, unit, metric).difference;
    return `${amount(d('beroende', 'acute_admitted_per_year'), F.count, 'more', 'fewer')} acute admissions and `
      + `${amount(bedDays(v).difference, F.days, 'more', 'fewer')} bed days a year at the ward (occupancy `
      + `${level(cmp.unit(v, 'beroende', 'occupancy_pct'), F.pct)} % against ${level(cmp.unit(base, 'beroende', 'occupancy_pct'), F.pct)} %), `
      + `${amount(d('beroende', 'diverted_per_year'), F.count, 'more', 'fewer')} acute patients turned away and `
      + `${amount(d('hvb', 'placements_per_year'), F.count, 'more', 'fewer')} HVB placements a year`;
  };
  const others = cmp.unit(one, 'fact', 'by_class.fact_others.admitted_per_year');
  // A difference whose interval holds 0 is no change the replications can tell.
  const added = (diff, format) => `${change(diff, format)}${diff.ci_low <= 0 && diff.ci_high >= 0 ? ' (no change the replications can tell)' : ''}`;
  const filled = fact(two, 'caseload_pct').mean < 90
    ? `; the referrals do not fill two teams (${level(fact(two, 'caseload_pct'), F.pct)} % of their ${places(two)} places are taken)` : '';
  const answer = `Without FACT, the co-occurring group makes ${level(cmp.unit(base, 'beroende', 'by_class.co_occurring.arrivals_per_year'), F.count)} `
    + `of the ward's ${level(cmp.unit(base, 'beroende', 'arrivals_per_year'), F.count)} arrivals a year (acute and planned), and `
    + `${level(cmp.unit(base, 'hvb', 'by_class.co_occurring.admitted_per_year'), F.count)} of the ${level(cmp.unit(base, 'hvb', 'placements_per_year'), F.count)} HVB placements. `
    + `One pilot team (${places(one)} clients) means ${effect(one)}. It holds ${level(fact(one, 'caseload_mean'), F.count)} open cases on average `
    + `(${level(fact(one, 'caseload_pct'), F.pct)} % of its places; ${level(others, F.count)} of the cases it starts a year are clients from outside the ward and HVB). `
    + `Two teams (${places(two)} clients) mean ${effect(two)}: against one team, the second changes the ward's bed days by `
    + `${added(between('beroende', 'occupancy_mean', 365.25), F.days)} and the HVB placements by `
    + `${added(between('hvb', 'placements_per_year'), F.count)} a year${filled}. `
    + `The teams' staff and the HVB placements they save together change the cost by ${list(cmp.variants.map((v) => `${amount(cmp.payer(v, 'total').difference, F.mkr, 'Mkr a year more', 'Mkr a year less')} with ${places(v)} clients`))}.`;

  const sweepFile = 'scenarios/jamtland/sensitivity-fact.yaml';
  const sweep = new Sweep(kapsim.run(['sweep', sweepFile]));
  const size = 'units.fact.caseload';
  const rest = sweep.parameters.filter((k) => k !== size);
  const key = (p) => rest.map((k) => p.params[k]).join('|');
  const at = new Map(sweep.points.map((p) => [`${p.params[size]}|${key(p)}`, p]));
  const limits = sweep.values(size).map(Number).sort((a, b) => a - b);
  // Each point with a team against the same point with none, and the second team against the first.
  const against = (limit, other, metric, k = 1) => sweep.points.filter((p) => Number(p.params[size]) === limit)
    .map((p) => ({ point: p, value: (sweep.mean(p, metric) - sweep.mean(at.get(`${other}|${key(p)}`), metric)) * k }));
  const [zero, first, second] = limits;
  const bed = (limit, other) => against(limit, other, 'units.beroende.occupancy_mean', 365.25);
  const hvb = (limit, other) => against(limit, other, 'units.hvb.placements_per_year');
  const turned = (limit, other) => against(limit, other, 'units.beroende.diverted_per_year');
  const values = (rs) => rs.map((r) => r.value);
  const rising = bed(first, zero).filter((r) => r.value > 0);
  const effects = mainEffects(bed(first, zero).map((r) => ({ params: r.point.params, value: r.value })), rest, (p) => p.value);
  const short = (parameter) => parameter.replace(/^units\.fact\.|^classes\./, '');
  const robustness = `**Does it hold?** The report gives no effect of FACT on inpatient care or HVB. \`${sweepFile}\` runs `
    + `${sweep.points.length} points: no team, one and two (${list(limits.map(String), 'and')} places), each effect of an open case from none to strong, `
    + `and the group's need of the ward, the spread of their rates, the team's other clients and the case length at their ranges' ends `
    + `(${sweep.replications} replications each, seed ${sweep.seed}; every point with a team is held against the same point without). `
    + `Against none, one team's change is ${spread(values(bed(first, zero)), F.days, 'more', 'fewer')} bed days a year at the ward, `
    + `${spread(values(turned(first, zero)), F.count, 'more', 'fewer')} acute patients turned away and ${spread(values(hvb(first, zero)), F.count, 'more', 'fewer')} `
    + `HVB placements a year; a second team's, against one, is ${spread(values(bed(second, first)), F.days, 'more', 'fewer')} bed days and `
    + `${spread(values(hvb(second, first)), F.count, 'more', 'fewer')} `
    + `HVB placements. What decides the bed days most is \`${short(effects[0].parameter)}\` (one team's change averages ${num(effects[0].low.mean, 0, true)} bed days at \`${effects[0].low.level}\`, `
    + `${num(effects[0].high.mean, 0, true)} at \`${effects[0].high.level}\`), then \`${short(effects[1].parameter)}\`. `
    + (rising.length === 0 ? 'One team lowers the bed days at every point.'
      : `At ${rising.length} of the ${bed(first, zero).length} points one team *raises* the ward's bed days`
        + (rising.every((r) => Number(r.point.params['units.fact.while_enrolled.arrivals.beroende']) === 1 && Number(r.point.params['units.fact.while_enrolled.stay.beroende']) === 1)
          ? ', all of them points where an open case changes only the HVB placements: persons kept out of HVB spend that time at home, where their needs of the ward go on.'
          : '.'));

  return {
    title: 'Jämtland: what do one or two FACT pilot teams for the co-occurring group change for the addiction ward and HVB?',
    body: [
      `${runDescription(cmp.scenario(base))}, common random numbers; the ${level(cmp.unit(base, 'beroende', 'by_class.co_occurring.arrivals_per_year'), F.count)} `
      + 'arrivals a year of the 301 persons with co-occurring addiction and psychiatric illness are known persons who come back (README, Known persons who come back); '
      + 'a stay at the ward or in HVB refers them to the team, and while their case is open they come to the ward and go to HVB less often and stay shorter '
      + '(README, What a case does to the enrolled person\'s own care). The variants are files extending the base (`extends:`):',
      command(args),
      answer,
      compareTable(cmp, rows, label),
      command(['sweep', sweepFile]),
      robustness,
      '**Rests on:** the size of each effect of an open case, which the report does not give at all; the group as 301 known persons (the report\'s rough '
      + 'estimate) with half of the ward\'s acute demand and the placements with dual diagnosis; referral to the team after every stay at the ward or '
      + 'in HVB, and the team\'s other clients; a case of about three years and a team that has run long enough to be full (six years\' warm-up); '
      + 'the ward of the 2025 proposal and the HVB placements of 2024 '
      + `(${assumptionLink('jamtland/fact-pilot-none.yaml')}, ${assumptionLink('jamtland/fact-pilot.yaml')}, ${assumptionLink('jamtland/proposal-2025.yaml')}, ${assumptionLink('jamtland/hvb.yaml')}).`,
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// The section and README.md

// A search of `kapsim capacity --target`: its arguments and capacity-target.json.
function capacitySearch(kapsim, file, unit, targets, set = []) {
  const args = ['capacity', file, '--unit', unit, ...targets.flatMap((t) => ['--target', t]), ...set.flatMap((x) => ['--set', x])];
  return { args, result: readJson(path.join(kapsim.run(args), 'capacity-target.json')) };
}

// "13 (12 fails: 5.6 [5.0, 6.2] % diverted)": the answer with the judgement that decided it.
function capacitySaid(result, noun, describe) {
  const a = result.answer;
  if (!a.clear || a.smallest_meeting === null) return a.text;
  const trial = (c) => result.trials.find((t) => t.capacity === c);
  const meets = trial(a.smallest_meeting);
  const fails = a.largest_failing === null ? null : trial(a.largest_failing);
  const failed = fails === null ? '' : `; with ${fails.capacity}, ${describe(fails)}`;
  return `**${a.smallest_meeting} ${noun}** (${describe(meets)}${failed})`;
}

// The smallest capacity meeting targets, found by `kapsim capacity --target` (a sequential
// search under common random numbers; capacity_target.hpp).
function smallestCapacity(kapsim) {
  const search = (file, unit, targets, set = []) => capacitySearch(kapsim, file, unit, targets, set);
  const said = capacitySaid;
  const pct = (e) => `${num(e.mean * 100, 1)} [${num(e.ci_low * 100, 1)}, ${num(e.ci_high * 100, 1)}] %`;
  const days = (e) => `${num(e.mean, 1)} [${num(e.ci_low, 1)}, ${num(e.ci_high, 1)}] days`;
  const avd7 = 'scenarios/vasternorrland/avd7-13.yaml';
  const tne = 'scenarios/jamtland/tne-2016.yaml';
  const diverted = search(avd7, 'avd7', ['p_diverted<=0.05']);
  const both = search(avd7, 'avd7', ['p_diverted<=0.05', 'mean_wait_days<=7']);
  const sobering = search(tne, 'tne', ['p_turned_away<=0.05']);
  const describeDiverted = (t) => `${pct(t.targets[0].estimate)} of acute patients diverted`;
  const describeBoth = (t) => `${pct(t.targets[0].estimate)} diverted, a mean planned wait of ${days(t.targets[1].estimate)}`;
  const describeTne = (t) => `${pct(t.targets[0].estimate)} of those brought in find it full`;
  const level = num(diverted.result.judgement_level * 100, 3);

  // How the answers move over the assumptions that decide them (the sweep files' ranges).
  const over = [4, 8].map((o) => [o, search(avd7, 'avd7', ['p_diverted<=0.05'], [`units.avd7.over_occupancy=${o}`]).result.answer]);
  const referrals = ['0.3/day', '0.8/day'].map((r) => [r, search(avd7, 'avd7', ['p_diverted<=0.05', 'mean_wait_days<=7'],
    [`classes.planned_detox.arrivals.rate=${r}`]).result.answer]);
  const stays = ['4h', '12h', '16h'].map((m) => [m, search(tne, 'tne', ['p_turned_away<=0.05'], [`units.tne.stay.mean=${m}`]).result.answer]);
  const moved = (pairs, what, noun) => list(pairs.map(([value, a]) => `${a.clear && a.smallest_meeting !== null ? a.smallest_meeting : `not clear (${a.text})`} ${noun} with ${what} \`${value}\``));

  return {
    title: 'How many beds at avdelning 7, and how many TNE places in Jämtland, for at most 5 % turned away?',
    body: [
      'Each search simulates capacities of the unit under common random numbers, judges each against the targets from its '
      + 'interval, adds replications only where the judgement is not yet clear, and bisects; each judgement is made at a '
      + `confidence (${level} % in the first search) such that together they hold with at least 95 % (README, \`kapsim capacity\`).`,
      command(diverted.args),
      `At avdelning 7 with today's assumptions (over-occupancy up to 6 beds), at most 5 % of acute patients diverted takes ${said(diverted.result, 'beds', describeDiverted)}.`,
      command(both.args),
      `If the planned patients' mean wait must also be at most 7 days, it takes ${said(both.result, 'beds', describeBoth)}.`,
      command(sobering.args),
      `For the sobering unit as it ran in 2016 (about 700 a year), at most 5 % finding it full takes ${said(sobering.result, 'places', describeTne)}.`,
      `**Does it hold?** The same searches with the assumptions that decide them moved over their ranges in the sweep files: for 5 % `
      + `diverted, ${moved(over, 'an over-occupancy limit of', 'beds')}; with the wait target too, ${moved(referrals, 'planned referrals of', 'beds')}; `
      + `for the TNE, ${moved(stays, 'a mean stay of', 'places')} (8 hours in the scenario).`,
      '**Rests on:** the ward\'s over-occupancy limit and planned referral rate, and the TNE\'s length of stay, none of which the documents give '
      + `(${assumptionLink('vasternorrland/avd7-13.yaml')}, ${assumptionLink('jamtland/tne-2016.yaml')}); that more capacity never makes a target worse, `
      + 'which the search checks among the capacities it judged.',
    ],
  };
}

// A SPOT team in Sundsvall taking avdelning 7's returning patients over after a stay: what it
// changes for the ward, with and without a cut of two beds, against the same persons without it.
function spotSundsvall(kapsim) {
  const args = ['compare', 'scenarios/vasternorrland/avd7-13-returners.yaml', 'scenarios/vasternorrland/spot-sundsvall.yaml',
    'scenarios/vasternorrland/spot-sundsvall-11.yaml'];
  const cmp = new Comparison(kapsim.run(args));
  const base = cmp.base;
  const [spot, cut] = cmp.variants;
  const beds = Object.fromEntries(cmp.names.map((n) => [n, cmp.places(n, 'avd7')]));
  const label = (n) => `\`${n}\` (${beds[n]} beds${n === base ? '' : ', SPOT'})`;
  const u = (metric) => (n) => cmp.unit(n, 'avd7', metric);
  const zero = { mean: 0, sd: 0, ci_low: 0, ci_high: 0, n: cmp.json.replications };
  // The team's figures; the base has no team, so 0 there.
  const team = (metric) => (n) => cmp.metric(n, 'units', 'spot', metric) ?? zero;
  // A figure scaled by a constant keeps its interval scaled.
  const scaled = (est, k) => {
    const s = (e) => ({ ...e, mean: e.mean * k, sd: e.sd * k, ci_low: e.ci_low * k, ci_high: e.ci_high * k });
    return est.difference ? { ...s(est), difference: s(est.difference) } : s(est);
  };
  const bedDays = (n) => scaled(cmp.unit(n, 'avd7', 'occupancy_mean'), 365.25);
  // The returners' bed days a year, replication by replication: their admissions times their mean stay.
  const returnerBedDays = (n) => {
    const per = (name) => {
      const reps = cmp.replications(name);
      const admitted = reps.get('units.avd7.by_class.returners.admitted_per_year');
      const stay = reps.get('units.avd7.by_class.returners.mean_stay_days');
      return admitted.map((a, r) => a * stay[r]);
    };
    const own = per(n);
    const result = estimate(own);
    if (n !== base) {
      const b = per(base);
      result.difference = estimate(own.map((v, r) => v - b[r]));
    }
    return result;
  };
  const rows = [
    { label: 'Returners\' admissions a year (episodes)', get: u('by_class.returners.admitted_per_year'), format: F.count },
    { label: 'Returners\' mean stay, days', get: u('by_class.returners.mean_stay_days'), format: F.days1 },
    { label: 'Returners\' bed days a year (admissions × mean stay)', get: returnerBedDays, format: F.days },
    { label: 'Acute admissions a year, everyone', get: u('acute_admitted_per_year'), format: F.count },
    { label: 'Acute patients turned away a year (ward at its over-occupancy limit)', get: u('diverted_per_year'), format: F.count },
    { label: 'Planned admissions a year', get: u('planned_admitted_per_year'), format: F.count },
    { label: 'Planned patients leaving the list a year', get: u('reneged_per_year'), format: F.count },
    { label: 'Mean planned wait, days', get: u('mean_wait_days'), format: F.days1 },
    { label: 'Bed days a year, everyone (vårddygn)', get: bedDays, format: F.days },
    { label: 'Occupancy, % of the beds (beläggning)', get: u('occupancy_pct'), format: F.pct },
    { label: 'Days a year with more patients than beds', get: u('days_above_capacity_per_year'), format: F.days },
    { label: 'SPOT: cases started a year', get: team('cases_started_per_year'), format: F.count },
    { label: 'SPOT: open cases, mean', get: team('caseload_mean'), format: F.count },
    { label: 'SPOT: referrals lapsing a year (team full)', get: team('left_intake_per_year'), format: F.count },
    { label: 'SPOT: avdelning 7 episodes avoided a year', get: team('avoided.avd7.arrivals_per_year'), format: F.count },
    ...payerRows(cmp),
  ];

  const d = (v, metric) => cmp.unit(v, 'avd7', metric).difference;
  const withSpot = `With the SPOT team and ${beds[spot]} beds, the returners are admitted `
    + `${amount(d(spot, 'by_class.returners.admitted_per_year'), F.count, 'more', 'fewer')} times a year `
    + `(of ${level(cmp.unit(base, 'avd7', 'by_class.returners.admitted_per_year'), F.count)}), and their stays are `
    + `${amount(d(spot, 'by_class.returners.mean_stay_days'), F.days1, 'days longer', 'days shorter')} on average; they spend `
    + `${amount(returnerBedDays(spot).difference, F.days, 'more', 'fewer')} bed days a year at the ward. `
    + `The team has ${level(team('caseload_mean')(spot), F.count)} cases open on average, ${level(team('caseload_pct')(spot), F.pct)} % of its caseload, `
    + `and ${level(team('left_intake_per_year')(spot), F.count)} referrals a year lapse because it is full. `
    + `${cmp.unit(spot, 'avd7', 'occupancy_pct').mean > 100 ? 'The ward stays full' : 'The ward is no longer full'}: the beds the returners leave are taken by planned patients who would otherwise have waited or given up, `
    + `${amount(d(spot, 'planned_admitted_per_year'), F.count, 'more', 'fewer')} planned admissions a year, and by `
    + `${amount(d(spot, 'diverted_per_year'), F.count, 'more', 'fewer')} acute patients turned away a year; `
    + `so the ward has only ${amount(bedDays(spot).difference, F.days, 'more', 'fewer')} bed days a year, and occupancy is `
    + `${level(cmp.unit(spot, 'avd7', 'occupancy_pct'), F.pct)} % instead of ${level(cmp.unit(base, 'avd7', 'occupancy_pct'), F.pct)} %.`;
  const withCut = `With the team and ${beds[cut]} beds instead of ${beds[base]} (the cut of Sundsvall's psychiatric beds the document mentions, `
    + `here at avdelning 7), the team ${d(cut, 'diverted_per_year').ci_low > 0 ? 'does not make up for the beds' : 'makes up for the beds'}: against no team and `
    + `${beds[base]} beds, ${amount(d(cut, 'diverted_per_year'), F.count, 'more', 'fewer')} acute patients a year are turned away, `
    + `${amount(d(cut, 'planned_admitted_per_year'), F.count, 'more', 'fewer')} planned patients a year are admitted, the mean planned wait is `
    + `${amount(d(cut, 'mean_wait_days'), F.days1, 'days longer', 'days shorter')}, and occupancy is `
    + `${level(cmp.unit(cut, 'avd7', 'occupancy_pct'), F.pct)} % of ${beds[cut]} beds, with more patients than beds on `
    + `${level(cmp.unit(cut, 'avd7', 'days_above_capacity_per_year'), F.days)} days a year.`;
  const region = cmp.payer(spot, 'region').difference;
  const costs = `The region pays ${amount(region, F.mkr, 'Mkr a year more', 'Mkr a year less')} for the team's four staff; `
    + 'the model prices no bed day, so a saving at the ward, if any, is not counted.';

  // Robustness: each point with an effect against the point with none at the same caseload,
  // case length and share of returners (the same random numbers).
  const sweepFile = 'scenarios/vasternorrland/sensitivity-spot.yaml';
  const sweep = new Sweep(kapsim.run(['sweep', sweepFile]));
  const arrivals = 'units.spot.while_enrolled.arrivals.avd7';
  const stay = 'units.spot.while_enrolled.stay.avd7';
  const share = 'classes.returners.population.visits';
  const rest = sweep.parameters.filter((k) => k !== arrivals && k !== stay);
  const keyOf = (p) => rest.map((k) => p.params[k]).join('|');
  const none = new Map(sweep.points.filter((p) => Number(p.params[arrivals]) === 1 && Number(p.params[stay]) === 1).map((p) => [keyOf(p), p]));
  const effect = sweep.points.filter((p) => !(Number(p.params[arrivals]) === 1 && Number(p.params[stay]) === 1)).map((p) => {
    const b = none.get(keyOf(p));
    const delta = (key) => sweep.mean(p, key) - sweep.mean(b, key);
    const returnerDays = (q) => sweep.mean(q, 'units.avd7.by_class.returners.admitted_per_year') * sweep.mean(q, 'units.avd7.by_class.returners.mean_stay_days');
    return {
      point: p,
      admitted: delta('units.avd7.by_class.returners.admitted_per_year'),
      returnerDays: returnerDays(p) - returnerDays(b),
      bedDays: delta('units.avd7.occupancy_mean') * 365.25,
      diverted: delta('units.avd7.diverted_per_year'),
      planned: delta('units.avd7.planned_admitted_per_year'),
      returnerBeds: -(returnerDays(p) - returnerDays(b)) / 365.25,
    };
  });
  // "3 to 9 fewer bed days", or "from -3 to +5 bed days" when the sign changes over the points.
  const counted = (values, format, noun, decimals) => {
    const s = spread(values, format, `more ${noun}`, `fewer ${noun}`, decimals);
    return s.startsWith('from') ? `${s} ${noun}` : s;
  };
  const assumed = effect.filter((e) => Number(e.point.params[arrivals]) === 0.7 && Number(e.point.params[stay]) === 0.85);
  const names = {
    [arrivals]: 'effect on episodes',
    [stay]: 'effect on stays',
    'units.spot.caseload.per_fte': 'cases per person of the team',
    'units.spot.case_length.mean': 'case length',
    [share]: 'returners\' need outside care',
  };
  const parameters = [arrivals, stay, 'units.spot.caseload.per_fte', 'units.spot.case_length.mean', share];
  const ranges = parameters.map((k) => `${names[k]} ${list(sweep.values(k).map((v) => `\`${v}\``), 'or')}`);
  const [top, second] = mainEffects(effect.map((e) => ({ params: e.point.params, value: e.returnerDays })), parameters, (p) => -p.value);
  const most = argmax(effect, (e) => e.returnerBeds);
  const describe = (p) => `episodes × ${p.params[arrivals]}, stays × ${p.params[stay]}, ${p.params['units.spot.caseload.per_fte']} cases per person, `
    + `cases of ${p.params['units.spot.case_length.mean']}, returners' need ${p.params[share]}`;
  const robustness = `**Does it hold?** \`${sweepFile}\` runs the team at ${sweep.points.length} points (${list(ranges)}; the other acute `
    + `arrivals and the number of persons move with the returners' need, so the ward's demand stays the same; ${sweep.replications} replications `
    + `of ${years(Number(sweep.values('scenario.run_length')[0].replace('y', '')) * 365.25)} each, seed ${sweep.seed}). Each point with an effect is held `
    + `against the point with none (both 1.0) at the same caseload, case length and need. At the assumed effects (× 0.7 and × 0.85), over `
    + `the ${assumed.length} combinations of the others, the returners have ${spread(assumed.map((e) => e.admitted), F.count, 'more', 'fewer', 0)} `
    + `admissions a year and ${spread(assumed.map((e) => e.returnerDays), F.days, 'more', 'fewer')} bed days a year; the ward has `
    + `${counted(assumed.map((e) => e.bedDays), F.days, 'bed days')}, ${counted(assumed.map((e) => e.diverted), F.count, 'acute patients turned away', 1)} `
    + `and ${counted(assumed.map((e) => e.planned), F.count, 'planned admissions', 0)} a year. Over all ${effect.length} points with an effect, the returners' `
    + `bed days fall by at most ${num(most.returnerBeds, 1)} beds' worth (${describe(most.point)}), `
    + `${most.returnerBeds < 2 ? 'less than the two beds of the cut' : 'as much as the two beds of the cut or more'}. `
    + `What moves the returners' bed days most is the ${names[top.parameter]} (${num(top.high.mean, 0)} fewer a year on average at `
    + `\`${top.high.level}\`, ${num(top.low.mean, 0)} at \`${top.low.level}\`), then the ${names[second.parameter]} `
    + `(${num(second.high.mean, 0)} at \`${second.high.level}\`, ${num(second.low.mean, 0)} at \`${second.low.level}\`).`;

  return {
    title: 'A SPOT team in Sundsvall: what does it do to avdelning 7\'s episodes and bed days, also if beds are cut?',
    body: [
      `${runDescription(cmp.scenario(base))}, common random numbers. The acute patients from Sundsvall, Timrå, Härnösand and Ånge `
      + 'who come back several times a year are followed as persons (a population); in the variants a stay at avdelning 7 refers them '
      + 'to the new SPOT team, which takes them over at once if it has room, and while their case is open they come to the ward less often '
      + 'and stay shorter there. The document gives the aim, "att minska slutenvårdsepisoder ... samt att den slutenvård som ändå måste '
      + 'tillgripas blir så kortvarig som möjligt" [källa: vn-utredning-2021 §spot-team], but no size, so both effects are assumptions:',
      command(args),
      `${withSpot} ${withCut} ${costs}`,
      compareTable(cmp, rows, label),
      command(['sweep', sweepFile]),
      robustness,
      '**Rests on:** who the returners are (their share of the catchment\'s acute admissions and their number, neither of which the documents give) '
      + `with the ward's acute demand calibrated as in question 1 (${assumptionLink('vasternorrland/avd7-13-returners.yaml')}); the team's caseload `
      + 'for these patients, which "inte går att förutse", how long a case lasts, how long a referral waits, and the size of both effects, none of '
      + `which the documents give (${assumptionLink('vasternorrland/spot-sundsvall.yaml')}, swept in \`${sweepFile}\`); the size and place of the `
      + `bed cut (${assumptionLink('vasternorrland/spot-sundsvall-11.yaml')}); and the ward's own assumptions (${assumptionLink('vasternorrland/avd7-13.yaml')}). `
      + 'Only avdelning 7\'s returners from the four municipalities are on the team here; its psychiatric patients, and the teams in Sollefteå '
      + 'and Örnsköldsvik, are not modelled.',
    ],
  };
}

// Personliga ombud in Jämtland: the caseload from the cases open at the start, year by year, and
// the intake list a wider target group builds, with and without two more ombud.
function personligaOmbud(kapsim) {
  const file = 'scenarios/jamtland/personliga-ombud.yaml';
  const cmp = new Comparison(kapsim.run(['compare', file]));
  const scenario = cmp.scenario(cmp.base);
  const [wider, more] = cmp.variants;
  const names = cmp.names;
  // The outputs hold no limit or staff as such: the limit from the mean caseload and its share of
  // the limit, the ombud from the mean caseload and the cases per FTE.
  const limit = (n) => Math.round((cmp.unit(n, 'ombud', 'caseload_mean').mean / cmp.unit(n, 'ombud', 'caseload_pct').mean) * 100);
  const ombud = (n) => Math.round(cmp.unit(n, 'ombud', 'caseload_mean').mean / cmp.unit(n, 'ombud', 'cases_per_fte').mean);
  const yearOf = (n, metric, year) => cmp.byYear(n, 'ombud', metric).find((y) => y.year === year);
  const yearsRun = cmp.byYear(cmp.base, 'ombud', 'caseload_end').map((y) => y.year);
  const first = yearsRun[0];
  const last = yearsRun[yearsRun.length - 1];
  const at = (n, metric, year, format = F.days1) => level(yearOf(n, metric, year), format);
  const code = (n) => `\`${n}\``;

  const growth = table(
    ['Year', `referrals, ${code(cmp.base)}`, `cases started, ${code(cmp.base)}`, `open on 31 December, ${code(cmp.base)}`,
      `referrals, ${code(wider)}`, `open on 31 December, ${code(wider)}`, `open on 31 December, ${code(more)}`],
    yearsRun.map((year) => [String(year), at(cmp.base, 'referrals_per_year', year), at(cmp.base, 'cases_started_per_year', year),
      at(cmp.base, 'caseload_end', year), at(wider, 'referrals_per_year', year), at(wider, 'caseload_end', year), at(more, 'caseload_end', year)]),
  );
  const waiting = table(
    ['Year', ...[wider, more].flatMap((n) => [`on the intake list on 31 December, ${code(n)}`, `mean wait, days, ${code(n)}`, `left the list unserved, ${code(n)}`])],
    yearsRun.map((year) => [String(year), ...[wider, more].flatMap((n) => [at(n, 'intake_end', year), at(n, 'mean_wait_days', year),
      at(n, 'left_intake_per_year', year)])]),
  );
  const u = (n, metric) => cmp.unit(n, 'ombud', metric);
  const rows = [
    { label: 'Referrals a year', get: (n) => u(n, 'referrals_per_year'), format: F.count },
    { label: 'Cases started a year', get: (n) => u(n, 'cases_started_per_year'), format: F.count },
    { label: 'Open cases, mean', get: (n) => u(n, 'caseload_mean'), format: F.days1 },
    { label: 'Open cases, % of the limit', get: (n) => u(n, 'caseload_pct'), format: F.pct },
    { label: 'Referrals who wait, %', get: (n) => u(n, 'p_wait'), format: F.share },
    { label: 'Mean wait of the cases started, days', get: (n) => u(n, 'mean_wait_days'), format: F.days1 },
    { label: 'On the intake list, mean', get: (n) => u(n, 'intake_mean'), format: F.days1 },
    { label: 'Left the intake list unserved a year', get: (n) => u(n, 'left_intake_per_year'), format: F.days1 },
    ...payerRows(cmp),
  ];
  // The two more ombud against the wider target group alone: paired replication by replication
  // (kapsim pairs each variant with the base only).
  const paired = (a, b, metric) => cmp.pairedDifference(a, b, `units.ombud.${metric}`);

  // The growth a year of the wider target group's referrals, as the runs give it.
  const growthPct = Math.round((((yearOf(wider, 'referrals_per_year', last).mean / yearOf(wider, 'referrals_per_year', first).mean) ** (1 / (last - first))) - 1) * 100);
  const answer = `From the 100 cases open on 1 January ${first} (209 clients less 109 new) and referrals at the documented rate, `
    + `${num(ombud(cmp.base), 0)} ombud at ${num(limit(cmp.base) / ombud(cmp.base), 0)} cases each (a limit of ${limit(cmp.base)} open cases; both assumed) `
    + `start ${at(cmp.base, 'cases_started_per_year', first)} cases in ${first} (the documents: about 109 new) and end it with `
    + `${at(cmp.base, 'caseload_end', first)} open (the documents: about 109). With the referrals steady the caseload grows only slowly, to `
    + `${at(cmp.base, 'caseload_end', last)} open at the end of ${last}; it runs close to the limit, so over ${period(scenario)} `
    + `${level(u(cmp.base, 'p_wait'), F.share)} % of referrals already wait, ${level(u(cmp.base, 'mean_wait_days'), F.days1)} days on average. `
    + `If the wider target group adds about ${growthPct} % a year (${code(wider)}; the documents say only that it grows), referrals rise from `
    + `${at(wider, 'referrals_per_year', first)} in ${first} to ${at(wider, 'referrals_per_year', last)} in ${last}, the caseload fills its `
    + `limit (${at(wider, 'caseload_end', last)} open of ${limit(wider)} at the end of ${last}), and the intake list grows to ${at(wider, 'intake_end', last)}; `
    + `the cases started in ${last} waited ${at(wider, 'mean_wait_days', last)} days on average, and ${at(wider, 'left_intake_per_year', last)} `
    + `a year leave the list unserved. With two more ombud (${code(more)}, a limit of ${limit(more)}) the cases started waited `
    + `${at(more, 'mean_wait_days', last - 1)} days on average in ${last - 1} and ${at(more, 'mean_wait_days', last)} in ${last}, when the `
    + `caseload nears the new limit too (${at(more, 'caseload_end', last)} open on 31 December, ${at(more, 'intake_end', last)} waiting). `
    + `Over ${period(scenario)}, against the wider target group with ${num(ombud(wider), 0)} ombud, the two more ombud start `
    + `${amount(paired(more, wider, 'cases_started_per_year'), F.days1, 'more', 'fewer')} cases a year, the mean wait is `
    + `${amount(paired(more, wider, 'mean_wait_days'), F.days1, 'days longer', 'days shorter')}, and `
    + `${amount(paired(more, wider, 'left_intake_per_year'), F.days1, 'more', 'fewer')} a year leave the list unserved, for `
    + `${amount(paired(more, wider, 'cost_per_year'), F.mkr2, 'Mkr more', 'Mkr less')} a year.`;

  // Robustness: the same question over the assumptions' ranges. Points with 8 and 10 ombud share
  // their random numbers, so their difference is what the two more ombud do at each of the others.
  const sweepFile = 'scenarios/jamtland/sensitivity-personliga-ombud.yaml';
  const sweep = new Sweep(kapsim.run(['sweep', sweepFile]));
  const perOmbud = 'units.ombud.caseload.per_fte';
  const staffPath = 'staffing.ombud.ombud.fte';
  const caseLength = 'units.ombud.case_length.mean';
  const patience = 'units.ombud.patience.mean';
  const growthPath = 'classes.clients.arrivals.growth';
  const staffLevels = sweep.values(staffPath).map(Number).sort((a, b) => a - b);
  const [fewer, moreStaff] = [staffLevels[0], staffLevels[staffLevels.length - 1]];
  const others = sweep.parameters.filter((k) => k !== staffPath);
  const keyOf = (p) => others.map((k) => p.params[k]).join('|');
  const withFewer = sweep.points.filter((p) => Number(p.params[staffPath]) === fewer);
  const byKey = new Map(sweep.points.filter((p) => Number(p.params[staffPath]) === moreStaff).map((p) => [keyOf(p), p]));
  const wait = (p) => sweep.mean(p, 'units.ombud.mean_wait_days');
  const listEnd = (p) => sweep.mean(p, 'units.ombud.intake_end');
  const growths = sweep.values(growthPath);
  const atGrowth = growths.map((g) => {
    const pts = withFewer.filter((p) => p.params[growthPath] === g);
    const shorter = pts.map((p) => wait(p) - wait(byKey.get(keyOf(p))));
    return `with the referrals at × ${g} a year${Number(g) === 1 ? ' (those of 2024)' : ''}, ${range(pts.map(wait), F.days1)} days and `
      + `${range(pts.map(listEnd), F.count, 0)} waiting (${moreStaff} ombud shorten the wait by ${range(shorter, F.days1)} days)`;
  });
  const described = { [perOmbud]: 'the cases per ombud', [caseLength]: 'the case length', [patience]: 'the patience on the list', [growthPath]: 'the growth of the referrals' };
  const [top, second] = mainEffects(withFewer, [perOmbud, caseLength, patience, growthPath], wait);
  const levels = (k) => list(sweep.values(k).map((v) => `\`${v}\``), 'or');
  const robustness = `**Does it hold?** The documents give neither the number of ombud, nor a caseload per ombud, nor a waiting list or case `
    + `lengths, nor how fast the wider target group grows. \`${sweepFile}\` runs ${sweep.points.length} points (${levels(perOmbud)} cases per ombud, `
    + `${levels(staffPath)} ombud, a mean case length of ${levels(caseLength)}, patience on the intake list of ${levels(patience)}, and the referrals `
    + `growing by a factor of ${levels(growthPath)} a year; ${sweep.replications} replications of ${years(scenario.run_length_days)} each, seed ${sweep.seed}). `
    + `Over ${period(scenario)} with ${fewer} ombud, the mean wait of the cases started and the intake list at the end of ${last} are: ${atGrowth.join('; ')}. `
    + `With ${fewer} ombud, what decides the wait most is ${described[top.parameter]} (${num(top.high.mean, 1)} days on average at \`${top.high.level}\`, `
    + `${num(top.low.mean, 1)} at \`${top.low.level}\`), then ${described[second.parameter]} (${num(second.high.mean, 1)} at \`${second.high.level}\`, `
    + `${num(second.low.mean, 1)} at \`${second.low.level}\`). The figures above (${num(limit(cmp.base) / ombud(cmp.base), 0)} cases per ombud, the referrals steady or growing `
    + `${growthPct} % a year) are points of this range; the sweep gives no figures year by year, so the year the list starts to build is read `
    + 'from the tables above only.';

  return {
    title: 'Personliga ombud in Jämtland: how does the caseload grow (209 clients in 2024, about 109 new and 100 closed a year), and how long would a larger target group wait for an ombud, with and without more ombud?',
    body: [
      `${runDescription(scenario)}, starting from the 100 cases open on 1 January 2024, with the file's variants; each year is read from `
      + 'the run\'s results by calendar year (`by_year` in each variant\'s `summary.json`):',
      command(['compare', file]),
      answer,
      growth,
      waiting,
      `Over ${period(scenario)}, with the paired differences from \`${cmp.base}\`:`,
      compareTable(cmp, rows, code, names),
      command(['sweep', sweepFile]),
      robustness,
      `**Rests on:** the caseload per ombud and the number of ombud, the case length and its spread, and the patience on the intake list, `
      + `none of which the documents give, and the growth of the wider target group (${assumptionLink('jamtland/personliga-ombud.yaml')}, `
      + `swept in \`${sweepFile}\`); `
      + 'the table of new and closed clients by age and sex read as giving the totals.',
    ],
  };
}

// Stronger support at home (hemmaplan) in Västernorrland: a home-based team taking persons over
// after a placement, whose open cases make their new HVB and SiS placements rarer; what teams of
// four and eight change in placements, placement days and cost to each payer, against none.
function hemmaplan(kapsim) {
  const files = ['hemmaplan-none', 'hemmaplan', 'hemmaplan-8'].map((f) => `scenarios/vasternorrland/${f}.yaml`);
  const args = ['compare', ...files];
  const cmp = new Comparison(kapsim.run(args));
  const base = cmp.base;
  const [four, eight] = cmp.variants;
  const none = { mean: null };
  const team = (metric) => (n) => cmp.metric(n, 'units', 'hemmaplan', metric) ?? none;
  // The team's staff and its caseload, from its outputs (they hold no staff as such).
  const staff = (n) => Math.round(team('caseload_mean')(n).mean / team('cases_per_fte')(n).mean);
  const limit = (n) => Math.round(team('caseload_mean')(n).mean / (team('caseload_pct')(n).mean / 100));
  const label = (n) => `\`${n}\` (${n === base ? 'no team' : `${staff(n)} assistants`})`;
  const hvb = (metric) => (n) => cmp.unit(n, 'hvb', metric);
  const rows = [
    { label: 'Placements a year, HVB and SiS', get: hvb('placements_per_year'), format: F.count },
    { label: 'Placement days a year', get: hvb('placement_days_per_year'), format: F.days },
    { label: 'Persons placed at once, mean', get: hvb('concurrent_mean'), format: F.count },
    { label: 'Cost of the placements, Mkr/year', get: hvb('cost_per_year'), format: F.mkr },
    { label: 'Team: open cases, mean', get: team('caseload_mean'), format: F.count, noDifference: true },
    { label: 'Team: % of its caseload taken', get: team('caseload_pct'), format: F.pct, noDifference: true },
    { label: 'Team: cases started a year', get: team('cases_started_per_year'), format: F.count, noDifference: true },
    { label: 'Team: referrals leaving its intake list unserved a year', get: team('left_intake_per_year'), format: F.count, noDifference: true },
    { label: 'Team: placements its persons did not need a year', get: team('avoided.hvb.arrivals_per_year'), format: F.count, noDifference: true },
    { label: 'Team: cost of its staff, Mkr/year', get: team('cost_per_year'), format: F.mkr, noDifference: true },
    ...payerRows(cmp, { each: true }),
  ];
  const municipalities = cmp.municipalities();
  const d = (v, metric) => cmp.unit(v, 'hvb', metric).difference;
  const teamCost = (v) => team('cost_per_year')(v).mean;
  // What the team costs per placement avoided: its staff (the same in every replication) over the
  // paired fall in placements, with the interval of that fall.
  const perAvoided = (v) => {
    const fall = d(v, 'placements_per_year');
    const k = teamCost(v) * F.mkr.scale;
    return `${num(k / -fall.mean, 2)} [${num(k / -fall.ci_low, 2)}, ${num(k / -fall.ci_high, 2)}] Mkr`;
  };
  const placementCost = cmp.unit(base, 'hvb', 'cost_per_year').mean / cmp.unit(base, 'hvb', 'placements_per_year').mean;
  // Whether an interval of a difference tells a saving, a cost, or neither.
  const net = (diff) => (diff.ci_high < 0 ? 'a saving' : diff.ci_low > 0 ? 'a cost' : 'no change the replications can tell');
  const effect = (v) => `${amount(d(v, 'placements_per_year'), F.count, 'more', 'fewer')} placements a year and `
    + `${amount(d(v, 'placement_days_per_year'), F.days, 'more', 'fewer')} placement days, `
    + `${amount(d(v, 'cost_per_year'), F.mkr, 'Mkr more', 'Mkr less')} a year for placements; with the team's `
    + `${num(teamCost(v) * F.mkr.scale, 1)} Mkr the municipalities together pay `
    + `${amount(cmp.payerSum(v, municipalities).difference, F.mkr, 'Mkr a year more', 'Mkr a year less')} (${net(cmp.payerSum(v, municipalities).difference)}), `
    + `${perAvoided(v)} of staff per placement avoided`;
  // The second four assistants against the first four, replication by replication.
  const between = (metric) => cmp.pairedDifference(eight, four, `units.hvb.${metric}`);
  // The municipalities' cost with eight against four, replication by replication.
  const costBetween = cmp.payerSum(eight, municipalities, four).difference;
  const answer = `Without a team, the ${level(cmp.unit(base, 'hvb', 'by_class.placed_persons.arrivals_per_year'), F.count)} placements a year `
    + `(the documents: 90 in 2019, 8 of them modelled apart as summer detox) take ${level(cmp.unit(base, 'hvb', 'placement_days_per_year'), F.days)} `
    + `placement days and cost the municipalities ${level(cmp.unit(base, 'hvb', 'cost_per_year'), F.mkr)} Mkr a year, `
    + `${num(placementCost * F.mkr.scale, 2)} Mkr a placement on average. A team of ${staff(four)} treatment assistants (${limit(four)} open cases) means ${effect(four)}, `
    + `against ${num(placementCost * F.mkr.scale, 2)} Mkr for a placement. It is full (${level(team('caseload_pct')(four), F.pct)} % of its caseload taken), `
    + `and ${level(team('left_intake_per_year')(four), F.count)} persons a year leave its intake list unserved. `
    + `A team of ${staff(eight)} (${limit(eight)} open cases) means ${effect(eight)}. `
    + `Against the team of ${staff(four)}, the next ${staff(eight) - staff(four)} assistants avoid ${amount(between('placements_per_year'), F.count, 'more', 'fewer')} `
    + `placements a year, for a change of ${change(costBetween, F.mkr)} Mkr a year to the municipalities`
    + `${team('caseload_pct')(eight).mean < 95 ? `; the persons referred no longer fill the larger team (${level(team('caseload_pct')(eight), F.pct)} % of its caseload)` : ''}. `
    + `A team counts more placements its persons did not need (${level(team('avoided.hvb.arrivals_per_year')(four), F.count)} a year with ${staff(four)}) `
    + 'than the placements fall: a person kept at home is at home to need a placement later.';

  const sweepFile = 'scenarios/vasternorrland/sensitivity-hemmaplan.yaml';
  const sweep = new Sweep(kapsim.run(['sweep', sweepFile]));
  const ratio = 'units.hemmaplan.while_enrolled.arrivals.hvb';
  const size = 'staffing.hemmaplan.assistants.fte';
  const perFte = 'units.hemmaplan.caseload.per_fte';
  const length = 'units.hemmaplan.case_length.mean';
  const persons = 'classes.placed_persons.population.persons';
  const cv = 'classes.placed_persons.population.spread.cv';
  const rest = sweep.parameters.filter((k) => k !== ratio);
  const keyOf = (p) => rest.map((k) => p.params[k]).join('|');
  const without = new Map(sweep.points.filter((p) => Number(p.params[ratio]) === 1).map((p) => [keyOf(p), p]));
  // Each point with an effect against the same point with none: the placements it avoids, and
  // what the municipalities pay with the team's staff against no team at all.
  const effects = sweep.points.filter((p) => Number(p.params[ratio]) !== 1).map((p) => {
    const b = without.get(keyOf(p));
    return {
      point: p,
      ratio: Number(p.params[ratio]),
      placements: sweep.mean(p, 'units.hvb.placements_per_year') - sweep.mean(b, 'units.hvb.placements_per_year'),
      days: sweep.mean(p, 'units.hvb.placement_days_per_year') - sweep.mean(b, 'units.hvb.placement_days_per_year'),
      net: sweep.municipalCost(p) - sweep.municipalCost(b) + sweep.mean(p, 'units.hemmaplan.cost_per_year'),
    };
  });
  const ratios = [...new Set(effects.map((e) => e.ratio))].sort((a, b) => b - a);
  const assumed = 0.7;
  const byRatio = ratios.map((r) => {
    const at = effects.filter((e) => e.ratio === r);
    const saves = at.filter((e) => e.net < 0).length;
    const nets = at.map((e) => e.net * F.mkr.scale);
    return `with an open case at × ${r}${r === assumed ? ' (the assumed effect)' : ''} there are `
      + `${spread(at.map((e) => e.placements), F.count, 'more', 'fewer', 1)} placements a year, and the municipalities' cost with the team `
      + `against none is ${num(Math.min(...nets), 1, true)} to ${num(Math.max(...nets), 1, true)} Mkr a year (it pays for itself at ${saves} of ${at.length} points)`;
  });
  const names = {
    [size]: 'the team\'s size', [perFte]: 'the cases per assistant', [length]: 'the case length', [persons]: 'the number of persons', [cv]: 'the spread of their rates',
  };
  const main = mainEffects(effects.filter((e) => e.ratio === assumed).map((e) => ({ params: e.point.params, value: e.placements })),
    [size, perFte, length, persons, cv], (p) => -p.value);
  const [top, second] = main;
  const levels = (k) => list(sweep.values(k).map((v) => `\`${v}\``), 'or');
  // The persons and their spread move together: the pairs the sweep runs.
  const populations = [...new Set(sweep.points.map((p) => `${p.params[persons]}|${p.params[cv]}`))].map((s) => s.split('|'));
  const robustness = `**Does it hold?** The documents give the aim but no size of the effect: how much fewer placements an open case means `
    + 'is not known, and the answer turns on it. '
    + `\`${sweepFile}\` runs ${sweep.points.length} points (the rate ratio of an open case on placements ${levels(ratio)}, `
    + `${levels(size)} treatment assistants, ${levels(perFte)} cases each, a mean case length of ${levels(length)}, and the persons and how `
    + `much their rates differ, ${list(populations.map(([n, c]) => `${n} persons at a cv of ${c}`), 'or')}, each calibrated to the same 82 placements a year; `
    + `${sweep.replications} replications of ${years(Number(sweep.values('scenario.run_length')[0].replace('y', '')) * 365.25)} each, seed ${sweep.seed}). `
    + `Each point with an effect is held against the point with none at the same team and persons: ${byRatio.join('; ')}. `
    + `A team pays for itself where each assistant avoids placements worth what they cost, about `
    + `${num(sweep.mean(effects[0].point, 'units.hemmaplan.cost_per_year') / Number(effects[0].point.params[size]) / placementCost, 1)} placements a year at `
    + `${num(placementCost * F.mkr.scale, 2)} Mkr each. At the assumed effect, what moves the placements avoided most is ${names[top.parameter]} `
    + `(${num(top.high.mean, 1)} fewer a year on average at \`${top.high.level}\`, ${num(top.low.mean, 1)} at \`${top.low.level}\`), then ${names[second.parameter]} `
    + `(${num(second.high.mean, 1)} at \`${second.high.level}\`, ${num(second.low.mean, 1)} at \`${second.low.level}\`).`;

  return {
    title: 'Västernorrland: does stronger support at home (hemmaplan) reduce the HVB and SiS placements, and what does it change for each payer?',
    body: [
      `${runDescription(cmp.scenario(base))}, common random numbers. The goal the documents share, "Att nyttja och stärka resurserna på hemmaplan `
      + 'bör innebära en kostnadseffektivitet och minska behovet av externa placeringar" [källa: vn-utredning-2021 §hemmaplan], has no team, no size '
      + 'and no effect in them ("Vi har svårt att uttala oss om kostnaden för resursförstärkningen"). Here the persons the municipalities place in HVB '
      + 'or SiS are followed as known persons who come back (README, Known persons who come back), calibrated to the placements of 2019; in the '
      + 'variants a home-based team of the social services takes a person over when their placement ends, as Sollefteå coordinates aftercare, '
      + 'and while their case is open they need a new placement less often (README, What a case does to the enrolled person\'s own care). '
      + 'A treatment assistant costs 0.5 Mkr a year, the documents\' price [källa: vn-utredning-2021 §figur-10]; the team, its caseload and the '
      + 'effect are assumptions:',
      command(args),
      answer,
      compareTable(cmp, rows, label),
      command(['sweep', sweepFile]),
      robustness,
      '**Rests on:** the size of the effect of an open case on a person\'s placements, which the documents do not give at all; the team\'s size, '
      + 'caseload and case length, and a referral after every placement (none of them given; '
      + `${assumptionLink('vasternorrland/hemmaplan.yaml')}, ${assumptionLink('vasternorrland/hemmaplan-8.yaml')}, swept in \`${sweepFile}\`); `
      + 'the persons placed as 300 known persons whose rates differ as assumed, calibrated to the 82 placements a year of question 1\'s scenario '
      + `(${assumptionLink('vasternorrland/hemmaplan-none.yaml')}); and the placements' length, SiS share and day prices of avdelning 7's scenario, `
      + `calibrated to 65.3 Mkr in 2019 (${assumptionLink('vasternorrland/avd7-13.yaml')}, swept in \`scenarios/vasternorrland/sensitivity-placements.yaml\`). `
      + 'The team reaches a person only after a placement: support that keeps someone from a first placement, shorter placements, and the 8 summer '
      + 'detox placements are not modelled.',
    ],
  };
}

// TNE places for Jämtland's LOB reports of 2024: the capacity curve of the sobering unit that
// lob-2024.yaml keeps closed, and the smallest number of places for at most 5 % finding it full.
function lobTnePlaces(kapsim) {
  const file = 'scenarios/jamtland/lob-2024.yaml';
  const curveArgs = ['capacity', file, '--unit', 'tne', '--range', '1..5'];
  const curveDir = kapsim.run(curveArgs);
  const scenario = readJson(path.join(curveDir, 'manifest.json')).scenarios[0];
  const curve = new Map();
  for (const row of readCsv(path.join(curveDir, 'capacity.csv'))) {
    if (row.section !== 'units' || row.id !== 'tne') continue;
    const est = { mean: Number(row.mean), sd: Number(row.sd), ci_low: Number(row.ci_low), ci_high: Number(row.ci_high), n: Number(row.n) };
    if (!curve.has(row.capacity)) curve.set(row.capacity, new Map());
    curve.get(row.capacity).set(row.metric, est);
  }
  const places = [...curve.keys()];
  const at = (c, metric) => {
    const value = curve.get(c).get(metric);
    if (value === undefined) throw new Error(`${curveDir}: no units.tne.${metric} for ${c} places`);
    return value;
  };
  const rows = [
    { label: 'LOB arrivals a year', metric: 'arrivals_per_year', format: F.count },
    { label: 'Find it full a year', metric: 'turned_away_per_year', format: F.days1 },
    { label: 'Find it full, %', metric: 'p_turned_away', format: F.share },
    { label: 'Occupancy, % of places', metric: 'occupancy_pct', format: F.pct },
    { label: 'Time with every place taken, %', metric: 'p_full', format: F.share },
  ];
  const curveTable = table(['', ...places.map((c) => `${c} ${c === '1' ? 'place' : 'places'}`)],
    rows.map((r) => [r.label, ...places.map((c) => level(at(c, r.metric), r.format))]));

  const target = 'p_turned_away<=0.05';
  const search = capacitySearch(kapsim, file, 'tne', [target]);
  const pct = (e) => `${num(e.mean * 100, 1)} [${num(e.ci_low * 100, 1)}, ${num(e.ci_high * 100, 1)}] %`;
  const describe = (t) => `${pct(t.targets[0].estimate)} of those brought in find it full`;
  const stays = ['4h', '12h', '16h'].map((m) => [m, capacitySearch(kapsim, file, 'tne', [target], [`units.tne.stay.mean=${m}`]).result.answer]);
  const moved = list(stays.map(([value, a]) => `${a.clear && a.smallest_meeting !== null ? a.smallest_meeting : `not clear (${a.text})`} places with a mean stay of \`${value}\``));
  const arrivals = level(at(places[0], 'arrivals_per_year'), F.count);
  const stay = level(at(places[0], 'mean_stay_hours'), F.days1);

  return {
    title: 'How many TNE places do Jämtland\'s 678 LOB reports a year need?',
    body: [
      `The 2024 scenario keeps the sobering unit closed (0 places) and sends every LOB person to police custody, the emergency department `
      + `or home; the capacity curve opens it with 1 to ${places[places.length - 1]} places, ${runDescription(scenario)}, common random numbers `
      + `(${arrivals} LOB arrivals a year, stays of ${stay} hours on average, arriving mostly in the evening and at night as assumed):`,
      command(curveArgs),
      curveTable,
      command(search.args),
      `At most 5 % finding it full takes ${capacitySaid(search.result, 'places', describe)}, with at least 95 % confidence over every `
      + `judgement of the search (each at ${num(search.result.judgement_level * 100, 3)} %, the level of the intervals shown here). Those who find it full go the way the scenario sends `
      + 'them today (police custody, the emergency department or home).',
      `**Does it hold?** The answer turns on the length of stay, which the documents do not give: the same search with the stays of `
      + `\`scenarios/jamtland/sensitivity-tne.yaml\` gives ${moved} (8 hours in the scenario). \`scenarios/jamtland/sensitivity-lob.yaml\` `
      + 'varies only where the persons go without a TNE, how long custody lasts and the costs, none of which changes the places needed, '
      + 'so it does not bear on this answer; no sweep varies the hour-of-day profile of the arrivals with this demand.',
      '**Rests on:** each of the 678 LOB reports of 2024 counted as one person who would be brought to an open TNE, the length of stay, and '
      + `the evening and night peak of the arrivals, none of which the documents give (${assumptionLink('jamtland/lob-2024.yaml')}, `
      + `${assumptionLink('jamtland/tne-closed.yaml')}, ${assumptionLink('jamtland/tne-2016.yaml')}); that more places never make it worse, `
      + 'which the search checks among the capacities it judged.',
    ],
  };
}

// Västernorrland's step-1 package against today's spending: what each payer pays, year by year,
// and how many fewer placements would pay for it (the break-even effect), since the
// investigation expects fewer external placements but gives no size.
function step1Package(kapsim) {
  const files = ['step1-today', 'step1-package', 'step1-package-effect'].map((f) => `scenarios/vasternorrland/${f}.yaml`);
  const args = ['compare', ...files];
  const cmp = new Comparison(kapsim.run(args));
  const base = cmp.base;
  const [pkg, effect] = cmp.variants;
  const scenario = cmp.scenario(base);
  const code = (n) => `\`${n}\``;
  const municipalities = cmp.municipalities();
  const mun = (n) => cmp.payerSum(n, municipalities);
  const u = (n, id, metric) => cmp.unit(n, id, metric);
  // Replication by replication, from each variant's replications.csv.
  const reps = (n, key) => cmp.replications(n).get(key);
  const admitted = (n) => {
    const acute = reps(n, 'units.avd7.acute_admitted_per_year');
    const planned = reps(n, 'units.avd7.planned_admitted_per_year');
    return acute.map((a, r) => a + planned[r]);
  };
  const placementsToday = reps(base, 'units.hvb.placements_per_year');
  const costToday = reps(base, 'units.hvb.cost_per_year');
  // What a placement costs the municipalities today, on average, in each replication: the
  // saving of one placement avoided, if the ones avoided are like the rest.
  const perPlacement = costToday.map((c, r) => c / placementsToday[r]);
  const totalToday = reps(base, 'payers.total.cost_per_year');
  const netCost = reps(pkg, 'payers.total.cost_per_year').map((t, r) => t - totalToday[r]);
  const breakEven = estimate(netCost.map((c, r) => c / perPlacement[r]));
  const breakEvenPct = estimate(netCost.map((c, r) => (100 * c) / perPlacement[r] / placementsToday[r]));
  const region = cmp.payer(pkg, 'region').difference;
  // The ward's yearly cost over its episodes today: the KPP average of an episode.
  const wardCost = reps(base, 'units.avd7.cost_per_year');
  const perEpisode = estimate(admitted(base).map((a, r) => wardCost[r] / a));
  const episodes = estimate(admitted(base).map((a, r) => region.mean / (wardCost[r] / a)));
  const totalTodayEst = cmp.payer(base, 'total');
  const regionToday = cmp.payer(base, 'region');
  const d = (n, id, metric) => u(n, id, metric).difference;

  const answer = `Today the municipalities pay ${level(mun(base), F.mkr)} Mkr a year for the HVB and SiS placements `
    + `(${level(u(base, 'hvb', 'placements_per_year'), F.count)} other placements a year at ${level(estimate(perPlacement), F.mkr2)} Mkr each on average, `
    + `and ${level(u(base, 'summer_hvb', 'placements_per_year'), F.days1)} summer placements at an HVB with detox), and the region `
    + `${level(regionToday, F.mkr)} Mkr for avdelning 7 (KPP). The package costs the region ${amount(region, F.mkr, 'Mkr a year more', 'Mkr a year less')} `
    + `(the table's lines at their upper ends; it says "Upp till 11,1 mkr"), ${num((100 * region.mean) / regionToday.mean, 0)} % of what the region spends on the ward `
    + `today and ${num((100 * region.mean) / totalTodayEst.mean, 0)} % of both payers' spending together. What the model follows of it, 16 beds and planned detox `
    + `all year (question 2), admits ${amount(d(pkg, 'avd7', 'planned_admitted_per_year'), F.count, 'more', 'fewer')} planned patients a year with a `
    + `${amount(d(pkg, 'avd7', 'mean_wait_days'), F.days1, 'days longer', 'days shorter')} wait, and the municipalities pay `
    + `${amount(mun(pkg).difference, F.mkr, 'Mkr a year more', 'Mkr a year less')} since the summer detox needs no longer go to an HVB with detox; `
    + `so the county as a whole pays ${amount(cmp.payer(pkg, 'total').difference, F.mkr, 'Mkr a year more', 'Mkr a year less')}. `
    + `**It breaks even when the municipalities make ${level(breakEven, F.days1)} fewer placements a year**, ${level(breakEvenPct, F.pct)} % of today's, `
    + 'each avoided placement saving what a placement costs on average. That saving is the municipalities\', while the package is the region\'s: '
    + `for the region's own ${num(region.mean * F.mkr.scale, 1)} Mkr to come back at avdelning 7 it would take ${level(episodes, F.count)} fewer episodes a year `
    + `at the KPP average of ${level(perEpisode, { scale: 1e-3, decimals: 1 })} thousand kr each (the same share of its episodes), and more: `
    + 'the ward\'s cost is that of its staff and beds, which stay, and a bed an avoided episode frees is taken by the planned list (question 13).';

  // Year by year, paired with today: the municipalities' costs summed replication by replication.
  const byYearReps = (n) => {
    const rows = readCsv(path.join(cmp.dir, 'variants', n, 'replications_by_year.csv'));
    const out = new Map();  // year -> {days, values by replication}
    for (const row of rows) {
      if (row.section !== 'payers' || row.metric !== 'cost_per_year' || !municipalities.includes(row.id)) continue;
      const year = Number(row.year);
      if (!out.has(year)) out.set(year, { days: Number(row.days), values: new Array(cmp.json.replications).fill(0) });
      out.get(year).values[Number(row.replication)] += Number(row.value);
    }
    return out;
  };
  const munYears = Object.fromEntries(cmp.names.map((n) => [n, byYearReps(n)]));
  // Whole calendar years (the observed period ends a quarter of a day short of 2027).
  const fullYears = [...munYears[base].entries()].filter(([, y]) => y.days >= 364).map(([year]) => year).sort((a, b) => a - b);
  const munDiff = (n, year) => {
    const own = munYears[n].get(year).values;
    const today = munYears[base].get(year).values;
    return estimate(own.map((v, r) => v - today[r]));
  };
  const yearOf = (n, section, id, metric, year) => cmp.metric(n, section, id, metric).by_year.find((y) => y.year === year);
  const yearTable = table(
    ['Year', `Other placements, ${code(base)}`, `Other placements, ${code(effect)}`, `Region, ${code(pkg)} − ${code(base)}, Mkr`,
      `Municipalities, ${code(pkg)} − ${code(base)}, Mkr`, `Municipalities, ${code(effect)} − ${code(base)}, Mkr`,
      `In total, ${code(pkg)} − ${code(base)}, Mkr`, `In total, ${code(effect)} − ${code(base)}, Mkr`],
    fullYears.map((year) => [String(year),
      level(yearOf(base, 'units', 'hvb', 'placements_per_year', year), F.count),
      level(yearOf(effect, 'units', 'hvb', 'placements_per_year', year), F.count),
      change(yearOf(pkg, 'payers', 'region', 'cost_per_year', year).difference, F.mkr),
      change(munDiff(pkg, year), F.mkr), change(munDiff(effect, year), F.mkr),
      change(yearOf(pkg, 'payers', 'total', 'cost_per_year', year).difference, F.mkr),
      change(yearOf(effect, 'payers', 'total', 'cost_per_year', year).difference, F.mkr)]),
  );
  const lastYear = fullYears[fullYears.length - 1];
  const effectYearTotal = (year) => yearOf(effect, 'payers', 'total', 'cost_per_year', year).difference;
  const withEffect = `With the assumed effect (${code(effect)}: from 2023 a tenth fewer other placements), the municipalities make `
    + `${amount(d(effect, 'hvb', 'placements_per_year'), F.days1, 'more', 'fewer')} placements a year over ${period(scenario)} and pay `
    + `${amount(mun(effect).difference, F.mkr, 'Mkr a year more', 'Mkr a year less')} than today, and the county as a whole `
    + `${amount(cmp.payer(effect, 'total').difference, F.mkr, 'Mkr a year more', 'Mkr a year less')}. `
    + 'The saving comes late: placements already running end in their own time, so year by year the county pays '
    + `${amount(effectYearTotal(fullYears[0]), F.mkr, 'Mkr more', 'Mkr less')} in ${fullYears[0]}, `
    + `${amount(effectYearTotal(fullYears[1]), F.mkr, 'Mkr more', 'Mkr less')} in ${fullYears[1]}, the effect's first year, and `
    + `${amount(effectYearTotal(lastYear), F.mkr, 'Mkr more', 'Mkr less')} in ${lastYear}:`;

  const rows = [
    { label: 'Other HVB and SiS placements a year', get: (n) => u(n, 'hvb', 'placements_per_year'), format: F.count },
    { label: 'Their cost, Mkr/year', get: (n) => u(n, 'hvb', 'cost_per_year'), format: F.mkr },
    { label: 'Summer-detox HVB placements a year', get: (n) => u(n, 'summer_hvb', 'placements_per_year'), format: F.days1 },
    { label: 'Their cost, Mkr/year', get: (n) => u(n, 'summer_hvb', 'cost_per_year'), format: F.mkr },
    { label: 'Avdelning 7: planned admissions a year', get: (n) => u(n, 'avd7', 'planned_admitted_per_year'), format: F.count },
    { label: 'Avdelning 7: mean planned wait, days', get: (n) => u(n, 'avd7', 'mean_wait_days'), format: F.days1 },
    { label: 'Avdelning 7: acute patients turned away a year', get: (n) => u(n, 'avd7', 'diverted_per_year'), format: F.count },
    { label: 'Avdelning 7: occupancy, % of the beds', get: (n) => u(n, 'avd7', 'occupancy_pct'), format: F.pct },
    ...payerRows(cmp, { each: true }),
  ];

  // The sweep: each point of the package held against today at the same prices and summer need;
  // the break-even from the saving per placement between the points with none and 30 % fewer.
  const sweepFile = 'scenarios/vasternorrland/sensitivity-step1-package.yaml';
  const todayFile = 'scenarios/vasternorrland/sensitivity-step1-today.yaml';
  const sweep = new Sweep(kapsim.run(['sweep', sweepFile]));
  const todaySweep = new Sweep(kapsim.run(['sweep', todayFile]));
  const rate = 'classes.placements.arrivals.rate';
  const physician = 'staffing.avd7.physician.cost_per_fte';
  const lines = 'staffing.avd7.spot_solleftea.fte';
  const price = 'costs.hvb_day.per_day';
  const summer = 'classes.summer_detox.arrivals.rate';
  const total = (p) => sweep.mean(p, 'payers.total.cost_per_year');
  const placements = (p) => sweep.mean(p, 'units.hvb.placements_per_year');
  const todayAt = (p) => todaySweep.points.find((q) => q.params[price] === p.params[price] && q.params[summer] === p.params[summer]);
  const rates = sweep.values(rate).sort((a, b) => parseFloat(b) - parseFloat(a));
  const [noEffect] = rates;
  const strongest = rates[rates.length - 1];
  const others = sweep.parameters.filter((k) => k !== rate);
  const keyOf = (p) => others.map((k) => p.params[k]).join('|');
  const atRate = (r) => new Map(sweep.points.filter((p) => p.params[rate] === r).map((p) => [keyOf(p), p]));
  const none = atRate(noEffect);
  const strong = atRate(strongest);
  const combos = [...none.values()].map((p) => {
    const t = todayAt(p);
    const q = strong.get(keyOf(p));
    const saving = (sweep.municipalCost(p) - sweep.municipalCost(q)) / (placements(p) - placements(q));
    const net = total(p) - todaySweep.mean(t, 'payers.total.cost_per_year');
    const breakEvenAt = net / saving;
    return {
      point: p, net, breakEven: breakEvenAt, pct: (100 * breakEvenAt) / todaySweep.mean(t, 'units.hvb.placements_per_year'),
      region: sweep.mean(p, 'payers.region.cost_per_year') - todaySweep.mean(t, 'payers.region.cost_per_year'),
      municipal: sweep.municipalCost(p) - todaySweep.municipalCost(t),
    };
  });
  const withEffects = sweep.points.filter((p) => p.params[rate] !== noEffect).map((p) => ({
    point: p, net: total(p) - todaySweep.mean(todayAt(p), 'payers.total.cost_per_year'),
  }));
  const fewerPct = (r) => num(100 * (1 - parseFloat(r) / parseFloat(noEffect)), 0);
  // "1.0 to 9.5 Mkr a year less", or "from 2.8 Mkr a year less to 4.8 Mkr a year more" when the sign changes.
  const netRange = (values) => {
    const s = spread(values, F.mkr, 'Mkr a year more', 'Mkr a year less', 1);
    if (!s.startsWith('from')) return s;
    const side = (v) => `${num(Math.abs(v) * F.mkr.scale, 1)} Mkr a year ${v < 0 ? 'less' : 'more'}`;
    return `from ${side(Math.min(...values))} to ${side(Math.max(...values))}`;
  };
  const atEffect = rates.slice(1).map((r) => {
    const here = withEffects.filter((e) => e.point.params[rate] === r);
    const paid = here.filter((e) => e.net <= 0).length;
    const where = paid === here.length ? 'at every point' : paid === 0 ? 'at none of its points' : `at ${paid} of its ${here.length} points`;
    return `${netRange(here.map((e) => e.net))} with ${fewerPct(r)} % fewer placements (the package pays for itself ${where})`;
  });
  const priceLevel = (v) => (v === sweep.values(price)[0] ? '2019\'s prices' : '2020\'s prices');
  const describe = (p) => `the physician at ${num(Number(p.params[physician]) / 1e6, 2)} Mkr, ${p.params[lines]} FTE on each 1-2 line, `
    + `${priceLevel(p.params[price])}, ${p.params[summer].replace('/year', '')} summer detox needs a year`;
  const lo = argmin(combos, (c) => c.breakEven);
  const hi = argmax(combos, (c) => c.breakEven);
  const names = {
    [physician]: 'the physician (employed or a locum)', [lines]: 'the 1-2 lines', [price]: 'the price level', [summer]: 'the summer detox need',
  };
  const effects = mainEffects(combos.map((c) => ({ params: c.point.params, value: c.breakEven })), others.filter((k) => names[k]), (p) => p.value);
  const [top] = effects;
  const valueName = (k, v) => (k === price ? priceLevel(v) : k === physician ? `${num(Number(v) / 1e6, 2)} Mkr` : k === lines ? `${v} FTE` : v);
  // When the effect begins: the change's date swept, each start against the scenario's own.
  const startFile = 'scenarios/vasternorrland/sensitivity-step1-effect-start.yaml';
  const startSweep = new Sweep(kapsim.run(['sweep', startFile]));
  const from = 'changes.0.from';
  const starts = startSweep.points;
  const assumedStart = starts.find((p) => p.params[from] === '2023-01-01');
  const countyCost = (p) => startSweep.replicationValues(p, 'payers.total.cost_per_year');
  const startSaid = starts.filter((p) => p !== assumedStart).map((p) => {
    const diff = estimate(countyCost(p).map((v, r) => v - countyCost(assumedStart)[r]));
    return `from ${p.params[from].slice(0, 4)} instead of 2023 the county pays ${amount(diff, F.mkr, 'Mkr a year more', 'Mkr a year less')} over ${period(scenario)}`;
  }).join('; ');
  const robustness = `**Does it hold?** \`${sweepFile}\` runs the package at ${sweep.points.length} points (other placements `
    + `${list(rates.map((r) => `\`${r}\``), 'or')}, none to ${fewerPct(strongest)} % fewer from the start; the physician employed or a locum, `
    + `${list(sweep.values(physician).map((v) => `\`${v}\``), 'or')} kr; the lines of 1-2 treatment assistants at ${list(sweep.values(lines), 'or')} FTE each; `
    + `the day prices at 2019's or 2020's level; summer detox needs ${list(sweep.values(summer).map((v) => `\`${v}\``), 'or')}; `
    + `${sweep.replications} replications of 5 years each, seed ${sweep.seed}), and \`${todayFile}\` today's spending at the same prices and summer need, `
    + 'so that each point is held against today at its own. Without an effect on the placements the package costs the region '
    + `${range(combos.map((c) => c.region), F.mkr)} Mkr a year more, saves the municipalities ${range(combos.map((c) => -c.municipal), F.mkr)} Mkr, `
    + `and costs the county ${range(combos.map((c) => c.net), F.mkr)} Mkr a year more. The placements a year fewer that would pay for it `
    + `range from ${num(lo.breakEven, 1)} (${num(lo.pct, 1)} % of today's; ${describe(lo.point)}) to ${num(hi.breakEven, 1)} `
    + `(${num(hi.pct, 1)} %; ${describe(hi.point)}); what moves it most is ${names[top.parameter]}, ${num(top.low.mean, 1)} on average at `
    + `${valueName(top.parameter, top.low.level)} and ${num(top.high.mean, 1)} at ${valueName(top.parameter, top.high.level)}. `
    + `Against today, the county pays ${list(atEffect)}. `
    + `When the effect begins, \`${startFile}\` (${list(starts.map((p) => p.params[from].slice(0, 4)), 'or')}, paired): `
    + `${startSaid}.`;

  return {
    title: 'Västernorrland\'s step-1 package (up to 11.1 Mkr a year) against today\'s spending: what does each payer pay, and what effect on the placements would pay for it?',
    body: [
      `${runDescription(scenario)}, common random numbers. Today's spending (${code(base)}): the HVB and SiS placements the municipalities buy, `
      + 'calibrated to the documented cost of 2019 as in question 1, and the psychiatric inpatient care of patients with an addiction diagnosis, '
      + `the region's KPP of 2019 [källa: vn-utredning-2021 §slutenvard], as avdelning 7's fixed yearly cost. The package (${code(pkg)}) is `
      + 'the lines of the cost table [källa: vn-utredning-2021 §figur-10] as the region\'s staff: avdelning 7 with 16 beds and planned detox all '
      + 'year, SPOT staff in Sollefteå, Örnsköldsvik and a new team in Sundsvall, a specialist physician, the syringe exchange and two '
      + 'coordinators; the model follows what it does at the ward and to the summer placements. The investigation expects it to "minska '
      + 'behovet av externa placeringar" but has "svårt att uttala oss om kostnaden" [källa: vn-utredning-2021 §stegvis-uppbyggnad], so the '
      + `effect on the placements is an assumption: ${code(effect)} makes a tenth fewer of them from 2023, and the break-even is the effect `
      + 'that would pay for the package:',
      command(args),
      answer,
      compareTable(cmp, rows, code),
      withEffect,
      yearTable,
      command(['sweep', sweepFile]),
      command(['sweep', todayFile]),
      command(['sweep', startFile]),
      robustness,
      '**Rests on:** the size and start of the effect on the placements, which the documents do not give, and that the placements avoided cost '
      + `what a placement costs on average (${assumptionLink('vasternorrland/step1-package-effect.yaml')}); the package at its upper ends, a locum `
      + `physician and two FTE on each 1-2 line (${assumptionLink('vasternorrland/step1-package.yaml')}); the KPP of 2019 as avdelning 7's yearly `
      + `cost (${assumptionLink('vasternorrland/step1-today.yaml')}); and the placements' and the ward's own assumptions `
      + `(${assumptionLink('vasternorrland/avd7-13.yaml')}). The SPOT teams, the physician, `
      + 'the syringe exchange and the coordinators are costed but have no effect of their own here (questions 11 and 13 model such effects for '
      + 'one team at a time); the premises for more beds, which the investigation does not cost, are left out.',
    ],
  };
}

function section(answers) {
  const parts = [
    '## Questions and answers',
    '',
    'The questions the source documents ask, each with the command that answers it (from the repository root), the answer it '
    + 'gives today with 95 % confidence intervals in brackets, and the assumptions it rests on. This section is generated by '
    + `\`${GENERATOR}\`, which runs these commands and writes every figure from their outputs; \`readme_answers_test\` `
    + 'fails when it no longer matches. Each run uses its scenario\'s own replications and seed, and kapsim gives bitwise the '
    + 'same results for the same seed and version, so the commands reproduce these figures exactly. Differences between '
    + 'alternatives are paired (common random numbers); a figure without an interval is the same in every replication. The '
    + `figures are only as good as the assumptions listed with each answer: [${ASSUMPTIONS}](${ASSUMPTIONS}) gives each with its source, `
    + 'a plausible range and the sensitivity sweep that covers it, and "Does it hold?" runs that sweep.',
  ];
  answers.forEach((a, i) => {
    parts.push('', `### ${i + 1}. ${a.title}`);
    for (const block of a.body) parts.push('', block);
  });
  return `${parts.join('\n')}\n`;
}

// Replaces what lies between the markers; without markers, the section goes before the heading
// that follows "## Validation" (or at the end).
function splice(readme, generated) {
  const block = `${BEGIN}\n${generated}${END}`;
  const begin = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (begin >= 0 && end > begin) return readme.slice(0, begin) + block + readme.slice(end + END.length);
  if (begin >= 0 || end >= 0) throw new Error('README.md has only one of the markers');
  const validation = readme.search(/^## Validation$/m);
  const next = validation >= 0 ? readme.slice(validation + 1).search(/^## /m) : -1;
  if (next < 0) return `${readme.replace(/\n*$/, '\n\n')}${block}\n`;
  const at = validation + 1 + next;
  return `${readme.slice(0, at)}${block}\n\n${readme.slice(at)}`;
}

function current(readme) {
  const begin = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (begin < 0 || end < begin) return null;
  return readme.slice(begin + BEGIN.length + 1, end);
}

// A line diff (longest common subsequence), enough to show what changed.
function diff(oldText, newText) {
  const a = oldText.split('\n');
  const b = newText.split('\n');
  const lcs = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1) {
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const out = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      i += 1; j += 1;
    } else if (i < a.length && (j >= b.length || lcs[i + 1][j] >= lcs[i][j + 1])) {
      out.push(`- ${a[i]}`); i += 1;
    } else {
      out.push(`+ ${b[j]}`); j += 1;
    }
  }
  return out.join('\n');
}

function writeAtomically(file, text) {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  const mode = fs.statSync(file).mode;
  fs.writeFileSync(temp, text, { mode });
  fs.renameSync(temp, file);
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  const readmePath = path.resolve(options.readme);
  const root = path.resolve(options.root);
  const work = options.keep ? path.resolve(options.keep) : fs.mkdtempSync(path.join(os.tmpdir(), 'kapsim-qa-'));
  fs.mkdirSync(work, { recursive: true });
  const started = Date.now();
  let generated;
  try {
    const kapsim = new Kapsim(options.kapsim, root, work, options.threads);
    generated = section([avd7Beds, yearRound, tneClosure, proposal, reformPhased, laro, jointHvb, smallestCapacity, hvbWait, frequentAttenders, coordinatedCare, factPilot, spotSundsvall, personligaOmbud, lobTnePlaces, step1Package, hemmaplan].map((question) => question(kapsim)));
  } finally {
    if (!options.keep) fs.rmSync(work, { recursive: true, force: true });
  }
  process.stderr.write(`generated in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);

  const readme = fs.readFileSync(readmePath, 'utf8');
  if (options.check) {
    const existing = current(readme);
    if (existing === null) {
      console.error(`${readmePath}: no section between ${BEGIN} and ${END}; run ${GENERATOR}`);
      process.exit(1);
    }
    if (existing !== generated) {
      console.error(`${readmePath}: "Questions and answers" no longer matches what kapsim gives (- README, + now):`);
      console.error(diff(existing, generated));
      console.error(`Regenerate it with ${GENERATOR}`);
      process.exit(1);
    }
    console.log(`${readmePath}: "Questions and answers" is up to date`);
    return;
  }
  // Read again just before writing, so an edit made meanwhile elsewhere in the file is kept.
  const latest = fs.readFileSync(readmePath, 'utf8');
  const updated = splice(latest, generated);
  if (updated !== latest) writeAtomically(readmePath, updated);
  console.log(`${readmePath}: "Questions and answers" ${updated === latest ? 'already up to date' : 'written'}`);
}

try {
  main();
} catch (error) {
  console.error(`questions_and_answers: ${error.message}`);
  process.exit(2);
}
