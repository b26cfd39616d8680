// The scenario as a planner thinks of it: the question and the period, the patient groups,
// the units (each with what the check computes for it), the pathways drawn and edited, the
// costs; and every other key of the file, so nothing written by hand is hidden.
import { useState } from 'preact/hooks';
import { html } from './html.js';
import { GenericNode, TextInput } from './fields.js';
import { KINDS, KIND_PARAMETERS, SCENARIO_KEYS, kindName } from './field_catalog.js';
import { keysOf, nodeAt } from './scenario_text.js';
import { PathwayDiagram } from './pathway_diagram.js';
import { UnitFigures } from './unit_figures.js';
import { FitPanel } from './fit_panel.js';

const KNOWN_SECTIONS = new Set(['scenario', 'classes', 'units', 'pathways', 'costs', 'staffing', 'payers', 'variants']);
const ID = /^[\p{L}\p{N}_-]+$/u;

function text(value, lang) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return String(value[lang] ?? value.sv ?? value.en ?? '');
  return String(value);
}

// The keys a planner may add at a place of the file, with a value to start from.
export function suggestionsFor(path, doc) {
  const keys = path.map(String);
  if (keys.length === 1 && keys[0] === 'scenario') return SCENARIO_KEYS;
  if (keys.length === 2 && keys[0] === 'classes') return { description: '', arrivals: { rate: '100 per år' }, first_unit: '', priority: 0, readmission: { share: 0.1, after: { distribution: 'exponential', mean: '60 dagar' } } };
  if (keys.length === 3 && keys[0] === 'classes' && keys[2] === 'arrivals') {
    return { rate: '100 per år', month: Array(12).fill(1), day_of_week: Array(7).fill(1), hour_of_day: Array(24).fill(1), growth: 1 };
  }
  if (keys.length === 2 && keys[0] === 'units') {
    const kind = doc.getIn(['units', path[1], 'kind']);
    return { label: '', description: '', ...(KIND_PARAMETERS[kind] || {}) };
  }
  if (keys.length === 2 && keys[0] === 'pathways') return { after_stay: { all: { out: '100 %' } }, overflow: { all: { out: '100 %' } } };
  return null;
}

function NewEntry({ ctx, label, onAdd, kinds }) {
  const [id, setId] = useState('');
  const [kind, setKind] = useState('ward');
  const valid = ID.test(id);
  return html`<div class="new-entry">
    <${TextInput} className="new-id" value=${id} placeholder=${ctx.t('idPrompt')} label=${label} onInput=${setId} />
    ${kinds ? html`<label>${ctx.t('newUnitKind')} <select value=${kind} onChange=${(e) => setKind(e.currentTarget.value)}>
      ${KINDS.map((k) => html`<option value=${k}>${kindName(k, ctx.lang)}</option>`)}</select></label>` : null}
    <button type="button" disabled=${!valid} onClick=${() => { onAdd(id, kind); setId(''); }}>${label}</button>
  </div>`;
}

function Section({ id, title, help, children }) {
  return html`<section class="editor-section" id=${id}>
    <h2>${title}</h2>
    ${help ? html`<p class="section-help">${help}</p>` : null}
    ${children}
  </section>`;
}

export function Editor({ ctx, api, scenario, check }) {
  const { t, lang, doc } = ctx;
  const classIds = keysOf(nodeAt(doc, ['classes']));
  const unitIds = keysOf(nodeAt(doc, ['units']));
  const others = keysOf(doc.contents).filter((k) => !KNOWN_SECTIONS.has(String(k)));
  const units = (scenario && scenario.units) || {};
  const classes = (scenario && scenario.classes) || {};
  return html`<div class="editor">
    <nav class="section-nav">
      <a href="#sec-question">${t('sectionQuestion')}</a>
      <a href="#sec-classes">${t('sectionClasses')}</a>
      <a href="#sec-units">${t('sectionUnits')}</a>
      <a href="#sec-pathways">${t('sectionPathways')}</a>
      <a href="#sec-costs">${t('sectionCosts')}</a>
    </nav>
    <${Section} id="sec-question" title=${t('sectionQuestion')} help=${t('sectionQuestionHelp')}>
      ${nodeAt(doc, ['scenario'])
        ? html`<${GenericNode} ctx=${ctx} path=${['scenario']} heading="" />`
        : html`<button type="button" onClick=${() => ctx.add(['scenario'], { name: 'scenario' })}>${t('add')}</button>`}
    </${Section}>
    <${Section} id="sec-classes" title=${t('sectionClasses')} help=${t('sectionClassesHelp')}>
      <${FitPanel} ctx=${ctx} api=${api} />
      ${classIds.map((id) => html`<${GenericNode} key=${String(id)} ctx=${ctx} path=${['classes', id]} removable=${true}
          heading=${html`<span class="entry-id">${id}</span> <span class="entry-text">${text(classes[id] && (classes[id].label || classes[id].description), lang)}</span>`} />`)}
      <${NewEntry} ctx=${ctx} label=${t('newClass')} onAdd=${(id) => ctx.add(['classes', id], { description: '', arrivals: { rate: '100 per år' }, first_unit: String(unitIds[0] ?? '') })} />
    </${Section}>
    <${Section} id="sec-units" title=${t('sectionUnits')} help=${t('sectionUnitsHelp')}>
      ${unitIds.map((id) => html`<div class="unit-card" key=${String(id)} data-unit=${String(id)}>
        <${UnitFigures} ctx=${ctx} id=${String(id)} check=${check} />
        <${GenericNode} ctx=${ctx} path=${['units', id]} removable=${true}
          heading=${html`<span class="entry-id">${id}</span> <span class="entry-kind">${kindName(units[id] && units[id].kind, lang)}</span> <span class="entry-text">${text(units[id] && (units[id].label || units[id].description), lang)}</span>`} />
      </div>`)}
      <${NewEntry} ctx=${ctx} label=${t('newUnit')} kinds=${true} onAdd=${(id, kind) => ctx.add(['units', id], { kind, description: '', ...KIND_PARAMETERS[kind] })} />
    </${Section}>
    <${Section} id="sec-pathways" title=${t('sectionPathways')} help=${t('sectionPathwaysHelp')}>
      <div class="diagram-box"><${PathwayDiagram} scenario=${scenario} unitFigures=${check && check.units} t=${t} lang=${lang} /></div>
      ${nodeAt(doc, ['pathways'])
        ? html`<${GenericNode} ctx=${ctx} path=${['pathways']} heading="" />`
        : null}
      <div class="add-keys">${unitIds.filter((id) => !nodeAt(doc, ['pathways', id])).map((id) => html`<button type="button" class="small add"
          onClick=${() => ctx.add(['pathways', id], { after_stay: { all: { out: '100 %' } } })}>${t('addField', { label: `${t('sectionPathways').toLowerCase()}: ${id}` })}</button>`)}</div>
    </${Section}>
    <${Section} id="sec-costs" title=${t('sectionCosts')}>
      ${['costs', 'staffing', 'payers'].filter((k) => nodeAt(doc, [k]) !== undefined).map((k) => html`<${GenericNode} key=${k} ctx=${ctx} path=${[k]} removable=${true} />`)}
    </${Section}>
    ${others.length ? html`<${Section} id="sec-other" title=${t('sectionOther')}>
      ${others.map((k) => html`<${GenericNode} key=${String(k)} ctx=${ctx} path=${[k]} removable=${true} />`)}
    </${Section}>` : null}
  </div>`;
}
