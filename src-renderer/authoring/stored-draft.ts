/**
 * The draft in progress, remembered in localStorage, so going to the Library and back (or a reload) does not
 * lose the author's work. Anything stored that does not look like a draft is ignored.
 */
import type { NumberSpan } from '../../src-main/authoring/authoring-types.std.js';
import { readStored, writeStored } from '../app/local-store.js';
import type { StoredDraft } from './draft.js';

const KEY = 'infinitymath.authoring.draft';

export type { StoredDraft } from './draft.js';

function isSpan(v: unknown): v is NumberSpan {
  if (typeof v !== 'object' || v === null) return false;
  const s = v as Record<string, unknown>;
  return typeof s.start === 'number' && typeof s.end === 'number' && typeof s.text === 'string' && typeof s.value === 'number' && typeof s.name === 'string' && typeof s.masked === 'boolean' && typeof s.kind === 'string';
}

function isDraft(v: unknown): v is StoredDraft {
  if (typeof v !== 'object' || v === null) return false;
  const d = v as Record<string, unknown>;
  return (
    typeof d.problemInput === 'string' &&
    typeof d.answer === 'string' &&
    (d.problem === null || typeof d.problem === 'string') &&
    Array.isArray(d.spans) &&
    d.spans.every(isSpan) &&
    typeof d.program === 'string' &&
    typeof d.ranges === 'object' &&
    d.ranges !== null &&
    Array.isArray(d.criteria) &&
    d.criteria.every((c) => typeof c === 'string') &&
    (d.savedId === null || typeof d.savedId === 'string')
  );
}

export function readDraft(): StoredDraft | null {
  return readStored(KEY, isDraft);
}

export function writeDraft(draft: StoredDraft | null): void {
  writeStored(KEY, draft);
}
