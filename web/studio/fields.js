// One form field per value of the scenario: label, help and unit, the input (with a unit picker
// for rates and durations, a list of choices where the format has them), the value's comment
// (its source or assumption note) editable, the check's errors for it, and the mark of a value
// still to decide. Generic maps and lists render every key, so nothing in a file is hidden.
import { useState } from 'preact/hooks';
import { html } from './html.js';
import { choicesFor, describeField } from './field_catalog.js';
import { durationUnits, isDurationKey, isRatePath, parseDuration, parseRate, rateUnits, writeDuration, writeRate } from './quantity.js';
import { commentOf, inputText, isMap, isScalar, isSeq, isUndecided, keysOf, nodeAt, pathLabel } from './scenario_text.js';
import { ProfileChart, isProfilePath } from './profile_chart.js';

// A text box that keeps what the planner is typing while the scenario is rewritten underneath.
export function TextInput({ value, onInput, className, placeholder, label }) {
  const [draft, setDraft] = useState(null);
  return html`<input type="text" class=${className || ''} placeholder=${placeholder || ''} aria-label=${label || ''}
    value=${draft ?? value}
    onInput=${(e) => { setDraft(e.currentTarget.value); onInput(e.currentTarget.value); }}
    onBlur=${() => setDraft(null)} />`;
}

function ErrorList({ errors }) {
  if (!errors || errors.length === 0) return null;
  return html`<ul class="field-errors">${errors.map((e) => html`<li class="field-error">${e.message}${e.hint ? html`<span class="hint">${e.hint}</span>` : null}</li>`)}</ul>`;
}

function QuantityInput({ ctx, path, label, parsed, units, write }) {
  return html`<span class="quantity">
    <${TextInput} className="number" value=${parsed.number} label=${label}
      onInput=${(v) => ctx.setText(path, write(v, parsed.unit, ctx.lang))} />
    <select class="unit-picker" aria-label=${`${label}: ${ctx.t('unit')}`} value=${parsed.unit}
      onChange=${(e) => ctx.setText(path, write(parsed.number, e.currentTarget.value, ctx.lang))}>
      ${units.map((u) => html`<option value=${u.id}>${u.label}</option>`)}
    </select>
  </span>`;
}

function ValueInput({ ctx, path, node, quantity, label }) {
  const text = inputText(node);
  if (isScalar(node) && (isRatePath(path) || quantity === 'rate')) {
    const parsed = parseRate(text);
    if (parsed) return html`<${QuantityInput} ctx=${ctx} path=${path} label=${label} parsed=${parsed} units=${rateUnits(ctx.lang)} write=${writeRate} />`;
  }
  if (isScalar(node) && (isDurationKey(path) || quantity === 'duration')) {
    const parsed = parseDuration(text);
    if (parsed) return html`<${QuantityInput} ctx=${ctx} path=${path} label=${label} parsed=${parsed} units=${durationUnits(ctx.lang)} write=${writeDuration} />`;
  }
  const choices = isScalar(node) ? choicesFor(path, ctx.unitIds) : null;
  if (choices && choices.includes(text)) {
    return html`<select class="value" aria-label=${label} value=${text} onChange=${(e) => ctx.setText(path, e.currentTarget.value)}>
      ${choices.map((c) => html`<option value=${c}>${c}</option>`)}
    </select>`;
  }
  return html`<${TextInput} className="value" value=${text} label=${label} onInput=${(v) => ctx.setText(path, v)} />`;
}

