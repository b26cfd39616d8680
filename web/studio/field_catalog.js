// What each key of the scenario format is called, in the planner's words, with help and unit.
// The JSON Schema from the server (GET /api/schema) is used first when it describes a key;
// these are the studio's own words for the common keys when it does not.

// sv/en: [label, help, unit]. Keys are matched on the last key of the path, or on a longer
// dotted tail first (e.g. 'arrivals.rate').
const CATALOG = {
  'scenario.name': { sv: ['namn', 'kort namn: bokstäver, siffror, _ och -'], en: ['name', 'short name: letters, digits, _ and -'] },
  'scenario.label': { sv: ['rubrik', 'vad rapporten kallar scenariot'], en: ['label', 'what the report calls the scenario'] },
  description: { sv: ['beskrivning', ''], en: ['description', ''] },
  label: { sv: ['rubrik', 'kort namn i rapporten'], en: ['label', 'short name in the report'] },
  region: { sv: ['region', ''], en: ['region', ''] },
  start: { sv: ['startdatum', 'modellens första dag (ÅÅÅÅ-MM-DD)'], en: ['start date', 'the first day of the model (YYYY-MM-DD)'] },
  warmup: { sv: ['uppvärmning', 'tid som simuleras först och inte räknas', 'tid'], en: ['warm-up', 'simulated first and not counted', 'duration'] },
  run_length: { sv: ['period som räknas', 'efter uppvärmningen', 'tid'], en: ['period counted', 'after the warm-up', 'duration'] },
  replications: { sv: ['körningar', 'körningar med olika slumptal; fler ger smalare intervall men tar längre tid', 'antal'], en: ['replications', 'runs with different random numbers; more give narrower intervals but take longer', 'count'] },
  seed: { sv: ['seed', 'samma seed ger samma resultat'], en: ['seed', 'the same seed gives the same results'] },
  arrivals: { sv: ['ankomster', ''], en: ['arrivals', ''] },
  'arrivals.rate': { sv: ['inskrivningar per år', 'patienter som kommer i genomsnitt, under första året', 'per år, månad, vecka eller dag'], en: ['admissions per year', 'patients arriving on average in the first year', 'per year, month, week or day'] },
  month: { sv: ['månadsprofil', 'relativa vikter, januari först (12 värden)'], en: ['month profile', 'relative weights, January first (12 values)'] },
  day_of_week: { sv: ['veckodagsprofil', 'relativa vikter, måndag först (7 värden)'], en: ['weekday profile', 'relative weights, Monday first (7 values)'] },
  hour_of_day: { sv: ['timprofil', 'relativa vikter per timme, 00-01 först (24 värden)'], en: ['hour profile', 'relative weights per hour, 00-01 first (24 values)'] },
  growth: { sv: ['tillväxt per år', 'faktor, t.ex. 1.05 för 5 % mer per år'], en: ['growth per year', 'factor, e.g. 1.05 for 5 % more a year'] },
  first_unit: { sv: ['första enhet', 'där gruppen kommer in'], en: ['first unit', 'where the group comes in'] },
  priority: { sv: ['prioritet', 'lägre går först i en prioriterad kö'], en: ['priority', 'lower goes first in a priority queue'] },
  municipality: { sv: ['hemkommun', 'andelar per kommun'], en: ['home municipality', 'shares per municipality'] },
  readmission: { sv: ['återinskrivning', ''], en: ['readmission', ''] },
  share: { sv: ['andel', 'tal 0–1 eller procent'], en: ['share', 'number 0–1 or percent'] },
  kind: { sv: ['slag', 'vilket slags enhet'], en: ['kind', 'the kind of unit'] },
  beds: { sv: ['vårdplatser', 'antal vårdplatser', 'platser'], en: ['beds', 'number of beds', 'beds'] },
  over_occupancy: { sv: ['överbeläggning', 'akuta som läggs in utöver vårdplatserna', 'platser'], en: ['over-occupancy', 'acute patients admitted beyond the beds', 'beds'] },
  length_of_stay: { sv: ['vårdtid', 'hur länge en vistelse varar'], en: ['length of stay', 'how long a stay lasts'] },
  distribution: { sv: ['fördelning', 'formen på spridningen'], en: ['distribution', 'the shape of the spread'] },
  mean: { sv: ['medelvärde', '', 'tid'], en: ['mean', '', 'duration'] },
  sd: { sv: ['standardavvikelse', 'spridningen', 'tid'], en: ['standard deviation', 'the spread', 'duration'] },
  value: { sv: ['värde', '', 'tid'], en: ['value', '', 'duration'] },
  min: { sv: ['minst', '', 'tid'], en: ['minimum', '', 'duration'] },
  max: { sv: ['högst', '', 'tid'], en: ['maximum', '', 'duration'] },
  mode: { sv: ['typvärde', '', 'tid'], en: ['mode', '', 'duration'] },
  planned: { sv: ['planerade intag', 'de som väntar på en ledig vårdplats'], en: ['planned admissions', 'those who wait for a free bed'] },
  classes: { sv: ['patientgrupper', ''], en: ['patient groups', ''] },
  queue: { sv: ['kö', 'none, fifo (först in först ut) eller priority'], en: ['queue', 'none, fifo or priority'] },
  patience: { sv: ['tålamod', 'tid tills en väntande hoppar av'], en: ['patience', 'time until someone waiting gives up'] },
  closed_weeks: { sv: ['stängda veckor', 'ISO-veckor utan planerade intag, t.ex. [28-31]'], en: ['closed weeks', 'ISO weeks without planned admissions, e.g. [28-31]'] },
  places: { sv: ['platser', '', 'platser'], en: ['places', '', 'places'] },
  stay: { sv: ['vistelse', 'hur länge en vistelse varar'], en: ['stay', 'how long a stay lasts'] },
  duration: { sv: ['varaktighet', ''], en: ['duration', ''] },
  service: { sv: ['behandlingstid', ''], en: ['service time', ''] },
  capacity: { sv: ['kapacitet', 'antal platser, eller unlimited', 'platser'], en: ['capacity', 'number of places, or unlimited', 'places'] },
  own_places: { sv: ['egna platser', '0 = alla placeringar köps', 'platser'], en: ['own places', '0 = every placement purchased', 'places'] },
  providers: { sv: ['utförare', 'andelar av de köpta placeringarna'], en: ['providers', 'shares of the purchased placements'] },
  enrolment: { sv: ['behandlingstid', 'hur länge en inskrivning varar'], en: ['enrolment', 'how long an enrolment lasts'] },
  initially_enrolled: { sv: ['inskrivna vid start', '', 'personer'], en: ['enrolled at the start', '', 'persons'] },
  snapshots: { sv: ['avläsningsdatum', 'datum då antalet inskrivna räknas'], en: ['snapshot dates', 'dates when the enrolled are counted'] },
  caseload: { sv: ['ärenden samtidigt', 'högsta antal öppna ärenden', 'ärenden'], en: ['caseload', 'most open cases at once', 'cases'] },
  case_length: { sv: ['ärendets längd', ''], en: ['case length', ''] },
  intake: { sv: ['intagslista', 'fifo eller priority'], en: ['intake', 'fifo or priority'] },
  after_stay: { sv: ['efter vistelsen', 'vart de går, per patientgrupp (all = alla)'], en: ['after the stay', 'where they go, per patient group (all = every group)'] },
  overflow: { sv: ['när enheten är full', 'vart de går som inte får plats'], en: ['when the unit is full', 'where those who find no place go'] },
  out: { sv: ['ut', 'lämnar vården'], en: ['out', 'leaves care'] },
  all: { sv: ['alla', 'alla patientgrupper'], en: ['all', 'every patient group'] },
  per_day: { sv: ['kronor per dygn', '', 'kr'], en: ['kronor per day', '', 'SEK'] },
  per_year: { sv: ['kronor per år', '', 'kr'], en: ['kronor per year', '', 'SEK'] },
  per_admission: { sv: ['kronor per inskrivning', '', 'kr'], en: ['kronor per admission', '', 'SEK'] },
  per_hour: { sv: ['kronor per timme', '', 'kr'], en: ['kronor per hour', '', 'SEK'] },
  payer: { sv: ['betalare', 'region, kommunen, polisen … eller andelar'], en: ['payer', 'region, municipality, police … or shares'] },
  applies_to: { sv: ['gäller', 'own, purchased eller en utförare'], en: ['applies to', 'own, purchased or a provider'] },
  unit: { sv: ['enhet', ''], en: ['unit', ''] },
  name: { sv: ['namn', ''], en: ['name', ''] },
  costs: { sv: ['kostnader', ''], en: ['costs', ''] },
  staffing: { sv: ['bemanning', ''], en: ['staffing', ''] },
  payers: { sv: ['betalare', ''], en: ['payers', ''] },
  fte: { sv: ['årsarbetare', '', 'årsarbetare'], en: ['FTE', '', 'FTE'] },
  cost_per_fte: { sv: ['kostnad per årsarbetare', '', 'kr'], en: ['cost per FTE', '', 'SEK'] },
  staff: { sv: ['personalgrupp', ''], en: ['staff group', ''] },
  per_fte: { sv: ['platser per årsarbetare', ''], en: ['places per FTE', ''] },
  today: { sv: ['läget idag', 'de som är inskrivna och väntar vid start'], en: ['today', 'those staying and waiting at the start'] },
  extends: { sv: ['bygger på', 'en annan scenariofil som detta ändrar'], en: ['extends', 'another scenario file this one modifies'] },
  variants: { sv: ['alternativ', ''], en: ['alternatives', ''] },
  beds_schedule: { sv: ['ändringar av vårdplatser', ''], en: ['bed schedule', ''] },
  places_schedule: { sv: ['ändringar av platser', ''], en: ['place schedule', ''] },
  capacity_schedule: { sv: ['ändringar av kapacitet', ''], en: ['capacity schedule', ''] },
};

