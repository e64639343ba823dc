/** What to do after a verdict: try again, reveal, another of the same kind, or next. */
import type { RefObject } from 'react';
import type { Busy } from './practice-state.js';

interface Props {
  retryable: boolean;
  movable: boolean;
  finished: boolean;
  busy: Busy;
  onTryAgain: () => void;
  onReveal: () => void;
  onAnother: () => void;
  onNext: () => void;
  tryAgainRef: RefObject<HTMLButtonElement | null>;
  nextRef: RefObject<HTMLButtonElement | null>;
}

export function PracticeActions(props: Props) {
  const { retryable, movable, finished, busy } = props;
  if (!retryable && !movable) return null;
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
    </div>
  );
}
