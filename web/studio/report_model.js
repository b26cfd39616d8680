// What the report says, shown natively: the findings, the results table and the charts of a
// finished run, drawn from the report's model (report-<lang>.json, written by kapsim report
// beside the HTML), so the studio and the report say the same sentences with the same numbers.
// Every text is put in as text (htm and preact escape it); nothing from the file becomes markup.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { html } from './html.js';

// The model file of a run's report in the language asked for, else any report model.
export function reportModelName(files, lang) {
  const list = files || [];
  return list.find((f) => f === `report-${lang}.json`) || list.find((f) => /^report-[a-z]+\.json$/.test(f)) || null;
}

// A sentence with each number marked, its source as a tooltip, as the report marks it.
function Sentence({ sentence }) {
  return html`${(sentence.segments || []).map((s) => (s.number
    ? html`<span class="num" data-source=${s.number.source} data-value=${String(s.number.value)} title=${s.number.source}>${s.text}</span>`
    : s.text))}`;
}

function Summary({ model }) {
  const summary = model.summary || {};
  const sensitivity = summary.sensitivity;
  return html`<section class="model-summary">
    <h3>${model.headings.summary}</h3>
    ${(summary.intro || []).map((p) => html`<p>${p}</p>`)}
    ${(summary.findings || []).map((g) => html`<div class="finding-group">
      ${g.heading ? html`<h4>${g.heading}</h4>` : null}
      <ul class="findings">${(g.sentences || []).map((s) => html`<li><${Sentence} sentence=${s} /></li>`)}</ul>
    </div>`)}
    ${sensitivity ? html`<div class="finding-group sensitivity">
      <h4>${sensitivity.heading}</h4>
      <p>${sensitivity.intro}</p>
      ${(sensitivity.sentences || []).map((list) => html`<ul class="findings">${list.map((s) => html`<li>${s}</li>`)}</ul>`)}
    </div>` : null}
    ${summary.caveat ? html`<p class="caveat">${summary.caveat}</p>` : null}
  </section>`;
}

function ResultsTable({ model }) {
  const table = model.results || {};
  const rows = table.rows || [];
  if (!rows.length) return null;
  const h = model.headings;
  return html`<section class="model-results">
    <h3>${h.results}</h3>
    <p class="section-help">${h.results_intro}</p>
    <table class="results-table">
      <thead><tr><th>${h.unit}</th><th>${h.measure}</th>${(table.alternatives || []).map((a) => html`<th class="num">${a}</th>`)}</tr></thead>
      <tbody>${rows.map((r) => html`
        <tr data-key=${r.key}>
          <td>${r.unit}</td><td>${r.measure}</td>
          ${r.cells.map((c) => html`<td class="num" data-mean=${c.mean === null ? '' : String(c.mean)} title=${c.source || ''}>${c.text}</td>`)}
        </tr>
        ${r.over_assumptions ? html`<tr class="over-assumptions" data-key=${r.key}>
          <td></td><td>${r.over_assumptions.label}</td>
          ${r.over_assumptions.cells.map((c) => html`<td class="num">${c}</td>`)}
        </tr>` : null}`)}
      </tbody>
    </table>
  </section>`;
}

// The chart libraries the report inlines, from the studio's own vendor folder: classic scripts
// whose builds set window.vega, vegaLite and vegaEmbed, so once loaded they are not loaded again.
function loadScript(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = resolve;
    script.onerror = () => reject(new Error(`${src} did not load`));
    document.head.appendChild(script);
  });
}
function loadChartLibraries() {
  if (window.vegaEmbed) return Promise.resolve(window.vegaEmbed);
  return loadScript('/vendor/vega/build/vega.min.js')
    .then(() => loadScript('/vendor/vega-lite/build/vega-lite.min.js'))
    .then(() => loadScript('/vendor/vega-embed/build/vega-embed.min.js'))
    .then(() => window.vegaEmbed);
}

// One chart of the model, drawn by vega-embed as the report draws it.
function Chart({ chart, locale, failed, libraries }) {
  const place = useRef(null);
  const [state, setState] = useState('drawing');
  useEffect(() => {
    let live = true;
    let view = null;
    setState('drawing');
    libraries
      .then((embed) => embed(place.current, chart.spec, { actions: false, renderer: 'svg', formatLocale: locale }))
      .then((result) => {
        view = result;
        if (live) setState('drawn');
        else result.finalize();
      })
      .catch(() => { if (live) setState('failed'); });
    return () => {
      live = false;
      if (view) view.finalize();
    };
  }, [chart, locale, libraries]);
  return html`<figure class="model-chart" data-chart=${chart.id} data-rendered=${state}>
    <h4>${chart.title}</h4>
    <div class="chart" ref=${place} role="img" aria-label=${chart.title}></div>
    ${state === 'failed' ? html`<p class="field-error">${failed}</p>` : null}
    <figcaption>${chart.caption}</figcaption>
  </figure>`;
}

function Charts({ model, failed }) {
  const charts = model.charts || [];
  // One load of the libraries for all the model's charts.
  const libraries = useMemo(() => (charts.length ? loadChartLibraries() : null), [model]);
  if (!charts.length) return null;
  return html`<section class="model-charts">
    <h3>${model.headings.charts}</h3>
    ${charts.map((c) => html`<${Chart} key=${c.id} chart=${c} locale=${model.chart_locale} failed=${failed} libraries=${libraries} />`)}
  </section>`;
}

// Reads the run's report model and shows its summary and table; nothing until it has loaded.
export function ReportModelView({ api, run, name, chartFailed }) {
  const [model, setModel] = useState(null);
  useEffect(() => {
    let current = true;
    setModel(null);
    api.runFile(run.id, name, false)
      .then((blob) => blob.text())
      .then((text) => { if (current) setModel(JSON.parse(text)); })
      .catch(() => { if (current) setModel(null); });
    return () => { current = false; };
  }, [run.id, name]);
  if (!model || !model.headings) return null;
  return html`<div class="report-model" lang=${model.language} data-command=${model.command}>
    <${Summary} model=${model} />
    <${ResultsTable} model=${model} />
    <${Charts} model=${model} failed=${chartFailed} />
  </div>`;
}
