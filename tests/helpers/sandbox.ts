/** One snapshot cache for the whole test run (made once, in the repository's ignored .cache/). */
import path from 'node:path';
import { packageRoot } from '../../src-main/paths.js';
import { SandboxPool, type PoolOptions } from '../../src-main/sandbox/pool.js';

export const TEST_CACHE_DIR = path.join(packageRoot(), '.cache', 'test');

export function createTestPool(opts: PoolOptions = {}): Promise<SandboxPool> {
  return SandboxPool.create({ size: 2, cacheDir: TEST_CACHE_DIR, ...opts });
}
