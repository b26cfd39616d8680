// A profile of arrivals (month, weekday or hour weights) as a small bar chart: drag a bar up or
// down to change its weight; the list in the file changes with it.
import { useRef } from 'preact/hooks';
import { html } from './html.js';

const PROFILES = { month: 12, day_of_week: 7, hour_of_day: 24, hour_of_week: 168 };
const MONTHS = { sv: ['jan', 'feb', 'mar', 'apr', 'maj', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'], en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] };
const DAYS = { sv: ['mån', 'tis', 'ons', 'tor', 'fre', 'lör', 'sön'], en: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] };

export function isProfilePath(path) {
  const keys = path.map(String);
  return keys.length >= 2 && keys[keys.length - 2] === 'arrivals' && keys[keys.length - 1] in PROFILES;
}

function tickLabel(kind, i, lang) {
  if (kind === 'month') return MONTHS[lang][i] || '';
  if (kind === 'day_of_week') return DAYS[lang][i] || '';
  if (kind === 'hour_of_day') return i % 6 === 0 ? String(i).padStart(2, '0') : '';
  return '';
}

export function ProfileChart({ ctx, path, node }) {
  const svg = useRef(null);
  const kind = String(path[path.length - 1]);
  const values = node.items.map((item) => Number(item && item.value));
  if (values.length === 0 || values.some((v) => !Number.isFinite(v))) return null;
  const top = Math.max(2, ...values) * 1.1;
  const width = 24 * Math.min(values.length, 24) + 20;
  const height = 90;
  const barWidth = (width - 20) / values.length;
  const y = (v) => 70 - (v / top) * 65;
  function drag(i, event) {
    const box = svg.current.getBoundingClientRect();
    const move = (e) => {
      const at = ((e.clientY - box.top) / box.height) * height;
      const weight = Math.max(0, Math.round(((70 - at) / 65) * top * 20) / 20);
      ctx.setText([...path, i], String(weight));
    };
    move(event);
    const stop = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', stop);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', stop);
  }
  return html`<svg ref=${svg} class="profile-chart" viewBox=${`0 0 ${width} ${height}`} width=${width} height=${height} role="img">
    <line x1="10" x2=${width - 10} y1="70" y2="70" class="axis" />
    ${values.map((v, i) => html`<g>
      <rect x=${10 + i * barWidth + 1} y=${y(v)} width=${Math.max(1, barWidth - 2)} height=${70 - y(v)} class="bar"
        onPointerDown=${(e) => { e.preventDefault(); drag(i, e); }}><title>${`${tickLabel(kind, i, ctx.lang) || i + 1}: ${v}`}</title></rect>
      <text x=${10 + (i + 0.5) * barWidth} y="84" class="tick">${tickLabel(kind, i, ctx.lang)}</text>
    </g>`)}
  </svg>`;
}
