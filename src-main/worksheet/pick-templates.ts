/**
 * "20 fractions problems": which templates, and how many of each, for a sheet made from a topic. Seeded,
 * so `--topic fractions --count 20 --seed 7` always chooses the same templates; the chosen items are
 * ordered easy to hard (difficulty, then grade, then id), the way a teacher orders a sheet.
 */
import { createRng } from '../sampling/rng.js';
import type { Template } from '../template/template.types.js';
import type { WorksheetItem } from './worksheet-spec.std.js';

function byEase(a: Template, b: Template): number {
  return (a.difficulty ?? 2) - (b.difficulty ?? 2) || (a.grade?.min ?? 0) - (b.grade?.min ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Templates whose `topic` or `strand` is `topic` (case-insensitive), sorted by id. */
export function templatesForTopic(templates: readonly Template[], topic: string): Template[] {
  const want = topic.trim().toLowerCase();
  return templates.filter((t) => t.topic?.toLowerCase() === want || t.strand?.toLowerCase() === want).sort((a, b) => (a.id < b.id ? -1 : 1));
}

/**
 * `count` problems from `templates`: as many different templates as possible (a seeded choice when there
 * are more templates than problems), the rest spread evenly.
 */
export function pickItems(templates: readonly Template[], count: number, seed: number): WorksheetItem[] {
  if (templates.length === 0) throw new Error('pickItems: no templates to choose from');
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`pickItems: count must be a whole number ≥ 1, got ${count}`);
  const sorted = [...templates].sort((a, b) => (a.id < b.id ? -1 : 1));
  const rng = createRng('worksheet/pick', seed);
  // Fisher–Yates on the id-sorted list: the choice depends on the seed, never on the input order.
  for (let i = sorted.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [sorted[i], sorted[j]] = [sorted[j] as Template, sorted[i] as Template];
  }
  const chosen = sorted.slice(0, Math.min(count, sorted.length));
  const base = Math.floor(count / chosen.length);
  const extra = count % chosen.length;
  const counts = new Map(chosen.map((t, i) => [t.id, base + (i < extra ? 1 : 0)]));
  return chosen.sort(byEase).map((t) => ({ templateId: t.id, count: counts.get(t.id) ?? base }));
}
