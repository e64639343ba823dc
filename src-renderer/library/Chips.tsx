/** Small coloured labels for a template's health and review state (colour plus a word: never colour alone). */
import type { ReviewStateView, TemplateHealth } from '../../src-main/api/library-contract.std.js';

const STATUS_TEXT: Record<TemplateHealth, string> = { unknown: 'not audited', healthy: 'healthy', warning: 'warning', broken: 'broken' };
const REVIEW_TEXT: Record<ReviewStateView, string> = { none: '—', approved: 'approved', flagged: 'flagged', rejected: 'rejected' };

export function StatusChip({ status }: { status: TemplateHealth }) {
  return (
    <span className={`chip chip-status-${status}`} data-status={status}>
      {STATUS_TEXT[status]}
    </span>
  );
}

export function ReviewChip({ review }: { review: ReviewStateView }) {
  if (review === 'none') return <span className="review-none">{REVIEW_TEXT.none}</span>;
  return (
    <span className={`chip chip-review-${review}`} data-review={review}>
      {REVIEW_TEXT[review]}
    </span>
  );
}
