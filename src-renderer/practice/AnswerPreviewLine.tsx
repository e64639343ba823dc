/** The "read as …" line under the answer box (described-by the box, not a live region: it changes per key). */
import { mathToHtml } from '../math/math-html.js';
import type { AnswerPreview } from './answer-preview.js';

export function AnswerPreviewLine({ id, preview, note }: { id: string; preview: AnswerPreview; note: string | null }) {
  return (
    <p id={id} className={`read-as read-as-${preview.kind}`} data-testid="read-as">
      {note !== null ? (
        note
      ) : preview.kind === 'math' ? (
        <>
          Read as <span className="math" dangerouslySetInnerHTML={{ __html: mathToHtml(preview.latex, false) }} />
        </>
      ) : (
        `${preview.text.charAt(0).toUpperCase()}${preview.text.slice(1)}`
      )}
    </p>
  );
}
