// The pathways drawn as a diagram: each unit a box (its label, kind and capacity), each route an
// arrow with its shares, routes taken when a unit is full dashed, "ut" where people leave care.
// Drawn from the scenario as it is now, so it redraws as the planner edits.
import { html } from './html.js';
import { kindName } from './field_catalog.js';
import { formatNumber } from './i18n.js';

const BOX_W = 190;
const BOX_H = 74;
const COL_GAP = 170;
const TOP = 50;
const ROW_GAP = 26;

function text(value, lang) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return String(value[lang] ?? value.sv ?? value.en ?? '');
  return String(value);
}

function capacityOf(unit) {
  for (const key of ['beds', 'places', 'capacity', 'own_places', 'caseload']) {
    if (unit && unit[key] !== undefined) {
      const v = unit[key];
      return typeof v === 'object' && v !== null ? `${v.staff ?? ''} × ${v.per_fte ?? ''}` : String(v);
    }
  }
  return '';
}

function shareText(value) {
  if (typeof value === 'number') return `${Math.round(value * 1000) / 10} %`;
  return String(value);
}

// Routes as edges {from, to, kind: 'after'|'overflow', label}, one per pair of units and kind.
function routesOf(scenario) {
  const edges = new Map();
  const pathways = (scenario && scenario.pathways) || {};
  for (const [from, routes] of Object.entries(pathways)) {
    if (!routes || typeof routes !== 'object') continue;
    for (const [kind, key] of [['after', 'after_stay'], ['overflow', 'overflow']]) {
      const byClass = routes[key];
      if (!byClass || typeof byClass !== 'object') continue;
      for (const [cls, shares] of Object.entries(byClass)) {
        if (!shares || typeof shares !== 'object') continue;
        for (const [to, share] of Object.entries(shares)) {
          const id = `${from}|${to}|${kind}`;
          if (!edges.has(id)) edges.set(id, { from, to, kind, labels: [] });
          edges.get(id).labels.push(cls === 'all' ? shareText(share) : `${cls}: ${shareText(share)}`);
        }
      }
    }
  }
  // Without a pathway after the stay, people leave care: drawn too, so every unit shows its way
  // out (not in a file that extends another, whose base may route them).
  for (const id of (scenario && scenario.extends) ? [] : Object.keys((scenario && scenario.units) || {})) {
    const routes = pathways[id];
    if (!routes || !routes.after_stay) {
      const key = `${id}|out|after`;
      if (!edges.has(key)) edges.set(key, { from: id, to: 'out', kind: 'after', labels: [], implicit: true });
    }
  }
  return [...edges.values()];
}

// Columns by the longest chain of routes from where patients come in, so that care flows left to
// right (a ward reached from the sobering unit stands after it even if some come to it directly).
// Routes back to an earlier unit do not push it further right: the chain stops at a repeat.
function layout(unitIds, scenario, edges) {
  const depth = new Map(unitIds.map((id) => [id, 0]));
  const inner = edges.filter((e) => e.to !== 'out' && e.to !== e.from && depth.has(e.from) && depth.has(e.to));
  function walk(id, d, seen) {
    if (d > depth.get(id)) depth.set(id, d);
    for (const e of inner) if (e.from === id && !seen.has(e.to)) walk(e.to, d + 1, new Set([...seen, e.to]));
  }
  const entries = new Set();
  for (const cls of Object.values((scenario && scenario.classes) || {})) {
    if (cls && typeof cls.first_unit === 'string' && depth.has(cls.first_unit)) entries.add(cls.first_unit);
  }
  if (unitIds.length <= 40) for (const id of (entries.size ? entries : unitIds)) walk(id, 0, new Set([id]));
  const columns = [];
  for (const id of unitIds) (columns[depth.get(id)] ||= []).push(id);
  for (let c = 0; c < columns.length; c += 1) columns[c] ||= [];
  const hasOut = edges.some((e) => e.to === 'out');
  if (hasOut) columns.push(['out']);
  const position = new Map();
  const rows = Math.max(1, ...columns.map((c) => (c ? c.length : 0)));
  const body = rows * (BOX_H + ROW_GAP);
  const skips = edges.filter((e) => e.to !== e.from).length;
  const bottom = 40 + Math.min(6, skips) * 12;
  columns.forEach((column, c) => {
    (column || []).forEach((id, r) => {
      const offset = TOP + (body - column.length * (BOX_H + ROW_GAP)) / 2;
      position.set(id, { x: 20 + c * (BOX_W + COL_GAP), y: offset + r * (BOX_H + ROW_GAP) + ROW_GAP / 2, column: c });
    });
  });
  return { position, width: columns.length * (BOX_W + COL_GAP) - COL_GAP + 40, height: TOP + body + bottom, top: TOP };
}

// Next column: a curve between the boxes. Further right: an arc over the boxes between, so it
// does not run behind them. Back or in the same column: an arc below.
function arrowPath(a, b, bend, lane, ceiling) {
  const x1 = a.x + BOX_W;
  const y1 = a.y + BOX_H / 2;
  const x2 = b.x;
  const y2 = b.y + BOX_H / 2;
  if (b.column === a.column + 1) {
    const mid = (x1 + x2) / 2;
    // The label near the arrow's end, where routes from one unit have parted.
    const f = 3 * 0.7 * 0.7 - 2 * 0.7 * 0.7 * 0.7;
    return { d: `M${x1},${y1 + bend} C${mid},${y1 + bend} ${mid},${y2 + bend} ${x2},${y2 + bend}`, lx: x1 + (x2 - x1) * 0.78, ly: y1 + (y2 - y1) * f + bend - 4, endX: x2, startX: x1 };
  }
  if (b.column > a.column) {
    const xa = a.x + BOX_W * 0.7;
    const xb = b.x + BOX_W * 0.3;
    const high = Math.min(a.y, b.y, ceiling) - 14 - lane * 12;
    return { d: `M${xa},${a.y} C${xa},${high} ${xb},${high} ${xb},${b.y}`, lx: (xa + xb) / 2, ly: high + 6 };
  }
  const xa = a.x + BOX_W / 2;
  const xb = b.x + BOX_W / 2;
  const low = Math.max(a.y, b.y) + BOX_H + 22 + lane * 12;
  return { d: `M${xa},${a.y + BOX_H} C${xa},${low} ${xb},${low} ${xb},${b.y + BOX_H}`, lx: (xa + xb) / 2, ly: low - 4 };
}

