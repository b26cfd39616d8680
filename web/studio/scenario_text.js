// The scenario's YAML text is the one source of truth. This module reads it into a `yaml`
// Document (which keeps every comment), changes values and comments in place, writes it back,
// and maps a line/column of the text to the path of the value there. No DOM: the round-trip
// test imports it in node.
import YAML from 'yaml';

// How the text is written back: no folding of long lines, flow lists as `[28-31]` as people write them.
export const WRITE_OPTIONS = { lineWidth: 0, minContentWidth: 0, flowCollectionPadding: false };

// The words that mark a value the planner must decide (the templates' BESTÄM, English DECIDE).
const DECIDE_MARKER = /\s*\b(BESTÄM|DECIDE)\b:?\s*/;

export function parseScenario(text) {
  const lineCounter = new YAML.LineCounter();
  const doc = YAML.parseDocument(text, { lineCounter, keepSourceTokens: false, uniqueKeys: false });
  return { doc, lineCounter, text };
}

export function writeScenario(doc) {
  return doc.toString(WRITE_OPTIONS);
}

export function pathKey(path) {
  return JSON.stringify(path.map(String));
}

export function pathLabel(path) {
  return path.map(String).join('.');
}

// The node at path (a Scalar, YAMLMap or YAMLSeq), or undefined.
export function nodeAt(doc, path) {
  if (path.length === 0) return doc.contents;
  return doc.getIn(path, true);
}

export function isMap(node) {
  return YAML.isMap(node);
}

export function isSeq(node) {
  return YAML.isSeq(node);
}

export function isScalar(node) {
  return YAML.isScalar(node);
}

// The text of a value as a planner types it: a scalar's own text, a list or mapping in flow style.
export function inputText(node) {
  if (node === undefined || node === null) return '';
  if (YAML.isAlias(node)) return `*${node.source}`;
  if (YAML.isScalar(node)) return node.value === null || node.value === undefined ? '' : String(node.value);
  const copy = node.clone();
  copy.flow = true;
  copy.comment = undefined;
  copy.commentBefore = undefined;
  const doc = new YAML.Document();
  doc.contents = copy;
  return doc.toString(WRITE_OPTIONS).trim();
}

const NUMBER = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/;

// What a typed text becomes in the file: a plain number when it is one, a flow list or mapping
// when it starts as one and parses, otherwise the text itself (the check then says what is wrong).
export function nodeFromInput(text) {
  const trimmed = text.trim();
  if (/^[[{]/.test(trimmed)) {
    const parsed = YAML.parseDocument(trimmed);
    if (parsed.errors.length === 0 && (YAML.isMap(parsed.contents) || YAML.isSeq(parsed.contents))) {
      parsed.contents.flow = true;
      return parsed.contents;
    }
  }
  // A reference to a value named elsewhere in the file (&name ... *name) stays a reference.
  if (/^\*[A-Za-z0-9_-]+$/.test(trimmed)) return new YAML.Alias(trimmed.slice(1));
  if (NUMBER.test(trimmed)) return new YAML.Scalar(Number(trimmed));
  if (trimmed === 'true' || trimmed === 'false') return new YAML.Scalar(trimmed === 'true');
  if (trimmed === '') return new YAML.Scalar(null);
  return new YAML.Scalar(trimmed);
}

export function commentOf(node) {
  if (!node || typeof node.comment !== 'string') return '';
  return node.comment.trim();
}

export function isUndecided(node) {
  return DECIDE_MARKER.test(commentOf(node));
}

function withoutMarker(comment) {
  const rest = comment.replace(DECIDE_MARKER, ' ').trim();
  return rest;
}

// Sets the value at path from what the planner typed, keeping the value's comment. A comment
// marking the value as one to decide loses its marker: the planner has now decided it.
export function setFromInput(doc, path, text) {
  const old = nodeAt(doc, path);
  const fresh = nodeFromInput(text);
  const comment = old && typeof old.comment === 'string' ? old.comment : undefined;
  if (YAML.isScalar(old) && YAML.isScalar(fresh)) {
    old.value = fresh.value;
    if (typeof fresh.value !== 'string' && old.type !== 'PLAIN') old.type = 'PLAIN';
  } else {
    if (comment !== undefined) fresh.comment = comment;
    if (old && old.commentBefore) fresh.commentBefore = old.commentBefore;
    doc.setIn(path, fresh);
  }
  const node = nodeAt(doc, path);
  if (node && comment !== undefined && DECIDE_MARKER.test(comment)) {
    const rest = withoutMarker(comment);
    node.comment = rest === '' ? undefined : ` ${rest}`;
  }
}

export function setComment(doc, path, text) {
  const node = nodeAt(doc, path);
  if (!node) return;
  const clean = text.replace(/[\r\n]+/g, ' ').trim();
  node.comment = clean === '' ? undefined : ` ${clean}`;
}

export function removeAt(doc, path) {
  doc.deleteIn(path);
}

export function addAt(doc, path, value) {
  doc.setIn(path, doc.createNode(value));
}

export function keysOf(node) {
  if (!YAML.isMap(node)) return [];
  return node.items.map((pair) => (YAML.isScalar(pair.key) ? pair.key.value : pair.key));
}

// Offset in the text of a 1-based line and column.
export function offsetOf(text, line, column) {
  let offset = 0;
  for (let l = 1; l < line; l += 1) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return offset + Math.max(0, column - 1);
}

function within(range, offset) {
  return range && offset >= range[0] && offset < Math.max(range[1], range[0] + 1);
}

// The path of the innermost value (or key) whose text holds offset; [] when none does.
export function pathAtOffset(doc, offset) {
  function walk(node, path) {
    if (YAML.isMap(node)) {
      for (const pair of node.items) {
        const key = YAML.isScalar(pair.key) ? pair.key.value : pair.key;
        const here = [...path, key];
        if (pair.key && within(pair.key.range, offset)) return here;
        if (pair.value && pair.value.range && offset >= pair.value.range[0] && offset < Math.max(pair.value.range[2], pair.value.range[0] + 1)) {
          return walk(pair.value, here);
        }
      }
      return path;
    }
    if (YAML.isSeq(node)) {
      for (let i = 0; i < node.items.length; i += 1) {
        const item = node.items[i];
        if (item && item.range && offset >= item.range[0] && offset < Math.max(item.range[2], item.range[0] + 1)) {
          return walk(item, [...path, i]);
        }
      }
      return path;
    }
    return path;
  }
  return walk(doc.contents, []);
}

// Every error of a check, with the path of the field it belongs to ([] = none).
export function placeErrors(parsed, errors) {
  return (errors || []).map((error) => {
    if (!error.line) return { ...error, path: [] };
    const offset = offsetOf(parsed.text, error.line, error.column || 1);
    let path = pathAtOffset(parsed.doc, offset);
    if (path.length === 0 && (error.column || 1) <= 1) {
      // An error at the start of a line names the key that starts there.
      const lineEnd = parsed.text.indexOf('\n', offset);
      const firstText = parsed.text.slice(offset, lineEnd < 0 ? undefined : lineEnd).search(/\S/);
      if (firstText >= 0) path = pathAtOffset(parsed.doc, offset + firstText);
    }
    return { ...error, path };
  });
}

// The comments of a text, in order, as the YAML lexer sees them (not the Document), so a test
// can compare a text before and after a round trip independently of what is being tested.
export function commentsOf(text) {
  const found = [];
  for (const token of new YAML.Lexer().lex(text)) {
    if (typeof token === 'string' && token.startsWith('#')) found.push(token.slice(1).trim());
  }
  return found;
}
