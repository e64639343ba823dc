/**
 * Where the public corpora are (../shared/corpora beside the repository, or $INFINITYMATH_CORPORA; see
 * that folder's README). Only the suites in tests/corpora/ read them, through `npm run test:corpora`;
 * `npm test` never does, so a clean clone with nothing beside it passes. Without them this fails
 * loudly, naming where it looked, rather than skipping.
 */
import fs from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../../src-main/paths.js';

/** Files every suite here reads from (a folder without them is not the corpora). */
const EXPECTED = ['pal/gsmhardv2.jsonl', 'gsm8k/train.jsonl', 'gsm8k/test.jsonl', 'math500/math500_test.jsonl', 'tora/tora_corpus_examples.jsonl'];

export function corporaDir(env: NodeJS.ProcessEnv = process.env): string {
  const named = env.INFINITYMATH_CORPORA;
  const dir = named !== undefined && named !== '' ? path.resolve(named) : path.resolve(packageRoot(), '..', 'shared', 'corpora');
  const missing = EXPECTED.filter((f) => !fs.existsSync(path.join(dir, f)));
  if (missing.length > 0) {
    const where = named !== undefined && named !== '' ? `INFINITYMATH_CORPORA=${named}` : `${dir} (../shared/corpora beside the repository)`;
    throw new Error(
      `npm run test:corpora needs the public corpora, and ${where} lacks ${missing.join(', ')}. ` +
        'Put them at ../shared/corpora or set INFINITYMATH_CORPORA to their folder; `npm test` runs without them.',
    );
  }
  return dir;
}

/** A corpus file by its path inside the corpora folder (`pal/gsmhardv2.jsonl`). */
export function corpusFile(relative: string): string {
  return path.join(corporaDir(), relative);
}
