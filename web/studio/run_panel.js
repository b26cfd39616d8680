// Running the scenario on the server: a comparison of the alternatives, a capacity curve or a
// sweep of one assumption; the estimated time before it starts, a progress bar while it runs, a
// cancel button; then what the report says (its findings, results table and charts, from the
// report's model), the paired differences as a table, the files to download and the report itself in a
// sandboxed frame.
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from './html.js';
import { Field, TextInput } from './fields.js';
import { formatNumber } from './i18n.js';
import { isShare, metricName, metricRank } from './metric_names.js';
import { changeablePaths } from './alternatives.js';
import { nodeAt } from './scenario_text.js';
import { ReportModelView, reportModelName } from './report_model.js';

export function saveBlob(blob, filename) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

// The run in progress and its last state from the server, kept while the planner moves between views.
export function useRun(api) {
  const [run, setRun] = useState(null);
  const timer = useRef(null);
  useEffect(() => {
    if (!run || !run.id || (run.status && run.status.state !== 'running')) return undefined;
    timer.current = setTimeout(async () => {
      try {
        const status = await api.run(run.id);
        setRun((r) => (r && r.id === run.id ? { ...r, status } : r));
      } catch (error) {
        setRun((r) => (r && r.id === run.id ? { ...r, status: { state: 'failed', error: error.message } } : r));
      }
    }, 400);
    return () => clearTimeout(timer.current);
  }, [run]);
  async function start(body) {
    setRun({ starting: true });
    try {
      const started = await api.startRun(body);
      setRun({ id: started.id, estimate: started.estimate_seconds, command: body.command, lang: body.lang, status: { state: 'running', progress: { done: 0, total: 0 } } });
    } catch (error) {
      setRun({ error: error.message, hint: error.hint });
    }
  }
  async function cancel() {
    if (!run || !run.id) return;
    try {
      const answer = await api.cancelRun(run.id);
      setRun((r) => ({ ...r, status: { ...(r.status || {}), state: answer.state || 'cancelled' } }));
    } catch (error) {
      setRun((r) => ({ ...r, error: error.message }));
    }
  }
  return { run, start, cancel };
}

// A run time as a planner reads it: "under a second", whole seconds, or minutes.
function durationText(t, lang, seconds) {
  if (!Number.isFinite(seconds)) return '';
  if (seconds < 1) return t('underASecond');
  if (seconds < 90) return t('aboutSeconds', { n: formatNumber(lang, Math.round(seconds)) });
  return t('aboutMinutes', { n: formatNumber(lang, Math.round(seconds / 60)) });
}

function variantLabels(scenario) {
  const labels = {};
  for (const [id, changes] of Object.entries((scenario && scenario.variants) || {})) {
    const label = changes && changes['scenario.label'];
    labels[id] = label ? String(typeof label === 'object' ? label.sv ?? label.en : label) : id;
  }
  return labels;
}

// A share as a percentage (its difference in percentage points), anything else as it is.
function scaled(metric, value) {
  return isShare(metric) && Number.isFinite(value) ? value * 100 : value;
}

function valueText(lang, metric, value) {
  return `${formatNumber(lang, scaled(metric, value))}${isShare(metric) ? ' %' : ''}`;
}

function interval(lang, metric, d, t) {
  const text = `${formatNumber(lang, scaled(metric, d.mean))} [${formatNumber(lang, scaled(metric, d.ci_low))}; ${formatNumber(lang, scaled(metric, d.ci_high))}]`;
  return isShare(metric) ? `${text} ${t('percentagePoints')}` : text;
}

// A unit's name in a table: its label, or its description up to the first comma.
function shortName(text) {
  const cut = text.indexOf(',');
  return cut > 0 ? text.slice(0, cut) : text;
}

