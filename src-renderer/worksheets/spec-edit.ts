/**
 * Editing a worksheet spec in the builder: pure functions over the spec (the engine's own spec functions
 * regenerate, lock and unlock an item). A draft may have no items yet; everything else is always valid, so
 * the preview can be asked for as soon as there is one item.
 */
import { MAX_VERSIONS, type WorksheetItem, type WorksheetSpec } from '../../src-main/worksheet/worksheet-spec.std.js';

/** A new sheet: the engine's defaults and a fresh random seed. */
export function newSpec(seed: number = randomSeed()): WorksheetSpec {
  return {
    title: 'Worksheet',
    instructions: 'Show your working.',
    nameLine: true,
    columns: 1,
    workingSpace: 'small',
    fontSize: 12,
    paper: 'A4',
    versions: 1,
    seed,
    items: [],
    key: 'appended',
    workedSolutions: false,
  };
}

export function randomSeed(): number {
  const buf = new Uint32Array(1);
  crypto.getRandomValues(buf);
  // 1 … 2^31 − 1: short enough to read off a printed footer.
  return ((buf[0] ?? 1) % 2_147_483_646) + 1;
}

export function addItem(spec: WorksheetSpec, templateId: string, count = 1): WorksheetSpec {
  return { ...spec, items: [...spec.items, { templateId, count }] };
}

export function removeItem(spec: WorksheetSpec, index: number): WorksheetSpec {
  return { ...spec, items: spec.items.filter((_, i) => i !== index) };
}

/** Moves item `from` to position `to` (both 0-based; out-of-range moves change nothing). */
export function moveItem(spec: WorksheetSpec, from: number, to: number): WorksheetSpec {
  if (from === to || from < 0 || to < 0 || from >= spec.items.length || to >= spec.items.length) return spec;
  const items = [...spec.items];
  const [moved] = items.splice(from, 1);
  if (moved === undefined) return spec;
  items.splice(to, 0, moved);
  return { ...spec, items };
}

function unlocked(item: WorksheetItem): WorksheetItem {
  const copy = { ...item };
  delete copy.locked;
  return copy;
}

/** A new count for one item; a locked item is unlocked (its lock holds exactly `count` seeds per version). */
export function setItemCount(spec: WorksheetSpec, index: number, count: number): WorksheetSpec {
  const clean = Math.max(1, Math.min(100, Math.round(count)));
  return { ...spec, items: spec.items.map((it, i) => (i === index ? { ...unlocked(it), count: clean } : it)) };
}

/** A new number of versions; locks hold seeds per version, so locked items are unlocked (and counted). */
export function setVersions(spec: WorksheetSpec, versions: number): { spec: WorksheetSpec; unlocked: number } {
  const clean = Math.max(1, Math.min(MAX_VERSIONS, Math.round(versions)));
  if (clean === spec.versions) return { spec, unlocked: 0 };
  const n = spec.items.filter((it) => it.locked !== undefined).length;
  return { spec: { ...spec, versions: clean, items: spec.items.map(unlocked) }, unlocked: n };
}

/** Problems on each version. */
export function problemCount(spec: WorksheetSpec): number {
  return spec.items.reduce((sum, it) => sum + it.count, 0);
}
