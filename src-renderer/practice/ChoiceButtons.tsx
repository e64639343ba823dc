/** Multiple choice: one button per option, lettered A, B, C… (keys 1–9 and A–E work too). */
import type { RefObject } from 'react';
import type { VerdictKindView } from '../../src-main/api/contract.std.js';
import { MathText } from '../math/MathText.js';
import { choiceLetter } from './shortcuts.js';

interface Props {
  choices: string[];
  onChoose: (choice: string) => void;
  disabled: boolean;
  /** The option last sent, and how it was graded: that option is marked. */
  lastAnswer: string | null;
  verdict: VerdictKindView | null;
  firstRef: RefObject<HTMLElement | null>;
}

export function ChoiceButtons({ choices, onChoose, disabled, lastAnswer, verdict, firstRef }: Props) {
  return (
    <div className="choices" role="group" aria-label="Options" data-testid="choices">
      {choices.map((choice, i) => {
        const picked = choice === lastAnswer && verdict !== null;
        const state = picked ? (verdict === 'correct' ? ' is-correct' : verdict === 'invalid' ? '' : ' is-wrong') : '';
        return (
          <button
            key={`${i}:${choice}`}
            type="button"
            ref={i === 0 ? (el) => void (firstRef.current = el) : undefined}
            className={`choice${state}`}
            onClick={() => onChoose(choice)}
            disabled={disabled || (picked && verdict === 'wrong')}
            aria-keyshortcuts={`${i + 1} ${choiceLetter(i)}`}
            data-testid={`choice-${i}`}
            data-choice={choice}
          >
            <span className="choice-letter" aria-hidden="true">
              {choiceLetter(i)}
            </span>
            <MathText text={choice} />
          </button>
        );
      })}
    </div>
  );
}
