// The alternatives: the file's `variants:` section (name -> {path: value}) edited as rows such as
// "12 platser: units.avdelning.beds = 12", and shown side by side with the base where they differ.
// A variant's name must be a plain name for kapsim (no spaces), so the planner's name with spaces
// becomes the variant's label (scenario.label, what the report calls it) and a plain id.
import { html } from './html.js';
import { Field, TextInput } from './fields.js';
import { describeField } from './field_catalog.js';
import { inputText, isMap, isScalar, keysOf, nodeAt, pathLabel } from './scenario_text.js';

const LABEL_PATH = 'scenario.label';

function variantId(name) {
  const id = name.trim().replace(/\s+/g, '-').replace(/[^\p{L}\p{N}_-]/gu, '');
  return id || 'alternativ';
}

function labelText(value, lang) {
  if (value && typeof value === 'object') return String(value[lang] ?? value.sv ?? value.en ?? '');
  return value === undefined || value === null ? '' : String(value);
}

// Every value of the base a variant could change: the dotted paths of its scalars and lists.
export function changeablePaths(doc) {
  const found = [];
  function walk(node, path) {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        if (path.length === 0 && (key === 'variants' || key === 'extends')) continue;
        walk(pair.value, [...path, key]);
      }
    } else if (node && path.length > 0) {
      found.push(path.map(String).join('.'));
    }
  }
  walk(doc.contents, []);
  return found.filter((p) => p !== 'scenario.name');
}

function baseText(doc, dotted) {
  return inputText(nodeAt(doc, dotted.split('.')));
}

function uniqueId(doc, wanted, except) {
  const taken = new Set(keysOf(nodeAt(doc, ['variants'])).map(String));
  if (except !== undefined) taken.delete(String(except));
  let id = wanted;
  for (let n = 2; taken.has(id); n += 1) id = `${wanted}-${n}`;
  return id;
}

function rename(ctx, oldId, name) {
  ctx.edit((doc) => {
    const variants = nodeAt(doc, ['variants']);
    const pair = variants.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === String(oldId));
    if (!pair) return;
    const id = uniqueId(doc, variantId(name), oldId);
    if (isScalar(pair.key)) pair.key.value = id;
    else pair.key = doc.createNode(id);
    if (name.trim() !== id) doc.setIn(['variants', id, LABEL_PATH], name.trim());
    else if (doc.hasIn(['variants', id, LABEL_PATH])) doc.deleteIn(['variants', id, LABEL_PATH]);
  });
}

function changePath(ctx, id, oldPath, newPath) {
  ctx.edit((doc) => {
    const changes = nodeAt(doc, ['variants', id]);
    const pair = changes.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === oldPath);
    if (!pair || doc.hasIn(['variants', id, newPath])) return;
    if (isScalar(pair.key)) pair.key.value = newPath;
    const base = nodeAt(doc, newPath.split('.'));
    pair.value = base ? doc.createNode(base.toJSON()) : doc.createNode('');
  });
}

function addChange(ctx, id, paths) {
  ctx.edit((doc) => {
    const have = new Set(keysOf(nodeAt(doc, ['variants', id])).map(String));
    const preferred = paths.find((p) => /\.(beds|places|capacity|own_places|caseload)$/.test(p) && !have.has(p)) || paths.find((p) => !have.has(p));
    if (!preferred) return;
    const base = nodeAt(doc, preferred.split('.'));
    if (!nodeAt(doc, ['variants', id]) || !isMap(nodeAt(doc, ['variants', id]))) doc.setIn(['variants', id], doc.createNode({}));
    nodeAt(doc, ['variants', id]).flow = true;
    doc.setIn(['variants', id, preferred], doc.createNode(base ? base.toJSON() : ''));
  });
}

function addVariant(ctx, name) {
  ctx.edit((doc) => {
    const id = uniqueId(doc, variantId(name));
    if (!nodeAt(doc, ['variants'])) doc.set('variants', doc.createNode({}));
    const changes = doc.createNode({});
    changes.flow = true;
    doc.setIn(['variants', id], changes);
  });
}

