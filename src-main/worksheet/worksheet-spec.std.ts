/**
 * What a teacher sets on a worksheet: pure data, validated with zod, so the builder page (renderer) and
 * the engine share one definition. Everything that decides the printed numbers is in here (seed, items,
 * rerolls, locked seeds): the same spec always prints the same sheet.
 */
import { z } from 'zod';

export const MAX_VERSIONS = 26;
export const VERSION_LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

export const worksheetItemSchema = z
  .object({
    templateId: z.string().min(1).max(200),
    /** Problems of this template on each version. */
    count: z.number().int().min(1).max(100),
    /**
     * Bumped by "regenerate this question": it names a fresh random stream for this item only, so the
     * other items keep their numbers.
     */
    reroll: z.number().int().min(0).optional(),
    /**
     * A locked item: the instance seeds per version (`locked[v]` has `count` seeds), so its numbers
     * never change whatever else is edited. Filled by `lockItem` from a generated sheet.
     */
    locked: z.array(z.array(z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER))).optional(),
  })
  .strict();
export type WorksheetItem = z.infer<typeof worksheetItemSchema>;

export const worksheetSpecSchema = z
  .object({
    title: z.string().max(200).default('Worksheet'),
    instructions: z.string().max(2000).default(''),
    /** The "Name ____ Date ____ Class ____" line under the title. */
    nameLine: z.boolean().default(true),
    columns: z.union([z.literal(1), z.literal(2)]).default(1),
    workingSpace: z.enum(['none', 'small', 'large']).default('small'),
    /** Body font size in points. */
    fontSize: z.number().min(8).max(18).default(12),
    paper: z.enum(['A4', 'Letter']).default('A4'),
    versions: z.number().int().min(1).max(MAX_VERSIONS).default(1),
    seed: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
    items: z.array(worksheetItemSchema).min(1).max(200),
    key: z.enum(['none', 'separate', 'appended']).default('appended'),
    /** Worked solutions in the key (a hook: today the key shows final answers only). */
    workedSolutions: z.boolean().default(false),
  })
  .strict()
  .superRefine((spec, ctx) => {
    spec.items.forEach((item, i) => {
      if (item.locked === undefined) return;
      if (item.locked.length !== spec.versions) {
        ctx.addIssue({
          code: 'custom',
          path: ['items', i, 'locked'],
          message: `item ${i + 1} (${item.templateId}) is locked for ${item.locked.length} version(s) but the sheet has ${spec.versions}; regenerate it to unlock`,
        });
        return;
      }
      item.locked.forEach((seeds, v) => {
        if (seeds.length !== item.count) {
          ctx.addIssue({
            code: 'custom',
            path: ['items', i, 'locked', v],
            message: `item ${i + 1} (${item.templateId}) is locked with ${seeds.length} seed(s) for version ${VERSION_LETTERS[v] ?? v} but its count is ${item.count}`,
          });
        }
      });
    });
  });

/** The spec as given by a caller (defaults optional). */
export type WorksheetSpecInput = z.input<typeof worksheetSpecSchema>;
/** The spec with every default filled in. */
export type WorksheetSpec = z.output<typeof worksheetSpecSchema>;

/** Validates a spec; the error names every bad field (`items.2.count: …`). */
export function parseWorksheetSpec(input: unknown): WorksheetSpec {
  const parsed = worksheetSpecSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'spec'}: ${issue.message}`);
  throw new Error(`invalid worksheet: ${lines.join('; ')}`);
}

export function versionLabel(index: number): string {
  const letter = VERSION_LETTERS[index];
  if (letter === undefined) throw new RangeError(`versionLabel: version index ${index} is outside 0..${MAX_VERSIONS - 1}`);
  return letter;
}

function withoutLock(item: WorksheetItem): WorksheetItem {
  const copy = { ...item };
  delete copy.locked;
  return copy;
}

/** "Regenerate this question": new numbers for item `index` only (unlocks it). */
export function regenerateItem(spec: WorksheetSpec, index: number): WorksheetSpec {
  const item = spec.items[index];
  if (item === undefined) throw new RangeError(`regenerateItem: no item ${index} (the sheet has ${spec.items.length})`);
  const items = spec.items.map((it, i) => (i === index ? withoutLock({ ...it, reroll: (item.reroll ?? 0) + 1 }) : it));
  return { ...spec, items };
}

/** "Lock this question": keep exactly the given seeds (per version) for item `index`. */
export function lockItem(spec: WorksheetSpec, index: number, seedsPerVersion: readonly (readonly number[])[]): WorksheetSpec {
  const item = spec.items[index];
  if (item === undefined) throw new RangeError(`lockItem: no item ${index} (the sheet has ${spec.items.length})`);
  const items = spec.items.map((it, i) => (i === index ? { ...it, locked: seedsPerVersion.map((s) => [...s]) } : it));
  return parseWorksheetSpec({ ...spec, items });
}

export function unlockItem(spec: WorksheetSpec, index: number): WorksheetSpec {
  const item = spec.items[index];
  if (item === undefined) throw new RangeError(`unlockItem: no item ${index} (the sheet has ${spec.items.length})`);
  return { ...spec, items: spec.items.map((it, i) => (i === index ? withoutLock(it) : it)) };
}
