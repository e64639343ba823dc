/** What to do with the problem: skip it (any time before it is done), try again, reveal, another of the same kind, or next. */
import type { RefObject } from 'react';
import type { Busy } from './practice-state.js';

interface Props {
  retryable: boolean;
  movable: boolean;
  /** Skip is offered (see canSkip). */
  skippable: boolean;
  finished: boolean;
  busy: Busy;
  onTryAgain: () => void;
  onReveal: () => void;
  onAnother: () => void;
  onNext: () => void;
  onSkip: () => void;
  tryAgainRef: RefObject<HTMLButtonElement | null>;
  nextRef: RefObject<HTMLButtonElement | null>;
}

export function PracticeActions(props: Props) {
  const { retryable, movable, finished, busy, skippable } = props;
  if (!retryable && !movable && !skippable) return null;
  const waiting = busy !== null;
  return (
    <div className="practice-actions" role="group" aria-label="What next">
      {movable && (
        <button type="button" ref={props.nextRef} className="button button-primary" onClick={props.onNext} disabled={waiting} aria-keyshortcuts="N" data-testid="next">
          Next <kbd aria-hidden="true">N</kbd>
        </button>
      )}
      {retryable && (
        <button type="button" ref={props.tryAgainRef} className="button" onClick={props.onTryAgain} disabled={waiting} data-testid="try-again">
          Try again
        </button>
      )}
      {retryable && (
        <button type="button" className="button" onClick={props.onReveal} disabled={waiting} data-testid="reveal">
          Reveal answer
        </button>
      )}
      {(retryable || finished) && (
        <button type="button" className="button button-quiet" onClick={props.onAnother} disabled={waiting} data-testid="another">
          Show me another
        </button>
      )}
      {skippable && (
        <button
          type="button"
          className="button button-quiet practice-skip"
          onClick={props.onSkip}
          disabled={waiting}
          aria-keyshortcuts="S"
          title="Leave this one for later: it is not counted as wrong"
          data-testid="skip"
        >
          {busy === 'skip' ? 'Skipping…' : 'Skip'} <kbd aria-hidden="true">S</kbd>
        </button>
      )}
    </div>
  );
}
