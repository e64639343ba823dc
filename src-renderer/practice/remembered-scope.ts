/** The scope each learner last practised, so the practice page can ask for a problem at once. */
import type { PracticeScope } from '../../src-main/api/contract.std.js';
import { readStored, writeStored } from '../app/local-store.js';
import { parseScopeKey, scopeKey } from './scope-key.js';

const key = (learnerId: number): string => `infinitymath.scope.${learnerId}`;
const isString = (value: unknown): value is string => typeof value === 'string';

export function rememberedScope(learnerId: number): PracticeScope | null {
  const stored = readStored(key(learnerId), isString);
  return stored === null ? null : parseScopeKey(stored);
}

export function rememberScope(learnerId: number, scope: PracticeScope | null): void {
  writeStored(key(learnerId), scope === null ? null : scopeKey(scope));
}
