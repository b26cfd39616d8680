// kapsim fit one button away: the planner drops an export of stays (CSV or XLSX), the server runs
// `kapsim fit`, and the fitted arrivals of each patient group and the fitted stays of each unit
// can be put into the scenario, each value with its provenance (the FITTED comments fit writes).
import { useState } from 'preact/hooks';
import { html } from './html.js';
import { keysOf, nodeAt, parseScenario } from './scenario_text.js';

// Where each kind of unit keeps its stay.
const STAY_KEY = { ward: 'length_of_stay', sobering: 'stay', pool: 'service', slots: 'enrolment', placement: 'duration', service: 'duration', caseload: 'case_length' };

function FitClass({ ctx, fitted, id }) {
  const classIds = keysOf(nodeAt(ctx.doc, ['classes'])).map(String);
  const [target, setTarget] = useState(classIds.includes(String(id)) ? String(id) : '');
  const arrivals = nodeAt(fitted, ['classes', id, 'arrivals']);
  const rate = nodeAt(fitted, ['classes', id, 'arrivals', 'rate']);
  function apply() {
    ctx.edit((doc) => {
      const copy = arrivals.clone();
      if (target === '') {
        const units = keysOf(nodeAt(doc, ['units'])).map(String);
        doc.setIn(['classes', String(id)], doc.createNode({ description: ctx.t('fitFrom'), first_unit: units[0] ?? '' }));
        doc.setIn(['classes', String(id), 'arrivals'], copy);
      } else {
        doc.setIn(['classes', target, 'arrivals'], copy);
      }
    });
  }
  return html`<li class="fit-class" data-class=${String(id)}>
    <strong>${String(id)}</strong>: ${rate ? String(rate.value) : ''}
    <label> ${ctx.t('fitInto')} <select value=${target} onChange=${(e) => setTarget(e.currentTarget.value)}>
      ${classIds.map((c) => html`<option value=${c}>${c}</option>`)}
      <option value="">${ctx.t('fitNewClass', { id: String(id) })}</option>
    </select></label>
    <button type="button" class="small fit-apply" disabled=${!arrivals} onClick=${apply}>${ctx.t('fitUseArrivals')}</button>
  </li>`;
}

function FitUnit({ ctx, fitted, id }) {
  const unitIds = keysOf(nodeAt(ctx.doc, ['units'])).map(String);
  const [target, setTarget] = useState(unitIds[0] ?? '');
  const stay = nodeAt(fitted, ['units', id, 'service']);
  const kind = target ? ctx.doc.getIn(['units', target, 'kind']) : null;
  const key = STAY_KEY[kind] || 'length_of_stay';
  return html`<li class="fit-unit" data-unit=${String(id)}>
    <strong>${ctx.t('fitStays')}</strong>
    <label> ${ctx.t('fitInto')} <select value=${target} onChange=${(e) => setTarget(e.currentTarget.value)}>
      ${unitIds.map((u) => html`<option value=${u}>${u}</option>`)}</select></label>
    <span class="muted"> (${key})</span>
    <button type="button" class="small fit-apply" disabled=${!stay || !target}
      onClick=${() => ctx.edit((doc) => doc.setIn(['units', target, key], stay.clone()))}>${ctx.t('fitUseStays')}</button>
  </li>`;
}

export function FitPanel({ ctx, api }) {
  const [state, setState] = useState(null);
  async function upload(file) {
    if (!file) return;
    setState({ busy: true, name: file.name });
    try {
      const answer = await api.fit(file);
      setState({ name: file.name, fragment: answer.fragment, text: answer.text });
    } catch (error) {
      setState({ name: file.name, error: error.message, hint: error.hint });
    }
  }
  const fitted = state && state.fragment ? parseScenario(state.fragment).doc : null;
  return html`<details class="fit-panel">
    <summary>${ctx.t('fitTitle')}</summary>
    <p class="section-help">${ctx.t('fitHelp')}</p>
    <input type="file" class="fit-file" accept=".csv,.xlsx,.txt" onChange=${(e) => upload(e.currentTarget.files[0])} />
    ${state && state.busy ? html`<p class="muted">${ctx.t('fitBusy', { name: state.name })}</p>` : null}
    ${state && state.error ? html`<pre class="run-error">${state.error}${state.hint ? `\n${state.hint}` : ''}</pre>` : null}
    ${fitted ? html`<ul class="fit-results">
      ${keysOf(nodeAt(fitted, ['classes'])).map((id) => html`<${FitClass} key=${String(id)} ctx=${ctx} fitted=${fitted} id=${id} />`)}
      ${keysOf(nodeAt(fitted, ['units'])).map((id) => html`<${FitUnit} key=${String(id)} ctx=${ctx} fitted=${fitted} id=${id} />`)}
    </ul>
    <details><summary>${ctx.t('fitShowText')}</summary><pre class="fit-text">${state.text}</pre><pre class="fit-text">${state.fragment}</pre></details>` : null}
  </details>`;
}