const KIND_NAMES = {
  ward: { sv: 'vårdavdelning', en: 'ward' },
  sobering: { sv: 'tillnyktringsenhet', en: 'sobering unit' },
  service: { sv: 'mottagning utan platsgräns', en: 'service without a limit' },
  pool: { sv: 'platser med eller utan kö', en: 'pool of places' },
  slots: { sv: 'behandlingsplatser med kö (t.ex. LARO)', en: 'slots with a waiting list (e.g. LARO)' },
  placement: { sv: 'placeringar (HVB)', en: 'placements (HVB)' },
  caseload: { sv: 'team med ärenden', en: 'caseload team' },
};

// Each kind's parameters, in the order a planner fills them in, with a value to start from
// when one is added. The check says what is required; this only offers them.
export const KIND_PARAMETERS = {
  ward: { beds: 10, over_occupancy: 0, length_of_stay: { distribution: 'lognormal', mean: '7 dagar', sd: '5 dagar' }, planned: { classes: [], queue: 'fifo' }, beds_schedule: [] },
  sobering: { places: 3, stay: { distribution: 'lognormal', mean: '8 timmar', sd: '4 timmar' }, places_schedule: [] },
  service: { duration: { distribution: 'fixed', value: '4 timmar' } },
  pool: { capacity: 10, queue: 'fifo', service: { distribution: 'exponential', mean: '9 dagar' }, patience: { distribution: 'exponential', mean: '30 dagar' } },
  slots: { capacity: 60, enrolment: { distribution: 'exponential', mean: '4 år' }, patience: { distribution: 'exponential', mean: '180 dagar' }, initially_enrolled: 0, snapshots: [] },
  placement: { own_places: 0, duration: { distribution: 'lognormal', mean: '4 månader', sd: '3 månader' }, providers: { purchased: 1 } },
  caseload: { caseload: 100, case_length: { distribution: 'exponential', mean: '1 år' }, intake: 'fifo', patience: { distribution: 'exponential', mean: '6 månader' } },
};