export function Alternatives({ ctx, scenario }) {
  const { t, lang, doc } = ctx;
  const variantIds = keysOf(nodeAt(doc, ['variants'])).map(String);
  const paths = changeablePaths(doc);
  const variants = (scenario && scenario.variants) || {};
  const rowsChanged = [...new Set(variantIds.flatMap((id) => Object.keys(variants[id] || {}).filter((p) => p !== LABEL_PATH)))];
  const errorsOf = (path) => ctx.errorsAt(path, true);
  return html`<div class="alternatives">
    <p class="section-help">${t('alternativesHelp')}</p>
    <div class="base-label">
      ${nodeAt(doc, ['scenario', 'label']) !== undefined
        ? html`<${Field} ctx=${ctx} path=${['scenario', 'label']} />`
        : html`<button type="button" class="small add add-base-label" onClick=${() => ctx.add(['scenario', 'label'], t('base'))}>${t('addBaseLabel')}</button>`}
    </div>
    ${ctx.errorsAt(['variants'], false).map((e) => html`<p class="field-error">${e.message}</p>`)}
    ${variantIds.length === 0 ? html`<p class="muted">${t('alternativeNone')}</p>` : null}
    ${variantIds.map((id, index) => {
      const changes = variants[id] || {};
      const name = labelText(changes[LABEL_PATH], lang) || id;
      return html`<fieldset class="variant" key=${index} data-variant=${id}>
        <legend>
          <label>${t('alternativeName')} <${TextInput} className="variant-name" value=${name} label=${t('alternativeName')}
            onInput=${(v) => rename(ctx, id, v)} /></label>
          <button type="button" class="small remove" title=${t('remove')} onClick=${() => ctx.remove(['variants', id])}>×</button>
        </legend>
        ${ctx.errorsAt(['variants', id], false).map((e) => html`<p class="field-error">${e.message}</p>`)}
        <table class="changes">
          ${Object.keys(changes).filter((p) => p !== LABEL_PATH).map((p) => {
            const about = describeField(p.split('.'), lang, ctx.schema, ctx.data);
            const options = paths.includes(p) ? paths : [p, ...paths];
            const errors = errorsOf(['variants', id, p]);
            return html`<tr class=${`change${errors.length ? ' has-error' : ''}`} data-path=${p}>
              <td class="variant-label">${name}:</td>
              <td><select class="change-path" aria-label=${t('alternativeChange')} value=${p} onChange=${(e) => changePath(ctx, id, p, e.currentTarget.value)}>
                ${options.map((o) => html`<option value=${o}>${o}</option>`)}</select>
                <span class="muted"> (${about.label})</span></td>
              <td>=</td>
              <td><${TextInput} className="change-value" value=${inputText(nodeAt(doc, ['variants', id, p]))} label=${t('alternativeValue')}
                onInput=${(v) => ctx.setText(['variants', id, p], v)} />
                ${errors.map((e) => html`<div class="field-error">${e.message}</div>`)}</td>
              <td class="muted">${t('alternativeBase')}: ${baseText(doc, p)}</td>
              <td><button type="button" class="small remove" title=${t('remove')} onClick=${() => ctx.remove(['variants', id, p])}>×</button></td>
            </tr>`;
          })}
        </table>
        <button type="button" class="small add add-change" onClick=${() => addChange(ctx, id, paths)}>${t('alternativeAddChange')}</button>
      </fieldset>`;
    })}
    <button type="button" class="add-variant" onClick=${() => addVariant(ctx, t('alternativeNew'))}>${t('alternativeNew')}</button>
    ${rowsChanged.length ? html`<h3>${t('sideBySide')}</h3>
      <table class="side-by-side">
        <thead><tr><th></th><th>${t('base')}</th>${variantIds.map((id) => html`<th>${labelText((variants[id] || {})[LABEL_PATH], lang) || id}</th>`)}</tr></thead>
        <tbody>${rowsChanged.map((p) => html`<tr data-path=${p}>
          <th title=${p}>${describeField(p.split('.'), lang, ctx.schema, ctx.data).label} <span class="muted">${pathLabel(p.split('.'))}</span></th>
          <td>${baseText(doc, p)}</td>
          ${variantIds.map((id) => {
            const changed = variants[id] && Object.prototype.hasOwnProperty.call(variants[id], p);
            return html`<td class=${changed ? 'differs' : 'same'}>${changed ? inputText(nodeAt(doc, ['variants', id, p])) : baseText(doc, p)}</td>`;
          })}
        </tr>`)}</tbody>
      </table>` : null}
  </div>`;
}
