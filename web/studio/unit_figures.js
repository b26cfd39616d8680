// What the check computes for one unit before anything is simulated: the offered load, the
// admissions, stay and occupancy the scenario implies, the analytic first figure, and the
// check's warnings about the unit (where people are lost).
import { html } from './html.js';
import { formatNumber } from './i18n.js';

export function UnitFigures({ ctx, id, check }) {
  const { t, lang } = ctx;
  const unit = check && (check.units || []).find((u) => u.id === id);
  const warnings = check ? (check.warnings || []).filter((w) => w.unit === id) : [];
  if (!unit && warnings.length === 0) return null;
  const implied = (unit && unit.implied) || {};
  const rows = [];
  if (unit) {
    if (unit.offered_load !== undefined && unit.offered_load !== null) rows.push([t('offeredLoad'), formatNumber(lang, unit.offered_load)]);
    if (unit.capacity !== undefined && unit.capacity !== null) rows.push([t('capacity'), String(unit.capacity)]);
    if (implied.admitted_per_year !== undefined && implied.admitted_per_year !== null) rows.push([t('impliedAdmitted'), formatNumber(lang, implied.admitted_per_year)]);
    if (implied.mean_stay_days !== undefined && implied.mean_stay_days !== null) rows.push([t('impliedStay'), `${formatNumber(lang, implied.mean_stay_days)} ${t('days')}`]);
    if (implied.occupancy !== undefined && implied.occupancy !== null) rows.push([t('impliedOccupancy'), `${formatNumber(lang, implied.occupancy * 100)} %`]);
  }
  return html`<aside class="unit-figures" data-unit=${id}>
    <h4>${t('figures')}</h4>
    ${rows.length ? html`<dl>${rows.map(([k, v]) => html`<div class="figure"><dt>${k}</dt><dd>${v}</dd></div>`)}</dl>` : null}
    ${unit && unit.first_figure ? html`<p class="first-figure"><strong>${t('firstFigure')}:</strong> ${unit.first_figure}</p>` : null}
    ${warnings.length ? html`<ul class="warnings">${warnings.map((w) => html`<li class="warning">${w.message}</li>`)}</ul>` : null}
  </aside>`;
}