// The paired differences of compare.json: per alternative, every metric that changed.
export function CompareTable({ compare, t, lang, scenario, unitLabels }) {
  const [all, setAll] = useState(false);
  if (!compare || !compare.metrics) return null;
  const base = compare.base;
  const labels = variantLabels(scenario);
  const baseMetrics = compare.metrics[base] || {};
  const rows = [];
  for (const [variant, sections] of Object.entries(compare.metrics)) {
    if (variant === base) continue;
    for (const [section, ids] of Object.entries(sections || {})) {
      for (const [id, metrics] of Object.entries(ids || {})) {
        for (const [metric, value] of Object.entries(metrics || {})) {
          const d = value && value.difference;
          if (!d || !Number.isFinite(d.mean)) continue;
          if (d.mean === 0 && d.sd === 0) continue;
          if (!all && metric.startsWith('by_class.')) continue;
          const baseValue = ((baseMetrics[section] || {})[id] || {})[metric];
          rows.push({ variant, section, id, metric, value, d, baseValue });
        }
      }
    }
  }
  const place = (section, id) => (section === 'payers' ? `${t('payers').toLowerCase()}: ${id === 'total' ? t('total') : id}` : shortName(unitLabels[id] || id));
  const unitOrder = Object.keys((scenario && scenario.units) || {});
  const rank = (r) => [r.section === 'payers' ? 1 : 0, r.section === 'payers' ? (r.id === 'total' ? 1 : 0) : unitOrder.indexOf(r.id), metricRank(r.metric)];
  rows.sort((a, b) => {
    const x = rank(a);
    const y = rank(b);
    for (let i = 0; i < x.length; i += 1) if (x[i] !== y[i]) return x[i] - y[i];
    return 0;
  });
  return html`<section class="compare-results">
    <h3>${t('resultsTitle')}</h3>
    <p class="section-help">${t('resultsHelp')}</p>
    <label class="check"><input type="checkbox" checked=${all} onChange=${(e) => setAll(e.currentTarget.checked)} /> ${t('resultsShowAll')}</label>
    <table class="compare-table">
      <thead><tr><th>${t('colVariant')}</th><th>${t('colUnit')}</th><th>${t('colMetric')}</th><th>${t('colBase')}</th><th>${t('colVariant')}</th><th>${t('colDifference')}</th></tr></thead>
      <tbody>${rows.map((r) => html`<tr data-variant=${r.variant} data-metric=${`${r.section}.${r.id}.${r.metric}`} data-diff=${String(r.d.mean)}>
        <td>${labels[r.variant] || r.variant}</td>
        <td title=${unitLabels[r.id] || r.id}>${place(r.section, r.id)}</td>
        <td>${metricName(r.metric, lang)}</td>
        <td class="num">${r.baseValue ? valueText(lang, r.metric, r.baseValue.mean) : '–'}</td>
        <td class="num">${valueText(lang, r.metric, r.value.mean)}</td>
        <td class="num diff">${r.d.sd === 0 ? `${formatNumber(lang, scaled(r.metric, r.d.mean))} (${t('exact')})` : interval(lang, r.metric, r.d, t)}</td>
      </tr>`)}</tbody>
    </table>
  </section>`;
}

// A table of results at several values (capacity curve or sweep): one column per value, one
// row per metric that changes across them, means only (the report has the intervals).
function CurveTable({ title, xs, rows, t, lang, unitLabels }) {
  if (!xs.length || !rows.length) return null;
  const place = (section, id) => (section === 'payers' ? `${t('payers').toLowerCase()}: ${id === 'total' ? t('total') : id}` : shortName(unitLabels[id] || id));
  const shown = rows.filter((r) => !r.metric.startsWith('by_class.') && r.values.some((v) => v !== r.values[0]))
    .sort((a, b) => (a.section === b.section ? 0 : a.section === 'payers' ? 1 : -1) || metricRank(a.metric) - metricRank(b.metric));
  return html`<section class="curve-results"><h3>${title}</h3>
    <table class="curve-table">
      <thead><tr><th>${t('colUnit')}</th><th>${t('colMetric')}</th>${xs.map((x) => html`<th class="num">${x}</th>`)}</tr></thead>
      <tbody>${shown.map((r) => html`<tr data-metric=${`${r.section}.${r.id}.${r.metric}`}>
        <td>${place(r.section, r.id)}</td><td>${metricName(r.metric, lang)}</td>
        ${r.values.map((v) => html`<td class="num">${v === undefined ? '–' : valueText(lang, r.metric, v)}</td>`)}
      </tr>`)}</tbody>
    </table></section>`;
}

