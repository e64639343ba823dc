/**
 * The editing of the app's program editor (PythonEditor.tsx: the Library's and the Author page's): CodeMirror 6 with Python
 * highlighting, line numbers, undo/redo and the standard keys (@codemirror/commands). Ours take
 * precedence for what writing Python needs most: Enter keeps the indentation (one level more after a
 * `:`), Tab and Shift-Tab indent and dedent by four spaces.
 */
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { python } from '@codemirror/lang-python';
import { defaultHighlightStyle, indentUnit, syntaxHighlighting } from '@codemirror/language';
import type { Extension } from '@codemirror/state';
import { EditorView, highlightActiveLine, keymap, lineNumbers } from '@codemirror/view';

const INDENT = '    ';

/** Enter: a new line with the current line's indentation, one level more after a `:`. */
function newline(view: EditorView): boolean {
  const { state } = view;
  const range = state.selection.main;
  const line = state.doc.lineAt(range.head);
  const before = line.text.slice(0, range.head - line.from);
  const indent = /^\s*/.exec(line.text)?.[0] ?? '';
  const insert = `\n${indent}${/:\s*(#.*)?$/.test(before) ? INDENT : ''}`;
  view.dispatch(state.update({ changes: { from: range.from, to: range.to, insert }, selection: { anchor: range.from + insert.length }, scrollIntoView: true, userEvent: 'input' }));
  return true;
}

/** Tab: four spaces at the cursor, or every selected line indented. */
function indent(view: EditorView): boolean {
  const { state } = view;
  const range = state.selection.main;
  if (range.empty) {
    view.dispatch(state.update({ changes: { from: range.from, insert: INDENT }, selection: { anchor: range.from + INDENT.length }, userEvent: 'input' }));
    return true;
  }
  const changes = [];
  for (let n = state.doc.lineAt(range.from).number; n <= state.doc.lineAt(range.to).number; n++) changes.push({ from: state.doc.line(n).from, insert: INDENT });
  view.dispatch(state.update({ changes, userEvent: 'input' }));
  return true;
}

/** Shift-Tab: up to four leading spaces removed from each line of the selection. */
function dedent(view: EditorView): boolean {
  const { state } = view;
  const range = state.selection.main;
  const changes = [];
  for (let n = state.doc.lineAt(range.from).number; n <= state.doc.lineAt(range.to).number; n++) {
    const line = state.doc.line(n);
    const spaces = /^ {1,4}/.exec(line.text)?.[0].length ?? 0;
    if (spaces > 0) changes.push({ from: line.from, to: line.from + spaces });
  }
  if (changes.length > 0) view.dispatch(state.update({ changes, userEvent: 'delete' }));
  return true;
}

export function pythonEditing(): Extension[] {
  return [
    lineNumbers(),
    highlightActiveLine(),
    python(),
    indentUnit.of(INDENT),
    syntaxHighlighting(defaultHighlightStyle),
    history(),
    keymap.of([{ key: 'Enter', run: newline }, { key: 'Tab', run: indent, shift: dedent }, ...historyKeymap, ...defaultKeymap]),
  ];
}
