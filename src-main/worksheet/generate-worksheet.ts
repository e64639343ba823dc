/**
 * From a worksheet spec to its problems: for every item, a pool of candidate instances is drawn from
 * seeds that depend only on (sheet seed, template id, which occurrence of that template, reroll), then
 * duplicates are dropped (inside the sheet and across its versions) and the rest dealt to the versions
 * with balanced difficulty (balance.std.ts). Locked items use their stored seeds as they are.
 *
 * Deterministic: seeded streams, candidates processed in item order, ties broken by seed, no clock.
 * Seeds do not depend on an item's position, so reordering the items keeps every problem's numbers.
 */
import { generateInstances } from '../engine/generate.js';
import { prepareTemplate, type PreparedTemplate } from '../engine/prepared-template.js';
import type { SandboxPool } from '../sandbox/pool.js';
import { createRng } from '../sampling/rng.js';
import type { Instance, Template } from '../template/template.types.js';
import { assignBalanced, spreadOf, versionMeans } from './balance.std.js';
import { measureInstance, type DifficultyMetrics } from './difficulty.std.js';
import type { GeneratedWorksheet, ItemBalance, WorksheetVersion } from './worksheet-types.std.js';
import { parseWorksheetSpec, versionLabel, type WorksheetSpec, type WorksheetSpecInput } from './worksheet-spec.std.js';

export type TemplateLookup = (id: string) => Template | undefined;

export function templateLookup(templates: readonly Template[]): TemplateLookup {
  const byId = new Map(templates.map((t) => [t.id, t]));
  return (id) => byId.get(id);
}

/** Candidates per round, as a multiple of the problems the item needs: room to choose similar ones. */
const POOL_FACTOR = 3;
/** Extra rounds of candidates when duplicates or rejected draws leave too few. */
const MAX_ROUNDS = 4;
const SEED_MAX = 2 ** 31 - 1;

interface Candidate {
  seed: number;
  instance: Instance;
  metrics: DifficultyMetrics;
  key: string;
}

/**
 * What makes two problems "the same": the template and its values, leaving out word-list values
 * (names, items), which change the story but not the mathematics.
 */
function duplicateKey(prepared: PreparedTemplate, instance: Instance): string {
  const names = Object.keys(instance.values)
    .filter((name) => prepared.domains[name]?.kind !== 'list')
    .sort();
  return `${instance.templateId}\u0000${JSON.stringify(names.map((n) => [n, instance.values[n]]))}`;
}

function candidateSeeds(spec: WorksheetSpec, templateId: string, occurrence: number, reroll: number, round: number, n: number): number[] {
  const rng = createRng(`worksheet/${templateId}`, spec.seed).fork(`occurrence-${occurrence}/reroll-${reroll}/round-${round}`);
  return Array.from({ length: n }, () => rng.int(1, SEED_MAX));
}

async function drawCandidates(pool: SandboxPool, prepared: PreparedTemplate, seeds: readonly number[], signal?: AbortSignal): Promise<Candidate[]> {
  const report = await generateInstances(pool, prepared, seeds, signal ? { signal } : {});
  return report.outcomes.flatMap((o) =>
    o.instance ? [{ seed: o.seed, instance: o.instance, metrics: measureInstance(o.instance, prepared.template.program), key: duplicateKey(prepared, o.instance) }] : [],
  );
}

export interface GenerateWorksheetOptions {
  signal?: AbortSignal;
}

