// What the check computes for one unit before anything is simulated: the offered load, the
// admissions, stay and occupancy the scenario implies, the analytic first figure, and the
// check's warnings about the unit (where people are lost).
import { html } from './html.js';
import { formatNumber } from './i18n.js';

// The analytic figure in the page's language, from its numbers; the check's English text when
// there are none.
function firstFigureText(t, lang, unit) {
  const v = unit.first_figure_values;
  if (!v) return unit.first_figure;
  const percent = (share) => formatNumber(lang, share * 100, 2);
  const values = {
    wait: v.wait_share != null ? percent(v.wait_share) : '–',
    unserved: v.unserved_share != null ? percent(v.unserved_share) : '–',
    n: v.unserved_per_year != null ? formatNumber(lang, Math.round(v.unserved_per_year)) : '–',
  };
  const key = { erlang_a: 'figureErlangA', erlang_b: 'figureErlangB', erlang_c: 'figureErlangC' }[v.model];
  return key ? t(key, values) : unit.first_figure;
}

export function UnitFigures({ ctx, id, check }) {
  const { t, lang } = ctx;
  const unit = check && (check.units || []).find((u) => u.id === id);
  // The warning that people are lost is said from lost_classes; the check's others come in the page's language.
  const warnings = check ? (check.warnings || []).filter((w) => w.unit === id && w.code !== 'lost').map((w) => w.message) : [];
  if (unit && unit.lost_classes && unit.lost_classes.length)
    warnings.unshift(t('lostPeople', { classes: unit.lost_classes.join(', ') }));
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
    ${unit && unit.first_figure ? html`<p class="first-figure"><strong>${t('firstFigure')}:</strong> ${firstFigureText(t, lang, unit)}</p>` : null}
    ${warnings.length ? html`<ul class="warnings">${warnings.map((w) => html`<li class="warning">${w}</li>`)}</ul>` : null}
  </aside>`;
}
