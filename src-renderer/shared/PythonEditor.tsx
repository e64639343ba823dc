/**
 * The app's one program editor (the Library's template view and edit form, the Author page): CodeMirror 6
 * with the Python editing of python-editing.ts. Created once per mount; editability and values pushed in
 * from outside (a reset, the model's program) are applied to the live editor, keeping its undo history,
 * and a pushed value is not echoed back as an edit.
 */
import { Compartment, EditorState, type Extension } from '@codemirror/state';
import { EditorView, placeholder as placeholderText } from '@codemirror/view';
import { useEffect, useRef } from 'react';
import { pythonEditing } from './python-editing.js';

interface Props {
  value: string;
  /** The editor's accessible name. */
  label: string;
  /** Read-only (and not focusable) when false. */
  editable?: boolean;
  onChange?: (value: string) => void;
  /** Shown while the program is empty. */
  placeholder?: string;
  /** `data-testid` of the box around the editor. */
  testId?: string;
  /** `data-testid` of the editable text itself (what a test types into). */
  contentTestId?: string;
  /** Extra classes of the box (besides `program-editor`). */
  className?: string;
}

function access(editable: boolean): Extension {
  return [EditorState.readOnly.of(!editable), EditorView.editable.of(editable)];
}

export function PythonEditor({ value, label, editable = true, onChange, placeholder, testId, contentTestId, className }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const accessCompartment = useRef(new Compartment());
  const changeRef = useRef(onChange);
  changeRef.current = onChange;
  // A value pushed in from outside is not an edit: it must not echo back as one.
  const pushing = useRef(false);

  useEffect(() => {
    const el = host.current;
    if (el === null) return;
    const attributes: Record<string, string> = { 'aria-label': label };
    if (contentTestId !== undefined) attributes['data-testid'] = contentTestId;
    const editor = new EditorView({
      parent: el,
      state: EditorState.create({
        doc: value,
        extensions: [
          ...pythonEditing(),
          ...(placeholder !== undefined ? [placeholderText(placeholder)] : []),
          accessCompartment.current.of(access(editable)),
          EditorView.contentAttributes.of(attributes),
          EditorView.updateListener.of((update) => {
            if (update.docChanged && !pushing.current) changeRef.current?.(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
    // Created once; editability and values are pushed in by the effects below.
  }, []);

  useEffect(() => {
    view.current?.dispatch({ effects: accessCompartment.current.reconfigure(access(editable)) });
  }, [editable]);

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

  return <div ref={host} className={`program-editor${className !== undefined ? ` ${className}` : ''}`} data-testid={testId} />;
}
