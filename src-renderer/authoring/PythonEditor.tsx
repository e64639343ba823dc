/**
 * The Author page's program editor (the editing itself is shared with the Library: code/python-editing.ts),
 * with a placeholder, and values pushed in from outside (the model's program) not echoed back as edits.
 */
import { EditorSelection, EditorState } from '@codemirror/state';
import { EditorView, placeholder } from '@codemirror/view';
import { pythonEditing } from '../code/python-editing.js';
import { useEffect, useRef } from 'react';

interface Props {
  value: string;
  onChange: (value: string) => void;
  label: string;
  readOnly?: boolean;
}

export function PythonEditor({ value, onChange, label, readOnly = false }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const changeRef = useRef(onChange);
  changeRef.current = onChange;
  // A value pushed in from outside (the model's program) is not an edit: it must not echo back as one.
  const pushing = useRef(false);

  useEffect(() => {
    const el = host.current;
    if (el === null) return;
    const editor = new EditorView({
      parent: el,
      state: EditorState.create({
        doc: value,
        selection: EditorSelection.cursor(0),
        extensions: [
          ...pythonEditing(),
          placeholder('def solution(...):'),
          EditorState.readOnly.of(readOnly),
          EditorView.contentAttributes.of({ 'aria-label': label, 'data-testid': 'program-editor' }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged && !pushing.current) changeRef.current(u.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
    // Created once (per readOnly); new values are pushed in by the effect below.
  }, [readOnly]);

  useEffect(() => {
    const editor = view.current;
    if (editor === null) return;
    const current = editor.state.doc.toString();
    if (current === value) return;
    pushing.current = true;
    try {
      editor.dispatch({ changes: { from: 0, to: current.length, insert: value } });
    } finally {
      pushing.current = false;
    }
  }, [value]);

  return <div className="program-editor" ref={host} />;
}