function capacityRows(curve) {
  const points = (curve && curve.points) || [];
  const rows = new Map();
  points.forEach((point, i) => {
    for (const section of ['units', 'payers']) {
      for (const [id, metrics] of Object.entries(point[section] || {})) {
        for (const [metric, value] of Object.entries(metrics || {})) {
          const key = `${section}|${id}|${metric}`;
          if (!rows.has(key)) rows.set(key, { section, id, metric, values: Array(points.length).fill(undefined) });
          rows.get(key).values[i] = value && value.mean;
        }
      }
    }
  });
  return { xs: points.map((p) => String(p.capacity)), rows: [...rows.values()] };
}

// sweep.csv: a comment line, then point, the swept value, section, id, metric, mean, ...
function sweepRows(csv) {
  const lines = csv.split(/\r?\n/).filter((l) => l && !l.startsWith('#'));
  const split = (line) => {
    const cells = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < line.length; i += 1) {
      const c = line[i];
      if (quoted && c === '"' && line[i + 1] === '"') { cell += '"'; i += 1; } else if (c === '"') quoted = !quoted;
      else if (c === ',' && !quoted) { cells.push(cell); cell = ''; } else cell += c;
    }
    cells.push(cell);
    return cells;
  };
  const header = split(lines[0] || '');
  const at = (name) => header.indexOf(name);
  const [iPoint, iSection, iId, iMetric, iMean] = ['point', 'section', 'id', 'metric', 'mean'].map(at);
  const xs = [];
  const rows = new Map();
  for (const line of lines.slice(1)) {
    const cells = split(line);
    const point = Number(cells[iPoint]);
    xs[point] = cells.slice(iPoint + 1, iSection).join(', ');
    const key = `${cells[iSection]}|${cells[iId]}|${cells[iMetric]}`;
    if (!rows.has(key)) rows.set(key, { section: cells[iSection], id: cells[iId], metric: cells[iMetric], values: [] });
    rows.get(key).values[point] = Number(cells[iMean]);
  }
  const all = [...rows.values()];
  for (const r of all) for (let i = 0; i < xs.length; i += 1) if (!(i in r.values)) r.values[i] = undefined;
  return { xs, rows: all };
}

function SweepTable({ api, run, t, lang, unitLabels }) {
  const [table, setTable] = useState(null);
  useEffect(() => {
    api.runFile(run.id, 'sweep.csv', false).then((blob) => blob.text()).then((csv) => setTable(sweepRows(csv)), () => setTable(null));
  }, [run.id]);
  return table ? html`<${CurveTable} title=${t('sweepTitle')} xs=${table.xs} rows=${table.rows} t=${t} lang=${lang} unitLabels=${unitLabels} />` : null;
}

