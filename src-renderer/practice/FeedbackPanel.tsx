/**
 * The verdict, announced politely to screen readers. The live region is always in the page (empty
 * before the first answer) so that its first content is announced too.
 */
import type { SubmitResult } from '../../src-main/api/contract.std.js';
import { MathText } from '../math/MathText.js';
import { messageDetail, VERDICT_TEXT } from './verdict-text.js';

/** "read as 12" → "Read as 12." */
const sentence = (text: string): string => `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'}`;

const ICONS = { success: '✓', almost: '≈', miss: '✗', neutral: '?' } as const;

interface Props {
  result: SubmitResult | null;
  /** What was sent for `result`. */
  answer: string | null;
  /** False when the server's "read as" only repeats the line under the answer box. */
  showReadAs: boolean;
  revealed: string | null;
  error: string | null;
}

export function FeedbackPanel({ result, answer, showReadAs, revealed, error }: Props) {
  const text = result === null ? null : VERDICT_TEXT[result.verdict];
  const detail = result === null ? '' : messageDetail(result.message);
  return (
    <div
      className={`feedback${text === null ? '' : ` tone-${text.tone}`}`}
      role="status"
      aria-live="polite"
      data-testid="feedback"
      data-verdict={result?.verdict ?? ''}
    >
      {result !== null && text !== null && (
        <>
          <p className="feedback-headline">
            <span className="feedback-icon" aria-hidden="true">
              {ICONS[text.tone]}
            </span>
            {text.headline}
          </p>
          {detail !== '' && <p className="feedback-message">{detail}</p>}
          {result.diagnosis !== null && (
            <p className="feedback-diagnosis" data-testid="diagnosis">
              <MathText text={result.diagnosis} />
            </p>
          )}
          {result.verdict === 'invalid' && <p className="feedback-note">This does not count as an attempt.</p>}
          {showReadAs && result.readAs !== '' && <p className="feedback-read-as">{sentence(result.readAs)}</p>}
          {result.verdict === 'correct' && result.answerText !== null && result.answerText.trim() !== answer?.trim() && (
            <p className="feedback-answer">
              Answer: <MathText text={result.answerText} />
            </p>
          )}
        </>
      )}
      {revealed !== null && (
        <p className="feedback-revealed" data-testid="revealed-answer">
          The answer is <strong><MathText text={revealed} /></strong>
        </p>
      )}
      {error !== null && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
