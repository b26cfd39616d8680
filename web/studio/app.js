// kapsim studio's page: holds the scenario's YAML text (the one source of truth), sends every
// change to the server's check (debounced), and shows the views: start, the scenario's forms,
// the alternatives, running, and the text itself.
import { render } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { html } from './html.js';
import { studioApi, tokenFromPage } from './api.js';
import { LANGUAGES, translator } from './i18n.js';
import { StartView } from './start_view.js';
import { Editor, suggestionsFor } from './editor.js';
import { Alternatives } from './alternatives.js';
import { RunPanel, useRun } from './run_panel.js';
import { useTextHistory } from './text_history.js';
import { addAt, keysOf, nodeAt, parseScenario, pathKey, pathLabel, placeErrors, removeAt, setComment, setFromInput, writeScenario } from './scenario_text.js';

const CHECK_DELAY_MS = 300;

function scenarioName(scenario) {
  const name = scenario && scenario.scenario && scenario.scenario.name;
  return typeof name === 'string' || typeof name === 'number' ? String(name) : 'scenario';
}

function labelOf(value, lang) {
  if (value && typeof value === 'object') return String(value[lang] ?? value.sv ?? value.en ?? '');
  return value === undefined || value === null ? '' : String(value);
}

function TextView({ t, text, onApply }) {
  // The draft belongs to the text it was typed over: a new text from outside replaces it, while
  // a late render of the same text does not (an effect resetting it raced with fast typing).
  const [edit, setEdit] = useState({ base: text, draft: text });
  const draft = edit.base === text ? edit.draft : text;
  const setDraft = (value) => setEdit({ base: text, draft: value });
  return html`<div class="text-view">
    <p class="section-help">${t('textHelp')}</p>
    <textarea class="yaml-text" spellcheck="false" value=${draft} onInput=${(e) => setDraft(e.currentTarget.value)}></textarea>
    <button type="button" disabled=${draft === text} onClick=${() => onApply(draft)}>${t('apply')}</button>
  </div>`;
}

// The check's errors, hints and warnings in the page's language: the answer carries both, so a
// switch of language shows at once, before the next check comes back in the new language.
function inPageLanguage(result, lang) {
  if (!result) return result;
  const pick = (item) => ({ ...item, message: item[`message_${lang}`] ?? item.message, hint: item[`hint_${lang}`] ?? item.hint });
  return { ...result, errors: (result.errors || []).map(pick), warnings: (result.warnings || []).map(pick) };
}

function ErrorSummary({ t, placed, unplaced, check, checking, current, onGoto }) {
  if (!check) return html`<div class="check-status muted">${checking ? t('checking') : ''}</div>`;
  const count = (check.errors || []).length;
  return html`<div class=${`check-status ${count ? 'bad' : 'good'}`} data-current=${current ? 'true' : 'false'}>
    <strong class="check-summary">${count ? t('checkErrors', { n: count }) : t('checkOk')}</strong>
    ${checking ? html` <span class="muted">${t('checking')}</span>` : null}
    ${(check.undecided || []).length ? html` <span class="decide-mark">${t('undecidedCount', { n: check.undecided.length })}</span>` : null}
    ${unplaced.length ? html`<div class="unplaced-errors"><h3>${t('errorsNoField')}</h3><ul>${unplaced.map((e) => html`<li class="field-error">${e.line ? `${e.line}:${e.column}: ` : ''}${e.message}${e.hint ? html`<span class="hint">${e.hint}</span>` : null}</li>`)}</ul></div>` : null}
    ${placed.length ? html`<ul class="placed-errors">${placed.map((e) => html`<li><button type="button" class="link" onClick=${() => onGoto(e.path)}>${pathLabel(e.path)}</button>: ${e.message}</li>`)}</ul>` : null}
    ${(check.warnings || []).filter((w) => !w.unit).map((w) => html`<p class="warning">${w.message}</p>`)}
  </div>`;
}