// Labels that would be drawn over each other are moved apart vertically.
function separateLabels(routes) {
  const width = (r) => 6.2 * r.text.length;
  const placed = [];
  for (const r of [...routes].filter((x) => x.text).sort((p, q) => p.ly - q.ly)) {
    for (let moved = true, guard = 0; moved && guard < 20; guard += 1) {
      moved = false;
      for (const o of placed) {
        if (Math.abs(o.lx - r.lx) < (width(o) + width(r)) / 2 && Math.abs(o.ly - r.ly) < 13) {
          r.ly = o.ly + 13;
          moved = true;
        }
      }
    }
    placed.push(r);
  }
}

export function PathwayDiagram({ scenario, unitFigures, t, lang }) {
  const units = (scenario && scenario.units && typeof scenario.units === 'object') ? scenario.units : {};
  const figures = new Map((unitFigures || []).map((u) => [u.id, u]));
  const allEdges = routesOf(scenario);
  // Units the file names but a base file defines (extends:), or the check knows, are drawn too.
  const unitIds = [...new Set([...Object.keys(units), ...(unitFigures || []).map((u) => u.id),
    ...allEdges.flatMap((e) => [e.from, e.to]).filter((id) => id !== 'out')])];
  if (unitIds.length === 0) return html`<p class="muted">${t('diagramEmpty')}</p>`;
  const edges = allEdges.filter((e) => e.to === 'out' || unitIds.includes(e.to));
  const { position, width, height } = layout(unitIds, scenario, edges);
  const routes = edges.map((e, i) => {
    const a = position.get(e.from);
    const b = position.get(e.to);
    if (!a || !b) return null;
    // An arc over the columns between goes over every box in them.
    const between = [...position.values()].filter((p) => p.column > a.column && p.column < b.column).map((p) => p.y);
    const r = { ...e, ...arrowPath(a, b, e.kind === 'overflow' ? 8 : -8, i % 4, Math.min(Infinity, ...between)), text: e.labels.join(', ') };
    // Between neighbouring columns the label ends just before the arrowhead, clear of the box.
    if (r.endX !== undefined) r.lx = Math.max(r.startX + 3.1 * r.text.length + 4, r.endX - 10 - 3.1 * r.text.length);
    return r;
  }).filter(Boolean);
  separateLabels(routes);
  return html`<svg class="pathway-diagram" viewBox=${`0 0 ${width} ${height}`} width=${width} height=${height} style=${`max-width: 100%; height: auto`} role="img" aria-label=${t('sectionPathways')}>
    <defs>
      <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="arrow-head" /></marker>
    </defs>
    ${routes.map((r, i) => html`<g class=${`route ${r.kind}${r.implicit ? ' implicit' : ''}`} key=${i} data-from=${r.from} data-to=${r.to}>
        <path d=${r.d} marker-end="url(#arrow)" />
        ${r.text ? html`<text x=${r.lx} y=${r.ly} class="route-label">${r.text}</text>` : null}
      </g>`)}
    ${[...position.entries()].map(([id, p]) => {
      if (id === 'out') {
        return html`<g class="box out" key="out"><rect x=${p.x} y=${p.y} width=${BOX_W} height=${BOX_H} rx="29" />
          <text x=${p.x + BOX_W / 2} y=${p.y + BOX_H / 2 + 5} class="box-title">${t('diagramOut')}</text></g>`;
      }
      const figure = figures.get(id);
      const unit = units[id] || {};
      const label = text(unit.label, lang) || text(unit.description, lang) || (figure && figure.label) || id;
      const kind = unit.kind || (figure && figure.kind);
      const capacity = capacityOf(unit) || (figure && figure.capacity !== undefined && figure.capacity !== null ? String(figure.capacity) : '');
      return html`<g class="box" key=${id} data-unit=${id}>
        <rect x=${p.x} y=${p.y} width=${BOX_W} height=${BOX_H} rx="6" />
        <text x=${p.x + 8} y=${p.y + 18} class="box-title">${label.length > 26 ? `${label.slice(0, 25)}…` : label}</text>
        <text x=${p.x + 8} y=${p.y + 34} class="box-kind">${kindName(kind, lang)}</text>
        <text x=${p.x + 8} y=${p.y + 50} class="box-capacity">${capacity ? `${t('capacity')} ${capacity}` : ''}</text>
        <text x=${p.x + 8} y=${p.y + 66} class="box-capacity">${figure && Number.isFinite(figure.offered_load) ? `${t('offeredLoad')} ${formatNumber(lang, figure.offered_load)}` : ''}</text>
      </g>`;
    })}
    <g class="legend" transform=${`translate(10, ${height - 10})`}>
      <line x1="0" x2="30" y1="-4" y2="-4" class="route after" /><text x="36" y="0">${t('diagramLegendAfter')}</text>
      <line x1="150" x2="180" y1="-4" y2="-4" class="route overflow dashed" /><text x="186" y="0">${t('diagramLegendOverflow')}</text>
    </g>
  </svg>`;
}