export const SCENARIO_KEYS = { name: 'scenario', label: '', description: '', region: '', start: '2025-01-01', warmup: '1 år', run_length: '5 år', replications: 20, seed: 1 };

export const DISTRIBUTIONS = ['exponential', 'lognormal', 'gamma', 'weibull', 'uniform', 'triangular', 'fixed', 'empirical'];

export function kindName(kind, lang) {
  return (KIND_NAMES[kind] && KIND_NAMES[kind][lang]) || kind || '';
}

export const KINDS = Object.keys(KIND_NAMES);

// Follows a path through a JSON Schema (kapsim's is draft 2020-12): properties, then
// patternProperties or additionalProperties, items for list indices, $ref into the schema's own
// $defs, the branches of allOf/anyOf/oneOf, and the `then` of an if/then whose `if` holds for the
// data (a unit's kind decides its keys). Returns the chain of schema nodes that describe the last
// key, the property's own node (with its annotations beside a $ref) first.
function schemaNodes(schema, path, data) {
  if (!schema || typeof schema !== 'object' || Object.keys(schema).length === 0) return { nodes: [], named: false };
  const resolve = (node) => {
    let current = node;
    for (let guard = 0; current && current.$ref && guard < 20; guard += 1) {
      const ref = current.$ref;
      if (!ref.startsWith('#/')) return current;
      const target = ref.slice(2).split('/').reduce((n, part) => (n ? n[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined), schema);
      if (!target) return current;
      const { $ref, ...own } = current;
      current = Object.keys(own).length ? { ...target, ...own, $ref: target.$ref } : target;
      if (!current.$ref) delete current.$ref;
    }
    return current;
  };
  const holds = (condition, value) => {
    if (!condition || !condition.properties || !value || typeof value !== 'object') return false;
    return Object.entries(condition.properties).every(([key, rule]) => !rule || rule.const === undefined || value[key] === rule.const);
  };
  const branches = (node, value, depth = 0) => {
    const resolved = resolve(node);
    if (!resolved || depth > 6) return [];
    const found = [resolved];
    for (const key of ['allOf', 'anyOf', 'oneOf']) {
      for (const sub of resolved[key] || []) {
        const r = resolve(sub);
        if (r && r.if) {
          if (holds(r.if, value) && r.then) found.push(...branches(r.then, value, depth + 1));
        } else {
          found.push(...branches(sub, value, depth + 1));
        }
      }
    }
    return found;
  };
  let current = [schema];
  let value = data;
  let named = false;
  for (const raw of path) {
    const key = String(raw);
    const next = [];
    named = false;
    for (const candidate of current.flatMap((n) => branches(n, value))) {
      if (typeof raw === 'number' && candidate.items) next.push(candidate.items);
      if (candidate.properties && candidate.properties[key]) {
        next.push(candidate.properties[key]);
        named = true;
      }
      if (candidate.patternProperties) {
        for (const [pattern, sub] of Object.entries(candidate.patternProperties)) {
          try {
            if (new RegExp(pattern, 'u').test(key)) next.push(sub);
          } catch {
            // a pattern this browser cannot read: try the next
          }
        }
      }
      if (candidate.additionalProperties && typeof candidate.additionalProperties === 'object') next.push(candidate.additionalProperties);
    }
    if (next.length === 0) return { nodes: [], named: false };
    value = value && typeof value === 'object' ? value[raw] : undefined;
    current = next;
  }
  const nodes = current.flatMap((n) => [n, ...branches(n, value).slice(1)]).map((n) => (n && n.$ref ? { ...resolve(n), ...n } : n)).filter(Boolean);
  return { nodes, named };
}

function localized(value, lang) {
  if (!value) return '';
  if (typeof value === 'string') return value;
  return value[lang] || value.sv || value.en || '';
}

function firstOf(nodes, keys) {
  for (const node of nodes) {
    for (const key of keys) {
      if (node[key] && typeof node[key] === 'string' && node[key].trim() !== '') return node[key];
    }
  }
  return '';
}

// {label, help, unit, quantity} for the value at path; data is the scenario as plain data.
export function describeField(path, lang, schema, data) {
  const keys = path.map(String);
  const last = keys[keys.length - 1];
  let entry = null;
  for (let n = Math.min(3, keys.length); n >= 1 && !entry; n -= 1) entry = CATALOG[keys.slice(-n).join('.')] || null;
  const own = entry ? entry[lang] || entry.sv : null;
  const { nodes, named } = schemaNodes(schema, path, data);
  // A key the planner named (a unit, a class, a destination) is its own label.
  const ownName = nodes.length > 0 && !named && typeof path[path.length - 1] !== 'number';
  const schemaTitle = ownName ? ((own && own[0]) || last) : firstOf(nodes, lang === 'en' ? ['x-title-en', 'title'] : ['x-title-sv']);
  const schemaHelp = firstOf(nodes, lang === 'en' ? ['description'] : ['x-description-sv']);
  return {
    label: localized(schemaTitle, lang) || (own ? own[0] : '') || (typeof path[path.length - 1] === 'number' ? `${Number(last) + 1}` : last),
    help: localized(schemaHelp, lang) || (own ? own[1] : '') || '',
    unit: (own && own[2]) || '',
    quantity: firstOf(nodes, ['x-quantity']),
    key: last,
  };
}

// Choices offered for a value, or null for free text.
export function choicesFor(path, unitIds) {
  const keys = path.map(String);
  const last = keys[keys.length - 1];
  if (last === 'kind' && keys[0] === 'units') return Object.keys(KIND_NAMES);
  if (last === 'distribution') return DISTRIBUTIONS;
  if (last === 'queue') return ['none', 'fifo', 'priority'];
  if (last === 'intake') return ['fifo', 'priority'];
  if (last === 'first_unit' || (last === 'unit' && keys[0] === 'costs')) return unitIds;
  return null;
}