function App({ api }) {
  const [lang, setLang] = useState(() => (localStorage.getItem('kapsim_lang') === 'en' ? 'en' : 'sv'));
  const t = useMemo(() => translator(lang), [lang]);
  const [tab, setTab] = useState('start');
  const [list, setList] = useState(null);
  const [listError, setListError] = useState(null);
  const [schema, setSchema] = useState({});
  const history = useTextHistory();
  const text = history.text;
  const setText = history.change;
  const [source, setSource] = useState({ path: null, readOnly: false });
  const [saveName, setSaveName] = useState('');
  const [saveState, setSaveState] = useState(null);
  const [savedText, setSavedText] = useState(null);
  const [check, setCheck] = useState(null);
  const [checking, setChecking] = useState(false);
  const checkNumber = useRef(0);
  const runner = useRun(api);

  useEffect(() => {
    document.documentElement.lang = lang;
    localStorage.setItem('kapsim_lang', lang);
  }, [lang]);
  useEffect(() => {
    api.scenarios().then(setList, (e) => setListError(e.message));
    api.schema().then((s) => setSchema(s || {}), () => setSchema({}));
  }, []);

  const parsed = useMemo(() => (text === null ? null : parseScenario(text)), [text]);
  const scenario = useMemo(() => {
    if (!parsed || parsed.doc.errors.length) return null;
    try {
      return parsed.doc.toJSON() || {};
    } catch {
      return null;
    }
  }, [parsed]);

  // Every change goes to the server's check, the same validator as `kapsim check`.
  useEffect(() => {
    if (text === null) return undefined;
    setChecking(true);
    const timer = setTimeout(async () => {
      // Answers can overtake each other: only the answer to the latest text counts.
      checkNumber.current += 1;
      const number = checkNumber.current;
      let answer;
      try {
        answer = { text, result: await api.check(text, source.path || undefined, lang) };
      } catch (error) {
        answer = { text, result: { ok: false, errors: [{ message: t('checkFailed', { message: error.message }), hint: error.hint }] } };
      }
      if (number !== checkNumber.current) return;
      setCheck(answer);
      setChecking(false);
    }, CHECK_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, source.path, lang]);

  const result = useMemo(() => inPageLanguage(check && check.result, lang), [check, lang]);
  const placedErrors = useMemo(() => {
    if (!check || !result) return [];
    return placeErrors(parseScenario(check.text), result.errors || []);
  }, [check, result]);
  const exists = (path) => parsed && path.length > 0 && nodeAt(parsed.doc, path) !== undefined;
  const unplaced = placedErrors.filter((e) => !exists(e.path));
  const placed = placedErrors.filter((e) => exists(e.path));
  const undecided = useMemo(() => new Set(((result && result.undecided) || []).map((u) => u.path)), [result]);

  // Leaving the page with changes not saved asks first.
  useEffect(() => {
    const warn = (event) => {
      if (text !== null && text !== savedText) {
        event.preventDefault();
        event.returnValue = '';
      }
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [text, savedText]);

  // Ctrl+Z / Ctrl+Y (or Ctrl+Shift+Z) undo the scenario's changes, except in a text field,
  // where they undo its typing as the browser does.
  useEffect(() => {
    const keys = (event) => {
      if (!(event.ctrlKey || event.metaKey) || text === null) return;
      const target = event.target;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable)) return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) history.undo();
      else if (key === 'y' || (key === 'z' && event.shiftKey)) history.redo();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', keys);
    return () => window.removeEventListener('keydown', keys);
  });

  function open(newText, path, readOnly, name) {
    history.open(newText);
    setSavedText(newText);
    setSource({ path, readOnly });
    setSaveName(readOnly || !path ? name : path);
    setSaveState(null);
    setCheck(null);
    setTab('edit');
  }
  async function openPath(path) {
    try {
      const file = await api.file(path);
      const base = path.split('/').pop();
      open(file.text, path, !!file.read_only, base);
    } catch (error) {
      setListError(error.message);
    }
  }
  async function openTemplate(name, templateLang) {
    try {
      const tpl = await api.template(name, templateLang);
      open(tpl.text, null, false, `${name}.yaml`);
    } catch (error) {
      setListError(error.message);
    }
  }
  async function save() {
    try {
      const from = source.path && source.path !== saveName ? source.path : undefined;
      const answer = await api.save(saveName, text, from);
      setSaveState({ ok: true, path: answer.path, hash: answer.content_hash, bases: answer.bases_copied || [] });
      setSavedText(text);
      setSource({ path: answer.path, readOnly: false });
      api.scenarios().then(setList, () => {});
    } catch (error) {
      setSaveState({ ok: false, message: error.message, hint: error.hint });
    }
  }

  function edit(change, group = null) {
    const fresh = parseScenario(text);
    change(fresh.doc);
    setText(writeScenario(fresh.doc), group);
  }
  const ctx = parsed && !parsed.doc.errors.length ? {
    t,
    lang,
    doc: parsed.doc,
    text,
    path: source.path,
    schema,
    data: scenario,
    unitIds: keysOf(nodeAt(parsed.doc, ['units'])).map(String),
    errorsAt(path, prefix) {
      const key = pathKey(path);
      return placed.filter((e) => pathKey(e.path) === key || (prefix && e.path.length > path.length && pathKey(e.path.slice(0, path.length)) === key));
    },
    isUndecided: (path) => undecided.has(pathLabel(path)),
    setText: (path, typed) => edit((doc) => setFromInput(doc, path, typed), `set:${pathKey(path)}`),
    setComment: (path, note) => edit((doc) => setComment(doc, path, note)),
    remove: (path) => edit((doc) => removeAt(doc, path)),
    add: (path, value) => edit((doc) => addAt(doc, path, value)),
    edit,
    suggestionsFor: (path) => suggestionsFor(path, parsed.doc),
  } : null;

  function gotoField(path) {
    setTab(path[0] === 'variants' ? 'alternatives' : 'edit');
    setTimeout(() => {
      const element = document.querySelector(`[data-path="${CSS.escape(pathLabel(path))}"]`);
      if (element) {
        element.scrollIntoView({ block: 'center' });
        const input = element.querySelector('input, select');
        if (input) input.focus();
      }
    }, 50);
  }

  const unitLabels = {};
  for (const [id, unit] of Object.entries((scenario && scenario.units) || {})) unitLabels[id] = labelOf(unit && (unit.label || unit.description), lang) || id;
  const yamlName = (saveName || `${scenarioName(scenario)}.yaml`).split('/').pop();
  const tabs = [['start', t('tabStart')], ['edit', t('tabEdit')], ['alternatives', t('tabAlternatives')], ['run', t('tabRun')], ['text', t('tabText')]];

  return html`<div class="studio">
    <header class="top">
      <div class="brand"><h1>${t('appTitle')}</h1><span class="tagline">${t('tagline')}</span></div>
      <label class="language">${t('language')}
        <select value=${lang} onChange=${(e) => setLang(e.currentTarget.value)}>${LANGUAGES.map((l) => html`<option value=${l}>${l === 'sv' ? 'svenska' : 'English'}</option>`)}</select>
      </label>
    </header>
    <nav class="tabs">${tabs.map(([id, label]) => html`<button type="button" class=${`tab${tab === id ? ' active' : ''}`} data-tab=${id}
      disabled=${id !== 'start' && text === null} onClick=${() => setTab(id)}>${label}</button>`)}</nav>
    ${text !== null && tab !== 'start' ? html`<div class="status-bar">
      <div class="save">
        <label>${t('saveAs')} <input type="text" class="save-name" value=${saveName} onInput=${(e) => setSaveName(e.currentTarget.value)} /></label>
        <button type="button" class="save-button" onClick=${save}>${t('save')}</button>
        <button type="button" class="undo-button" disabled=${!history.canUndo} onClick=${history.undo} title="Ctrl+Z">${t('undo')}</button>
        <button type="button" class="redo-button" disabled=${!history.canRedo} onClick=${history.redo} title="Ctrl+Y">${t('redo')}</button>
        ${source.readOnly ? html`<span class="muted"> ${t('readOnly')}</span>` : null}
        ${saveState ? (saveState.ok
          ? html`<span class="saved"> ${t('saved', { path: saveState.path })}${saveState.hash ? `, ${t('savedHash', { hash: saveState.hash })}` : ''}${saveState.bases.length ? `; ${t('savedBases', { files: saveState.bases.join(', ') })}` : ''}</span>`
          : html`<span class="field-error"> ${saveState.message}${saveState.hint ? html`<span class="hint">${saveState.hint}</span>` : null}</span>`) : null}
      </div>
      <${ErrorSummary} t=${t} placed=${placed} unplaced=${unplaced} check=${result} checking=${checking} current=${!!check && check.text === text && !checking} onGoto=${gotoField} />
      ${parsed && parsed.doc.errors.length ? html`<p class="field-error yaml-error">${t('yamlError', { message: parsed.doc.errors[0].message })}</p>` : null}
    </div>` : null}
    <main>
      ${tab === 'start' ? html`<${StartView} t=${t} lang=${lang} list=${list} error=${listError} onOpen=${openPath} onTemplate=${openTemplate} />` : null}
      ${tab !== 'start' && text === null ? html`<p class="muted">${t('noScenario')}</p>` : null}
      ${tab === 'edit' && ctx ? html`<${Editor} ctx=${ctx} api=${api} scenario=${scenario} check=${result} />` : null}
      ${tab === 'alternatives' && ctx ? html`<${Alternatives} ctx=${ctx} scenario=${scenario} />` : null}
      ${tab === 'run' && ctx ? html`<${RunPanel} ctx=${ctx} api=${api} runner=${runner} scenario=${scenario} check=${result} unitLabels=${unitLabels} yamlName=${yamlName} />` : null}
      ${(tab === 'text' || (tab !== 'start' && text !== null && !ctx)) ? html`<${TextView} t=${t} text=${text} onApply=${(v) => setText(v)} />` : null}
    </main>
  </div>`;
}

const api = studioApi(tokenFromPage(window.location, window.sessionStorage));
const root = document.getElementById('app');
root.textContent = '';  // the "loading" line, shown until the modules have loaded
render(html`<${App} api=${api} />`, root);
