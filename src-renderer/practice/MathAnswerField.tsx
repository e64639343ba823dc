/**
 * A MathLive `<math-field>` (value: LaTeX) created imperatively: React renders only its host, so
 * no JSX typing of the custom element is needed and MathLive's own DOM is left alone.
 */
import { useEffect, useRef, useState, type RefObject } from 'react';
import type { MathfieldElement } from 'mathlive';
import { loadMathfield } from './load-mathlive.js';

interface Props {
  id: string;
  value: string;
  onChange: (latex: string) => void;
  onEnter: () => void;
  readOnly: boolean;
  describedBy: string;
  fieldRef: RefObject<HTMLElement | null>;
}

export function MathAnswerField({ id, value, onChange, onEnter, readOnly, describedBy, fieldRef }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const [field, setField] = useState<MathfieldElement | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  // Latest callbacks for the element's listeners, which are attached once.
  const handlers = useRef({ onChange, onEnter });
  handlers.current = { onChange, onEnter };
  const initialValue = useRef(value);

  useEffect(() => {
    let live = true;
    let created: MathfieldElement | null = null;
    loadMathfield().then(
      (Element) => {
        if (!live || host.current === null) return;
        const mf = new Element();
        mf.id = id;
        mf.value = initialValue.current;
        mf.smartFence = true;
        mf.setAttribute('aria-describedby', describedBy);
        mf.setAttribute('aria-label', 'Your answer');
        mf.dataset.testid = 'math-answer';
        mf.className = 'math-answer';
        mf.addEventListener('input', (event) => {
          // MathLive reports Return as an input event of type insertLineBreak: that is "submit".
          if (event instanceof InputEvent && event.inputType === 'insertLineBreak') handlers.current.onEnter();
          else handlers.current.onChange(mf.value);
        });
        host.current.append(mf);
        created = mf;
        fieldRef.current = mf;
        setField(mf);
        mf.focus();
      },
      (error: unknown) => live && setFailed(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      live = false;
      if (created !== null) {
        if (fieldRef.current === created) fieldRef.current = null;
        created.remove();
      }
    };
  }, [id, describedBy, fieldRef]);

  useEffect(() => {
    if (field !== null) field.readOnly = readOnly;
  }, [field, readOnly]);

  if (failed !== null) {
    return (
      <p className="error-text" role="alert">
        The math editor could not start ({failed}); use “Plain text”.
      </p>
    );
  }
  return (
    <div ref={host} className="math-answer-host" aria-busy={field === null}>
      {field === null && <span className="loading-line">Loading the math editor…</span>}
    </div>
  );
}
