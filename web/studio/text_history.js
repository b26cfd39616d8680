// The scenario's text with its history, so a planner can undo a change made in the forms, the
// diagram or the text view (Ångra / Gör om, Ctrl+Z / Ctrl+Y outside a text field, where the
// browser's own undo applies). Quick changes of one value (dragging a bar, typing a number) are
// one step. Opening another scenario starts a new history.
import { useRef, useState } from 'preact/hooks';

const MERGE_MS = 600;
const MOST_STEPS = 200;

export function useTextHistory() {
  const [state, setState] = useState({ text: null, past: [], future: [] });
  const lastChange = useRef({ at: 0, group: null });

  // `group`: what the change is to (a value's path); quick changes of one group are one step.
  function change(next, group = null) {
    const now = Date.now();
    const merge = group !== null && group === lastChange.current.group && now - lastChange.current.at < MERGE_MS;
    lastChange.current = { at: now, group };
    setState((s) => {
      if (next === s.text) return s;
      const past = merge && s.past.length ? s.past : [...s.past, s.text].slice(-MOST_STEPS);
      return { text: next, past, future: [] };
    });
  }
  function open(text) {
    lastChange.current = { at: 0, group: null };
    setState({ text, past: [], future: [] });
  }
  function undo() {
    lastChange.current = { at: 0, group: null };
    setState((s) => (s.past.length ? { text: s.past[s.past.length - 1], past: s.past.slice(0, -1), future: [s.text, ...s.future] } : s));
  }
  function redo() {
    lastChange.current = { at: 0, group: null };
    setState((s) => (s.future.length ? { text: s.future[0], past: [...s.past, s.text], future: s.future.slice(1) } : s));
  }
  return { text: state.text, change, open, undo, redo, canUndo: state.past.length > 0, canRedo: state.future.length > 0 };
}
