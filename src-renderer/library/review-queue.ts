/**
 * The review queue's pure rules: which template j/k lead to, and which key does what. The position
 * travels in the URL (`at`); the view's rows are asked for by offset, so the queue is the filter.
 */
import type { LibraryRow } from '../../src-main/api/library-contract.std.js';

export type QueueKey = 'next' | 'prev' | 'approve' | 'flag' | 'edit' | 'back';

/** The queue's action for a key press (no modifiers), or null. */
export function queueKey(event: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean }): QueueKey | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  switch (event.key) {
    case 'j':
      return 'next';
    case 'k':
      return 'prev';
    case 'a':
      return 'approve';
    case 'f':
      return 'flag';
    case 'e':
      return 'edit';
    case 'Escape':
      return 'back';
    default:
      return null;
  }
}

/**
 * Where "next" goes, given the rows at offset `position` (two of them, asked for with limit 2).
 * If the current template is still at `position`, next is the row after it; if it left the view
 * (approving inside a "not reviewed" filter does that), the row now at `position` is the next one.
 */
export function nextInQueue(currentId: string, position: number, rows: readonly Pick<LibraryRow, 'id'>[]): { id: string; position: number } | null {
  const [here, after] = rows;
  if (here === undefined) return null;
  if (here.id === currentId) return after === undefined ? null : { id: after.id, position: position + 1 };
  return { id: here.id, position };
}

/** "12 of 340 in this view" (positions are 0-based in the URL, 1-based on screen). */
export function queueText(position: number | null, total: number | null): string {
  if (total === null) return '';
  if (position === null || position >= total) return `${total.toLocaleString('en-US')} in this view`;
  return `${(position + 1).toLocaleString('en-US')} of ${total.toLocaleString('en-US')} in this view`;
}