// A value the planner edits: a scalar, or a list or mapping written in one line.
export function Field({ ctx, path, removable }) {
  const node = nodeAt(ctx.doc, path);
  const about = describeField(path, ctx.lang, ctx.schema, ctx.data);
  const errors = ctx.errorsAt(path, true);
  const undecided = isUndecided(node) || ctx.isUndecided(path);
  const comment = commentOf(node);
  const profile = isSeq(node) && isProfilePath(path);
  return html`<div class=${`field${undecided ? ' undecided' : ''}${errors.length ? ' has-error' : ''}`} data-path=${pathLabel(path)}>
    <label class="field-label" title=${pathLabel(path)}>${about.label}
      ${about.unit ? html`<span class="field-unit">(${about.unit})</span>` : null}
      ${undecided ? html`<span class="decide-mark" title=${ctx.t('undecidedHelp')}>${ctx.t('undecided')}</span>` : null}
    </label>
    <div class="field-input">
      <${ValueInput} ctx=${ctx} path=${path} node=${node} quantity=${about.quantity} label=${about.label} />
      ${undecided ? html`<button type="button" class="small confirm" onClick=${() => ctx.setText(path, inputText(node))}>${ctx.t('confirmValue')}</button>` : null}
      ${removable ? html`<button type="button" class="small remove" title=${ctx.t('remove')} onClick=${() => ctx.remove(path)}>×</button>` : null}
    </div>
    ${profile ? html`<${ProfileChart} ctx=${ctx} path=${path} node=${node} />` : null}
    ${about.help ? html`<div class="field-help">${about.help}</div>` : null}
    <div class="field-note">
      <span class="note-label">${ctx.t('note')}:</span>
      <${TextInput} className="note" value=${comment} placeholder=${ctx.t('notePlaceholder')} label=${`${about.label}: ${ctx.t('note')}`}
        onInput=${(v) => ctx.setComment(path, v)} />
    </div>
    <${ErrorList} errors=${errors} />
  </div>`;
}

// Buttons that add the parameters a map does not have yet.
function AddKeys({ ctx, path, node, suggestions }) {
  if (!suggestions) return null;
  const have = new Set(keysOf(node).map(String));
  const missing = Object.entries(suggestions).filter(([key]) => !have.has(key));
  if (missing.length === 0) return null;
  return html`<div class="add-keys">${missing.map(([key, value]) => html`<button type="button" class="small add" data-key=${key}
      onClick=${() => ctx.add([...path, key], value)}>${ctx.t('addField', { label: describeField([...path, key], ctx.lang, ctx.schema, ctx.data).label })}</button>`)}</div>`;
}

// Any value of the file: maps and lists of maps as groups, everything else as a field.
export function GenericNode({ ctx, path, node: given, suggestions, removable, heading, skip }) {
  const node = given ?? nodeAt(ctx.doc, path);
  const seqOfMaps = isSeq(node) && node.items.some((item) => isMap(item));
  if (!isMap(node) && !seqOfMaps) {
    return html`<${Field} ctx=${ctx} path=${path} removable=${removable} />`;
  }
  const about = describeField(path, ctx.lang, ctx.schema, ctx.data);
  const errors = ctx.errorsAt(path, false);
  const comment = commentOf(node);
  const skipped = new Set((skip || []).map(String));
  return html`<fieldset class="group" data-path=${pathLabel(path)}>
    <legend>${heading ?? about.label}
      ${removable ? html`<button type="button" class="small remove" title=${ctx.t('remove')} onClick=${() => ctx.remove(path)}>×</button>` : null}
    </legend>
    ${about.help && heading === undefined ? html`<div class="field-help">${about.help}</div>` : null}
    ${comment ? html`<div class="group-note">${comment}</div>` : null}
    <${ErrorList} errors=${errors} />
    ${isMap(node)
      ? node.items.filter((pair) => !skipped.has(String(isScalar(pair.key) ? pair.key.value : pair.key))).map((pair) => {
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        return html`<${GenericNode} key=${String(key)} ctx=${ctx} path=${[...path, key]} removable=${true} />`;
      })
      : node.items.map((item, i) => html`<${GenericNode} key=${i} ctx=${ctx} path=${[...path, i]} removable=${true} />`)}
    <${AddKeys} ctx=${ctx} path=${path} node=${node} suggestions=${suggestions ?? ctx.suggestionsFor(path)} />
  </fieldset>`;
}
