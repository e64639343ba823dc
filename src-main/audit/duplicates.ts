/**
 * Duplicate and near-duplicate templates, fast enough for 100k templates in one pass.
 *
 * - Duplicate: the same normalized problem (see normalize-text.ts). The earlier template is the
 *   original; the program is compared too, so the reason tells "same program" from "different program".
 * - Near-duplicate: word 3-shingles of the normalized problem with a Jaccard similarity ≥ `threshold`
 *   (0.85: one word changed in a 40-word problem; lower caught "a × 10,000 + …" against "a × 1,000,000 + …").
 *   Candidates come from MinHash locality-sensitive hashing (32 hashes in 8 bands of 4), and every
 *   candidate is confirmed with the exact Jaccard of the two shingle sets, so a reported similarity
 *   is never an estimate. With bands of 4, pairs at 0.85 are candidates with probability ≥ 0.99.
 */

export interface DuplicateDoc {
  id: string;
  /** Normalized problem words (`problemWords`). */
  words: readonly string[];
  /** Normalized program (`normalizeProgram`). */
  program: string;
}

export interface DuplicateMatch {
  /** The earlier template this one repeats. */
  of: string;
  kind: 'duplicate' | 'near-duplicate';
  /** Jaccard similarity of the word shingles (1 for duplicates). */
  similarity: number;
  samePrograms: boolean;
  reason: string;
}

export interface DuplicateOptions {
  /** Least Jaccard similarity of word 3-shingles for a near-duplicate. */
  threshold?: number;
  /** Shorter problems (in words) are only compared exactly: a few words say too little to be "near". */
  minWords?: number;
}

const HASHES = 32;
const ROWS = 4;
const BANDS = HASHES / ROWS;
/** Candidates confirmed per template at most: a huge bucket of unrelated texts must not go quadratic. */
const MAX_CHECKS = 64;

const SEEDS = Uint32Array.from({ length: HASHES }, (_, i) => fmix32((i + 1) * 0x9e3779b1));
// Odd multipliers: shingle hashes are already well mixed (fmix32), so one xor-multiply-shift per hash
// function is enough of a permutation for MinHash, at a third of the cost of a full fmix32.
const MULTS = Uint32Array.from({ length: HASHES }, (_, i) => (fmix32((i + 7) * 0x85ebca6b) | 1) >>> 0);

function fmix32(h0: number): number {
  let h = h0 >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Sorted, distinct 32-bit hashes of the word 3-shingles (the whole text when shorter). */
export function shingleSet(words: readonly string[]): Uint32Array {
  const hashes = words.map(fnv1a);
  const out: number[] = [];
  if (hashes.length < 3) {
    out.push(fmix32(hashes.reduce((h, w) => Math.imul(h ^ w, 0x01000193), 0x811c9dc5)));
  } else {
    for (let i = 0; i + 2 < hashes.length; i++) {
      out.push(fmix32(((hashes[i] ?? 0) ^ Math.imul(hashes[i + 1] ?? 0, 0x5bd1e995) ^ Math.imul(hashes[i + 2] ?? 0, 0x1b873593)) >>> 0));
    }
  }
  const sorted = Uint32Array.from(out).sort();
  let n = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[n - 1]) sorted[n++] = sorted[i] ?? 0;
  return sorted.subarray(0, n);
}

/** Exact Jaccard similarity of two sorted distinct sets. */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let both = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] ?? 0;
    const y = b[j] ?? 0;
    if (x === y) {
      both++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  const union = a.length + b.length - both;
  return union === 0 ? 1 : both / union;
}

/** One number per band: the band's 4 minimum hashes mixed into 32 bits, offset by the band (no strings at 100k × 8). */
function bandKeys(shingles: Uint32Array): number[] {
  const mins = new Uint32Array(HASHES).fill(0xffffffff);
  for (let i = 0; i < shingles.length; i++) {
    const s = shingles[i] ?? 0;
    for (let k = 0; k < HASHES; k++) {
      let h = Math.imul(s ^ (SEEDS[k] ?? 0), MULTS[k] ?? 1);
      h = (h ^ (h >>> 15)) >>> 0;
      if (h < (mins[k] ?? 0)) mins[k] = h;
    }
  }
  const keys: number[] = [];
  for (let b = 0; b < BANDS; b++) {
    let h = 0x9747b28c;
    for (let r = 0; r < ROWS; r++) h = fmix32(h ^ Math.imul(mins[b * ROWS + r] ?? 0, 0xcc9e2d51));
    keys.push(b * 0x100000000 + h);
  }
  return keys;
}

function pct(x: number): string {
  return `${Math.floor(x * 100)}%`;
}

/**
 * Duplicates among `docs`, which must be in library order (earliest first): each match points to an
 * earlier document. Documents that are the first of their kind get no entry.
 */
export function findDuplicates(docs: readonly DuplicateDoc[], opts: DuplicateOptions = {}): Map<string, DuplicateMatch> {
  const threshold = opts.threshold ?? 0.85;
  const minWords = opts.minWords ?? 6;
  if (!(threshold > 0 && threshold <= 1)) throw new RangeError(`findDuplicates: threshold must be in (0, 1]; got ${threshold}`);
  const out = new Map<string, DuplicateMatch>();
  const firstByText = new Map<string, { id: string; program: string }>();
  const buckets = new Map<number, number[]>();
  const sets: Uint32Array[] = [];
  const ids: string[] = [];
  const programs: string[] = [];

  for (const doc of docs) {
    const text = doc.words.join(' ');
    const first = firstByText.get(text);
    if (first !== undefined) {
      const same = first.program === doc.program;
      out.set(doc.id, {
        of: first.id,
        kind: 'duplicate',
        similarity: 1,
        samePrograms: same,
        reason: same ? `duplicate of ${first.id}` : `duplicate of ${first.id} (same problem, different program)`,
      });
      continue;
    }
    firstByText.set(text, { id: doc.id, program: doc.program });
    if (doc.words.length < minWords) continue;

    const set = shingleSet(doc.words);
    const keys = bandKeys(set);
    // The earliest confirmed candidate wins: indexes are in library order.
    const candidates: number[] = [];
    for (const key of keys) for (const c of buckets.get(key) ?? []) candidates.push(c);
    let best: { index: number; similarity: number } | undefined;
    let checks = 0;
    let previous = -1;
    for (const c of candidates.sort((a, b) => a - b)) {
      if (c === previous) continue;
      previous = c;
      if (checks++ >= MAX_CHECKS) break;
      const other = sets[c];
      if (other === undefined) continue;
      const similarity = jaccard(set, other);
      if (similarity >= threshold) {
        best = { index: c, similarity };
        break;
      }
    }
    if (best !== undefined) {
      const of = ids[best.index] ?? '';
      out.set(doc.id, {
        of,
        kind: 'near-duplicate',
        similarity: best.similarity,
        samePrograms: programs[best.index] === doc.program,
        reason: `near-duplicate of ${of} (${pct(best.similarity)} the same wording)`,
      });
    }
    // Near-duplicates are indexed too, so a chain of small edits (A → B → C) is still found.
    const index = sets.length;
    sets.push(set);
    ids.push(doc.id);
    programs.push(doc.program);
    for (const key of keys) {
      const bucket = buckets.get(key);
      if (bucket === undefined) buckets.set(key, [index]);
      else if (bucket.length < MAX_CHECKS) bucket.push(index);
    }
  }
  return out;
}