function Downloads({ ctx, api, run, status, yamlName }) {
  const { t } = ctx;
  const files = status.files || [];
  const report = files.find((f) => /^report-(sv|en)\.html$/.test(f) && f.includes(run.lang || 'sv')) || files.find((f) => /^report.*\.html$/.test(f));
  const get = async (name) => saveBlob(await api.runFile(run.id, name, false), name);
  return html`<section class="downloads"><h3>${t('downloads')}</h3><ul>
    ${report ? html`<li><button type="button" class="link download-report" onClick=${() => get(report)}>${t('downloadReport')}</button>
      · <a class="open-report" href=${api.fileUrl(run.id, report, true)} target="_blank" rel="noopener noreferrer">${t('openReport')}</a></li>` : null}
    ${files.includes('compare.csv') ? html`<li><button type="button" class="link download-csv" onClick=${() => get('compare.csv')}>${t('downloadCsv')}</button></li>` : null}
    ${files.includes('results.xlsx') ? html`<li><button type="button" class="link download-xlsx" onClick=${() => get('results.xlsx')}>${t('downloadXlsx')}</button></li>` : null}
    <li><button type="button" class="link download-yaml" onClick=${() => saveBlob(new Blob([ctx.text], { type: 'application/yaml' }), yamlName)}>${t('downloadYaml')}</button></li>
    ${files.filter((f) => f !== report && f !== 'compare.csv' && f !== 'results.xlsx' && f !== 'scenario.yaml').map((f) => html`<li><button type="button" class="link download-other" onClick=${() => get(f)}>${f}</button></li>`)}
  </ul></section>`;
}

// The report in a frame that may run the report's own scripts (its charts) but is its own
// origin: it cannot reach the studio's page or API. The frame sends the page's cookie (the
// server lets a run's files be read with it), and the server gives the report its own
// Content-Security-Policy, under which its inline scripts run.
function ReportFrame({ api, run, name, title }) {
  return html`<iframe class="report-frame" sandbox="allow-scripts" title=${title} src=${api.fileUrl(run.id, name, true)}></iframe>`;
}