export async function generateWorksheet(
  pool: SandboxPool,
  specInput: WorksheetSpecInput | WorksheetSpec,
  lookup: TemplateLookup,
  opts: GenerateWorksheetOptions = {},
): Promise<GeneratedWorksheet> {
  const spec = parseWorksheetSpec(specInput);
  const V = spec.versions;
  const missing = [...new Set(spec.items.map((i) => i.templateId).filter((id) => lookup(id) === undefined))];
  if (missing.length > 0) throw new Error(`worksheet: no template with id ${missing.map((m) => `"${m}"`).join(', ')}`);

  const ids = [...new Set(spec.items.map((i) => i.templateId))].sort();
  const preparedList = await Promise.all(ids.map((id) => prepareTemplate(pool, lookup(id) as Template)));
  const prepared = new Map(preparedList.map((p) => [p.template.id, p]));
  const prep = (id: string): PreparedTemplate => prepared.get(id) as PreparedTemplate;

  // Which occurrence of its template each item is (the second "pizza" item gets its own stream).
  const seen = new Map<string, number>();
  const occurrence = spec.items.map((item) => {
    const n = seen.get(item.templateId) ?? 0;
    seen.set(item.templateId, n + 1);
    return n;
  });

  // Draw everything first (in parallel: the pool schedules), then decide in item order.
  const firstRound = await Promise.all(
    spec.items.map((item, i) => {
      const p = prep(item.templateId);
      if (item.locked) return drawCandidates(pool, p, item.locked.flat(), opts.signal);
      return drawCandidates(pool, p, candidateSeeds(spec, item.templateId, occurrence[i] ?? 0, item.reroll ?? 0, 0, POOL_FACTOR * V * item.count), opts.signal);
    }),
  );

  const used = new Set<string>();
  const assigned: Candidate[][][] = spec.items.map(() => []);
  // Locked items first: their problems are fixed, so the others must avoid them.
  spec.items.forEach((item, i) => {
    if (!item.locked) return;
    const bySeed = new Map((firstRound[i] ?? []).map((c) => [c.seed, c]));
    assigned[i] = item.locked.map((seeds) =>
      seeds.map((seed) => {
        const c = bySeed.get(seed);
        if (!c) throw new Error(`worksheet: item ${i + 1} (${item.templateId}) is locked to seed ${seed}, which no longer gives a valid problem; regenerate the item`);
        used.add(c.key);
        return c;
      }),
    );
  });
  for (const [i, item] of spec.items.entries()) {
    if (item.locked) continue;
    const p = prep(item.templateId);
    const need = V * item.count;
    const fresh: Candidate[] = [];
    const taken = new Set<string>();
    const take = (list: readonly Candidate[]): void => {
      for (const c of list) {
        if (used.has(c.key) || taken.has(c.key)) continue;
        taken.add(c.key);
        fresh.push(c);
      }
    };
    take(firstRound[i] ?? []);
    for (let round = 1; fresh.length < need && round < MAX_ROUNDS; round++) {
      take(await drawCandidates(pool, p, candidateSeeds(spec, item.templateId, occurrence[i] ?? 0, item.reroll ?? 0, round, POOL_FACTOR * need), opts.signal));
    }
    if (fresh.length < need) {
      const reason = fresh.length === 0 && (firstRound[i] ?? []).length === 0 ? ': the template gives no valid problem (see infinitymath audit)' : '';
      throw new Error(
        `worksheet: item ${i + 1} (${item.templateId}) needs ${need} different problems (${V} version(s) × ${item.count}) but only ${fresh.length} could be drawn${reason}; lower its count or the number of versions`,
      );
    }
    const dealt = assignBalanced(fresh, V, item.count);
    for (const list of dealt) for (const c of list) used.add(c.key);
    // Within a version, problems of one item in seed order: the order the teacher sees is stable.
    assigned[i] = dealt.map((list) => [...list].sort((a, b) => a.seed - b.seed));
  }

  const versions: WorksheetVersion[] = Array.from({ length: V }, (_, v) => {
    let number = 0;
    const problems = spec.items.flatMap((_item, i) =>
      (assigned[i]?.[v] ?? []).map((c) => ({ number: ++number, itemIndex: i, instance: c.instance, metrics: c.metrics })),
    );
    return { index: v, label: versionLabel(v), problems };
  });
  const balance: ItemBalance[] = spec.items.map((item, i) => {
    const perItem = assigned[i] ?? [];
    return { itemIndex: i, templateId: item.templateId, locked: item.locked !== undefined, perVersion: versionMeans(perItem), spread: spreadOf(perItem) };
  });
  const seeds = assigned.map((perVersion) => perVersion.map((list) => list.map((c) => c.seed)));
  return { spec, versions, balance, seeds };
}
