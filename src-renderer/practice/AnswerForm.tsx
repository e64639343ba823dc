/**
 * Typed answers: a plain box that accepts what students write (`1,250`, `1 3/4`, `75%`, `$12.50`,
 * `12 cm`, `\frac{3}{4}`…), the unit beside it, and how the input was read so far. Expression
 * answers also get a MathLive editor, with the plain box one click away. Enter submits.
 */
import { useId, useMemo, useState, type RefObject } from 'react';
import type { AnswerFormat } from '../../src-main/template/template.types.js';
import { answerPreview } from './answer-preview.js';
import { AnswerPreviewLine } from './AnswerPreviewLine.js';
import { MathAnswerField } from './MathAnswerField.js';
import { canSubmit, isFinished, type PracticeState } from './practice-state.js';
import { unitText } from './unit-text.js';

interface Props {
  format: AnswerFormat;
  unit: string | null;
  value: string;
  onChange: (value: string) => void;
  onSubmit: () => void;
  state: PracticeState;
  inputRef: RefObject<HTMLElement | null>;
}

type Editor = 'math' | 'plain';

export function AnswerForm({ format, unit, value, onChange, onSubmit, state, inputRef }: Props) {
  const ids = { input: useId(), preview: useId() };
  const [editor, setEditor] = useState<Editor>(format === 'expression' ? 'math' : 'plain');
  const finished = isFinished(state);
  const preview = useMemo(() => answerPreview(value, format), [value, format]);
  const unchanged = !finished && state.result !== null && state.result.verdict !== 'invalid' && value === state.lastAnswer;
  const note = unchanged ? 'Change your answer, then check it again.' : null;

  const switchEditor = (next: Editor): void => {
    setEditor(next);
    // The new field mounts after this render; focus it then.
    requestAnimationFrame(() => inputRef.current?.focus());
  };

  return (
    <form
      className="answer-form"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
      noValidate
    >
      <div className="answer-label-row">
        <label htmlFor={ids.input}>Your answer</label>
        {format === 'expression' && (
          <div className="editor-toggle" role="group" aria-label="How to enter the answer">
            <button type="button" aria-pressed={editor === 'math'} onClick={() => switchEditor('math')} data-testid="editor-math">
              Math editor
            </button>
            <button type="button" aria-pressed={editor === 'plain'} onClick={() => switchEditor('plain')} data-testid="editor-plain">
              Plain text
            </button>
          </div>
        )}
      </div>
      <div className={`answer-row${finished ? ' is-finished' : ''}`}>
        {editor === 'math' ? (
          <MathAnswerField
            id={ids.input}
            value={value}
            onChange={onChange}
            onEnter={onSubmit}
            readOnly={finished}
            describedBy={ids.preview}
            fieldRef={inputRef}
          />
        ) : (
          <input
            id={ids.input}
            ref={(el) => void (inputRef.current = el)}
            className="answer-input"
            value={value}
            onChange={(e) => onChange(e.target.value)}
            readOnly={finished}
            autoComplete="off"
            autoCorrect="off"
            autoCapitalize="off"
            spellCheck={false}
            aria-describedby={ids.preview}
            aria-invalid={preview.kind === 'invalid'}
            data-testid="answer-input"
          />
        )}
        {unit !== null && unit !== '' && <span className="answer-unit">{unitText(unit)}</span>}
        <button type="submit" className="button button-primary" disabled={!canSubmit(state, value)} data-testid="submit">
          {state.busy === 'check' ? 'Checking…' : 'Check'}
        </button>
      </div>
      <AnswerPreviewLine id={ids.preview} preview={editor === 'math' && preview.kind === 'math' ? { kind: 'hint', text: '' } : preview} note={note} />
    </form>
  );
}
