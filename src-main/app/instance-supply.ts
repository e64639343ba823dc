/**
 * Instances for practice: served from the stored pool (so the first problem appears before Pyodide
 * is even warm), generated on demand when a learner has seen every stored one, and topped up in the
 * background. Because `(template, seed)` always yields the same instance, a stored instance and a
 * regenerated one are interchangeable.
 */
import fs from 'node:fs';
import { generateInstances } from '../engine/generate.js';
import { prepareTemplate, type PreparedTemplate } from '../engine/prepared-template.js';
import type { SandboxPool } from '../sandbox/pool.js';
import type { WriteDb } from '../storage/db-handles.js';
import { getInstance, getInstances, putInstances } from '../storage/instances.repo.js';
import { getTemplate } from '../storage/templates.repo.js';
import type { Instance } from '../template/template.types.js';

export class InstanceSupply {
  private readonly prepared = new Map<string, Promise<PreparedTemplate>>();

  constructor(
    private readonly db: WriteDb,
    private readonly pool: () => Promise<SandboxPool>,
  ) {}

  private async preparedFor(templateId: string): Promise<PreparedTemplate> {
    let p = this.prepared.get(templateId);
    if (!p) {
      const stored = getTemplate(this.db, templateId);
      if (!stored) throw new Error(`no template "${templateId}"`);
      p = this.pool().then((pool) => prepareTemplate(pool, stored.template));
      this.prepared.set(templateId, p);
      p.catch(() => this.prepared.delete(templateId));
    }
    return p;
  }

  /** The stored instance, or the same one regenerated from its seed. */
  async get(templateId: string, seed: number): Promise<Instance> {
    const stored = getInstance(this.db, templateId, seed);
    if (stored) return stored;
    const made = await this.generate(templateId, [seed]);
    const inst = made[0];
    if (!inst) throw new Error(`template "${templateId}" gives no valid instance for seed ${seed}`);
    return inst;
  }

  /** An instance of `templateId` whose seed is not in `seen`; generates more when the stored ones are used up. */
  async fresh(templateId: string, seen: ReadonlySet<number>): Promise<Instance> {
    const stored = getInstances(this.db, templateId, 200);
    const unseen = stored.find((i) => !seen.has(i.seed));
    if (unseen) return unseen;
    const maxSeed = Math.max(0, ...stored.map((i) => i.seed), ...seen);
    const made = await this.generate(templateId, Array.from({ length: 5 }, (_, i) => maxSeed + 1 + i));
    const first = made.find((i) => !seen.has(i.seed));
    if (!first) throw new Error(`template "${templateId}" gives no valid instance`);
    return first;
  }

  async generate(templateId: string, seeds: number[]): Promise<Instance[]> {
    const prepared = await this.preparedFor(templateId);
    const report = await generateInstances(await this.pool(), prepared, seeds);
    const instances = report.outcomes.flatMap((o) => (o.instance ? [o.instance] : []));
    putInstances(this.db, instances);
    return instances;
  }

  /** Tops up every template that has fewer than `perTemplate` stored instances. */
  async fill(templateIds: readonly string[], perTemplate: number, signal?: AbortSignal): Promise<void> {
    const counts = new Map(
      (this.db.prepare('SELECT template_id AS id, count(*) AS n FROM instances GROUP BY template_id').all() as { id: string; n: number }[]).map((r) => [r.id, r.n]),
    );
    const todo = templateIds.filter((id) => (counts.get(id) ?? 0) < perTemplate);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < todo.length && !signal?.aborted) {
        const id = todo[next++];
        if (!id) return;
        const have = counts.get(id) ?? 0;
        try {
          await this.generate(id, Array.from({ length: perTemplate - have }, (_, i) => have + 1 + i));
        } catch {
          // A template that cannot produce instances is the audit's business, not the practice loop's.
        }
      }
    };
    const size = (await this.pool()).size;
    await Promise.all(Array.from({ length: size * 2 }, worker));
  }

  /** Loads instances generated at build time (dist/starter-instances.jsonl) for templates that have none. */
  loadShipped(file: string): number {
    if (!fs.existsSync(file)) return 0;
    const have = new Set((this.db.prepare('SELECT DISTINCT template_id AS id FROM instances').all() as { id: string }[]).map((r) => r.id));
    const known = new Set((this.db.prepare('SELECT id FROM templates').pluck().all() as string[]));
    const rows: Instance[] = [];
    for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const inst = JSON.parse(line) as Instance;
      if (known.has(inst.templateId) && !have.has(inst.templateId)) rows.push(inst);
    }
    if (rows.length > 0) putInstances(this.db, rows);
    return rows.length;
  }

  /** Drops prepared programs (after the library was restored from a backup, a template may differ). */
  forget(): void {
    this.prepared.clear();
  }
}
