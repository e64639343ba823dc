/**
 * Shared set-up for the practice tests: a real database file in a temp directory with a few
 * templates (so "still in the library" checks have something to find), a learner, and a fixed clock.
 */
import { openDatabase, type AppDatabase } from '../../src-main/storage/database.js';
import { createLearner } from '../../src-main/storage/learners.repo.js';
import { createPack } from '../../src-main/storage/packs.repo.js';
import { upsertTemplates } from '../../src-main/storage/templates.repo.js';
import { coatTemplate, makeTempDir, type TempDir } from '../storage/storage-fixtures.js';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/** Monday 2 March 2026, 15:00 UTC: the tests' "now" unless they say otherwise. */
export const T0 = Date.UTC(2026, 2, 2, 15, 0, 0);

export interface PracticeDb {
  app: AppDatabase;
  learnerId: number;
  close(): void;
}

/** Opens a fresh library holding templates `ids` (copies of the coat-sale template) and one learner, "Amira". */
export function openPracticeDb(ids: readonly string[] = []): PracticeDb {
  const tmp: TempDir = makeTempDir('imstudio-practice-');
  const app = openDatabase(tmp.file('lib.sqlite'));
  if (ids.length > 0) {
    createPack(app.db, { id: 'mine', name: 'Mine', sourceKind: 'user' }, { now: T0 });
    upsertTemplates(app.db, 'mine', ids.map((id) => ({ template: coatTemplate({ id }) })), { now: T0 });
  }
  const learner = createLearner(app.db, 'Amira', { now: T0 });
  return {
    app,
    learnerId: learner.id,
    close: () => {
      app.close();
      tmp.remove();
    },
  };
}

/** A deterministic stand-in for the engine's Rng: always returns `value`. */
export function fixedRng(value: number): { next(): number } {
  return { next: () => value };
}
