/** Which learner this computer last used (several people share one computer; no passwords). */
import type { Learner } from '../../src-main/api/contract.std.js';
import { readStored, writeStored } from '../app/local-store.js';

const KEY = 'infinitymath.learner';

export type LearnerRef = Pick<Learner, 'id' | 'name'>;

function isLearnerRef(value: unknown): value is LearnerRef {
  return (
    typeof value === 'object' &&
    value !== null &&
    'id' in value &&
    'name' in value &&
    Number.isInteger(value.id) &&
    typeof value.name === 'string'
  );
}

export function rememberedLearner(): LearnerRef | null {
  return readStored(KEY, isLearnerRef);
}

export function rememberLearner(learner: LearnerRef | null): void {
  writeStored(KEY, learner === null ? null : { id: learner.id, name: learner.name });
}
