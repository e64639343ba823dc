/**
 * A template's Python program in CodeMirror 6: highlighted, line-numbered, read-only until editing.
 * (No @codemirror/commands here: typing, Backspace and selection come from the view itself; Enter keeps
 * the indentation and indents after a colon, which is what writing Python needs most.)
 */
import { python } from '@codemirror/lang-python';
import { defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { Compartment, EditorState } from '@codemirror/state';
import { EditorView, highlightActiveLine, keymap, lineNumbers } from '@codemirror/view';
import { useEffect, useRef } from 'react';

interface Props {
  value: string;
  editable?: boolean;
  onChange?: (value: string) => void;
  label: string;
  testId?: string;
}

/** Enter: a new line with the current line's indentation, one level more after a `:`. */
function newlineKeepingIndent(view: EditorView): boolean {
  const { state } = view;
  const range = state.selection.main;
  const line = state.doc.lineAt(range.head);
  const before = line.text.slice(0, range.head - line.from);
  const indent = /^\s*/.exec(line.text)?.[0] ?? '';
  const extra = /:\s*$/.test(before) ? '    ' : '';
  const insert = `\n${indent}${extra}`;
  view.dispatch(state.update({ changes: { from: range.from, to: range.to, insert }, selection: { anchor: range.from + insert.length }, scrollIntoView: true, userEvent: 'input' }));
  return true;
}

export function ProgramEditor({ value, editable = false, onChange, label, testId }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const access = useRef(new Compartment());
  const changeRef = useRef(onChange);
  changeRef.current = onChange;

  useEffect(() => {
    const el = host.current;
    if (el === null) return;
    const editor = new EditorView({
      parent: el,
      state: EditorState.create({
        doc: value,
        extensions: [
          lineNumbers(),
          highlightActiveLine(),
          python(),
          syntaxHighlighting(defaultHighlightStyle),
          keymap.of([{ key: 'Enter', run: newlineKeepingIndent }]),
          access.current.of([EditorState.readOnly.of(!editable), EditorView.editable.of(editable)]),
          EditorView.contentAttributes.of({ 'aria-label': label }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) changeRef.current?.(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
    // Created once; value and editability are pushed in by the effects below.
  }, []);

  useEffect(() => {
    const editor = view.current;
    if (editor === null) return;
    editor.dispatch({ effects: access.current.reconfigure([EditorState.readOnly.of(!editable), EditorView.editable.of(editable)]) });
  }, [editable]);

  useEffect(() => {
    const editor = view.current;
    if (editor === null) return;
    const current = editor.state.doc.toString();
    if (current !== value) editor.dispatch({ changes: { from: 0, to: current.length, insert: value } });
  }, [value]);

  return <div ref={host} className={`program-editor${editable ? ' program-editing' : ''}`} data-testid={testId} />;
}