export function RunPanel({ ctx, api, runner, scenario, check, unitLabels, yamlName }) {
  const { t, lang, doc } = ctx;
  const [command, setCommand] = useState('compare');
  const unitIds = Object.keys((scenario && scenario.units) || {});
  const [capacity, setCapacity] = useState({ unit: '', from: '8', to: '14' });
  const [sweep, setSweep] = useState({ path: '', values: '' });
  const { run } = runner;
  const status = run && run.status;
  const running = status && status.state === 'running';
  const hasErrors = check && !check.ok;
  const paths = changeablePaths(doc);
  function start() {
    const options = {};
    if (command === 'capacity') options.capacity = { unit: capacity.unit || unitIds[0], from: Number(capacity.from), to: Number(capacity.to) };
    if (command === 'sweep') options.sweep = { path: sweep.path || paths[0], values: sweep.values.split(';').map((v) => v.trim()).filter(Boolean) };
    const body = { text: ctx.text, command, lang, options };
    if (ctx.path) body.path = ctx.path;
    runner.start(body);
  }
  const progress = status && status.progress;
  const reportName = status && (status.files || []).find((f) => f === `report-${run.lang || lang}.html`) || (status && (status.files || []).find((f) => /^report.*\.html$/.test(f)));
  const modelName = status && reportModelName(status.files, run.lang || lang);
  return html`<div class="run-panel">
    <fieldset class="group"><legend>${t('runCommand')}</legend>
      <label class="check"><input type="radio" name="command" value="compare" checked=${command === 'compare'} onChange=${() => setCommand('compare')} /> ${t('runCompare')}</label>
      <label class="check"><input type="radio" name="command" value="capacity" checked=${command === 'capacity'} onChange=${() => setCommand('capacity')} /> ${t('runCapacity')}</label>
      <label class="check"><input type="radio" name="command" value="sweep" checked=${command === 'sweep'} onChange=${() => setCommand('sweep')} /> ${t('runSweep')}</label>
      ${command === 'capacity' ? html`<div class="run-options">
        <label>${t('runUnit')} <select value=${capacity.unit || unitIds[0]} onChange=${(e) => setCapacity({ ...capacity, unit: e.currentTarget.value })}>${unitIds.map((u) => html`<option value=${u}>${u}</option>`)}</select></label>
        <label>${t('runFrom')} <${TextInput} className="short" value=${capacity.from} onInput=${(v) => setCapacity({ ...capacity, from: v })} /></label>
        <label>${t('runTo')} <${TextInput} className="short" value=${capacity.to} onInput=${(v) => setCapacity({ ...capacity, to: v })} /></label>
      </div>` : null}
      ${command === 'sweep' ? html`<div class="run-options">
        <label>${t('runSweepPath')} <select value=${sweep.path || paths[0]} onChange=${(e) => setSweep({ ...sweep, path: e.currentTarget.value })}>${paths.map((p) => html`<option value=${p}>${p}</option>`)}</select></label>
        <label>${t('runSweepValues')} <${TextInput} value=${sweep.values} placeholder="5 dagar; 6 dagar; 7 dagar" onInput=${(v) => setSweep({ ...sweep, values: v })} /></label>
      </div>` : null}
      ${nodeAt(doc, ['scenario', 'replications']) !== undefined ? html`<${Field} ctx=${ctx} path=${['scenario', 'replications']} />` : null}
    </fieldset>
    ${check && check.estimate && Number.isFinite(check.estimate.seconds) ? html`<p class="estimate-before">${t('runEstimateBefore', { time: durationText(t, lang, check.estimate.seconds) })}</p>` : null}
    ${hasErrors ? html`<p class="field-error">${t('runFixErrors')}</p>` : null}
    <div class="run-buttons">
      <button type="button" class="primary run-start" disabled=${running || hasErrors || (run && run.starting)} onClick=${start}>${command === 'compare' ? t('runStart') : t('runStartOther')}</button>
      ${running ? html`<button type="button" class="run-cancel" onClick=${runner.cancel}>${t('runCancel')}</button>` : null}
    </div>
    ${run && run.error ? html`<p class="field-error run-error">${run.error}${run.hint ? html`<span class="hint">${run.hint}</span>` : null}</p>` : null}
    ${run && run.id ? html`<div class="run-status" data-run=${run.id} data-state=${status ? status.state : ''}>
      ${Number.isFinite(run.estimate) ? html`<p class="estimate">${t('runEstimate', { time: durationText(t, lang, run.estimate) })}</p>` : null}
      <p class="state">${t(`runState_${status ? status.state : 'running'}`)}</p>
      ${progress && progress.total > 0 ? html`<progress max=${progress.total} value=${progress.done || 0}></progress>` : null}
      ${progress && !(progress.total > 0) && status.state === 'running' ? html`<progress></progress>` : null}
      ${progress && progress.total > 0 ? html`
        <span class="progress-text">${t('runProgress', { done: progress.done || 0, total: progress.total || '?' })}</span>` : null}
      ${status && status.state === 'failed' && status.error ? html`<pre class="run-error">${status.error}</pre>` : null}
    </div>` : null}
    ${status && status.state === 'done' ? html`
      ${modelName ? html`<${ReportModelView} api=${api} run=${run} name=${modelName} chartFailed=${t('chartFailed')} />` : null}
      ${status.compare ? html`<${CompareTable} compare=${status.compare} t=${t} lang=${lang} scenario=${scenario} unitLabels=${unitLabels} />` : null}
      ${status.capacity ? html`<${CurveTable} title=${t('capacityTitle')} ...${capacityRows(status.capacity)} t=${t} lang=${lang} unitLabels=${unitLabels} />` : null}
      ${run.command === 'sweep' && (status.files || []).includes('sweep.csv') ? html`<${SweepTable} api=${api} run=${run} t=${t} lang=${lang} unitLabels=${unitLabels} />` : null}
      <${Downloads} ctx=${ctx} api=${api} run=${run} status=${status} yamlName=${yamlName} />
      ${reportName && modelName ? html`<details class="report"><summary>${t('reportWhole')}</summary><${ReportFrame} api=${api} run=${run} name=${reportName} title=${t('report')} /></details>` : null}
      ${reportName && !modelName ? html`<section class="report"><h3>${t('report')}</h3><${ReportFrame} api=${api} run=${run} name=${reportName} title=${t('report')} /></section>` : null}
    ` : null}
  </div>`;
}
