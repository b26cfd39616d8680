// Where a planner begins: the scenarios saved in the workspace, the scenarios shipped with kapsim
// by region, and the templates of `kapsim init`.
import { html } from './html.js';

function groupBy(items, key) {
  const groups = new Map();
  for (const item of items) {
    const k = item[key] || '';
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k).push(item);
  }
  return [...groups.entries()];
}

function text(value, lang) {
  if (value && typeof value === 'object') return String(value[lang] ?? value.sv ?? value.en ?? '');
  return value === undefined || value === null ? '' : String(value);
}

function ScenarioItem({ item, lang, t, onOpen }) {
  return html`<li class="scenario-item" data-path=${item.path}>
    <button type="button" class="link open-scenario" onClick=${() => onOpen(item.path)}>${text(item.label, lang) || text(item.name, lang) || item.path}</button>
    <span class="muted"> ${item.path}</span>
    ${item.description ? html`<div class="description">${text(item.description, lang)}</div>` : null}
  </li>`;
}

export function StartView({ t, lang, list, error, onOpen, onTemplate }) {
  if (error) return html`<p class="field-error">${error}</p>`;
  if (!list) return html`<p class="muted">${t('loading')}</p>`;
  const templates = (list.templates || []).filter((tpl) => !tpl.lang || tpl.lang === lang);
  const shown = templates.length ? templates : (list.templates || []);
  return html`<div class="start">
    <section class="start-templates">
      <h2>${t('startTemplates')}</h2>
      <ul class="cards">${shown.map((tpl) => html`<li class="card template" data-template=${tpl.name}>
        <h3>${t(`template_${tpl.name}`) === `template_${tpl.name}` ? tpl.name : t(`template_${tpl.name}`)}</h3>
        <p>${text(tpl.summary, lang)}</p>
        <button type="button" class="primary use-template" onClick=${() => onTemplate(tpl.name, tpl.lang || lang)}>${t('useTemplate')}</button>
      </li>`)}</ul>
    </section>
    <section class="start-workspace">
      <h2>${t('startWorkspace')}</h2>
      ${(list.workspace || []).length === 0 ? html`<p class="muted">${t('noWorkspace')}</p>`
        : html`<ul>${list.workspace.map((item) => html`<${ScenarioItem} item=${item} lang=${lang} t=${t} onOpen=${onOpen} />`)}</ul>`}
    </section>
    <section class="start-library">
      <h2>${t('startLibrary')}</h2>
      ${groupBy(list.library || [], 'group').map(([group, items]) => html`<div class="library-group">
        <h3>${group}</h3>
        <ul>${items.map((item) => html`<${ScenarioItem} item=${item} lang=${lang} t=${t} onOpen=${onOpen} />`)}</ul>
      </div>`)}
    </section>
  </div>`;
}
