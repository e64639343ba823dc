/**
 * A template's Python program in CodeMirror 6: highlighted, line-numbered, read-only until editing.
 * The editing (keys, undo, highlighting) is shared with the Author page: code/python-editing.ts.
 */
import { Compartment, EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { pythonEditing } from '../code/python-editing.js';
import { useEffect, useRef } from 'react';

interface Props {
  value: string;
  editable?: boolean;
  onChange?: (value: string) => void;
  label: string;
  testId?: string;
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
          ...pythonEditing(),
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
