/**
 * Runaway programs: each must be stopped with a specific status, and the pool must keep serving
 * other templates afterwards (checked after every case, and concurrently with the worst one).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxPool } from '../../src-main/sandbox/pool.js';
import type { RunResult } from '../../src-main/sandbox/protocol.js';
import { createTestPool } from '../helpers/sandbox.js';

let pool: SandboxPool;
beforeAll(async () => {
  pool = await createTestPool();
});
afterAll(async () => {
  await pool.close();
});

let n = 0;
async function runOne(source: string, values: Record<string, number> = {}): Promise<RunResult> {
  const out = await pool.run({ key: `runaway-${n++}`, source }, [values]);
  const r = out.results[0];
  if (!r) throw new Error('no result');
  return r;
}

async function stillServes(): Promise<void> {
  const r = await runOne('def solution(a, b):\n    return a + b\n', { a: 2, b: 40 });
  expect(r).toMatchObject({ status: 'ok', value: { t: 'int', v: '42' } });
}

describe('runaway programs are stopped and the pool keeps serving', () => {
  it.each([
    ['infinite loop', 'def solution():\n    while True:\n        pass\n', ['timeout']],
    ['time.sleep', 'import time\ndef solution():\n    time.sleep(100)\n    return 1\n', ['forbidden']],
    // If reloading restored the real, uninterruptible sleep, the hard limit kills the process.
    ['reloaded time.sleep', 'import importlib, time\nimportlib.reload(time)\ndef solution():\n    time.sleep(100)\n    return 1\n', ['timeout', 'forbidden']],
    ['interrupt swallowed', 'def solution():\n    while True:\n        try:\n            while True:\n                pass\n        except BaseException:\n            pass\n', ['timeout']],
    ['memory bomb at once', 'def solution():\n    return len([0] * 10**9)\n', ['memory']],
    ['memory growth', 'def solution():\n    x = []\n    while True:\n        x.append(bytearray(10**7))\n', ['memory', 'timeout']],
    ['deep recursion', 'def f(n):\n    return f(n + 1) + 1\ndef solution():\n    return f(0)\n', ['error']],
    ['deep recursion past the limit', 'import sys\nsys.setrecursionlimit(10**7)\ndef f(n):\n    return f(n + 1) + 1\ndef solution():\n    return f(0)\n', ['error', 'crash', 'timeout']],
    ['megabytes of output', 'def solution():\n    while True:\n        print("x" * 10000)\n', ['output-limit']],
    ['huge integer answer', 'def solution():\n    return 10**100000\n', ['ok']],
  ])('%s', async (_label, source, statuses) => {
    const r = await runOne(source);
    expect(statuses).toContain(r.status);
    await stillServes();
  });

  it('a program that kills its process costs only its own item in a batch', async () => {
    const source = 'def solution(a):\n    if a == 3:\n        while True:\n            try:\n                while True: pass\n            except BaseException: pass\n    return a * 10\n';
    const [out, other] = await Promise.all([
      pool.run({ key: 'batch-killer', source }, [1, 2, 3, 4, 5].map((a) => ({ a }))),
      // Meanwhile another template is served by the other process.
      pool.run({ key: 'batch-other', source: 'def solution(x):\n    return x + 1\n' }, [{ x: 1 }, { x: 2 }]),
    ]);
    expect(out.results.map((r) => r.status)).toEqual(['ok', 'ok', 'timeout', 'ok', 'ok']);
    expect(out.results.map((r) => (r.value?.t === 'int' ? r.value.v : null))).toEqual(['10', '20', null, '40', '50']);
    expect(other.results.map((r) => r.status)).toEqual(['ok', 'ok']);
    expect(pool.stats.crashes).toBeGreaterThan(0);
  });

  it('a huge integer travels as a description, not as a crash', async () => {
    const r = await runOne('def solution():\n    return 10**100000\n');
    expect(r.value).toMatchObject({ t: 'other', type: 'int' });
  });
});

describe('what the sandbox reports about ordinary programs', () => {
  it('finds the answer by return, result/ans variables, or the last printed line', async () => {
    expect((await runOne('def solution(a):\n    """Doc."""\n    # double it\n    return a * 2\n', { a: 4 })).value).toEqual({ t: 'int', v: '8' });
    expect((await runOne('result = a * 3\n', { a: 4 })).value).toEqual({ t: 'int', v: '12' });
    expect((await runOne('ans = a / 8\n', { a: 4 })).value).toEqual({ t: 'float', v: 0.5 });
    expect((await runOne('print("working")\nprint(a + 1)\n', { a: 4 })).value).toEqual({ t: 'int', v: '5' });
    expect((await runOne('from fractions import Fraction\ndef solution(a):\n    return Fraction(a, 6)\n', { a: 4 })).value).toEqual({ t: 'fraction', n: '2', d: '3' });
    expect((await runOne('def solution():\n    return float("inf")\n')).value).toEqual({ t: 'float', v: 'inf' });
  });

  it('says clearly when there is no answer', async () => {
    const r = await runOne('x = a + 1\n', { a: 1 });
    expect(r.status).toBe('no-answer');
    expect(r.error?.message).toContain('no answer found');
    const f = await runOne('def solution(a):\n    x = a + 1\n', { a: 1 });
    expect(f.status).toBe('no-answer');
    expect(f.error?.message).toContain('solution() returned None');
  });

  it('reports syntax errors with their line, and missing parameters by name', async () => {
    const s = await runOne('def solution(a):\n    return a +\n', { a: 1 });
    expect(s).toMatchObject({ status: 'syntax', error: { type: 'SyntaxError', line: 2 } });
    const p = await runOne('def solution(a, b):\n    return a + b\n', { a: 1 });
    expect(p.status).toBe('error');
    expect(p.error?.message).toContain("parameter 'b'");
  });

  it('gives "needs <module>" for modules that are not available offline', async () => {
    const sym = await runOne('import sympy\ndef solution():\n    return 1\n');
    expect(sym).toMatchObject({ status: 'needs-module', module: 'sympy' });
    const np = await runOne('def solution():\n    import numpy as np\n    return int(np.sum([1, 2]))\n');
    expect(np).toMatchObject({ status: 'needs-module', module: 'numpy' });
  });

  it('checks constraints before and after the run', async () => {
    const out = await pool.run(
      { key: 'constraints', source: 'def solution(a, b):\n    return a / b\n', constraints: ['a > b', 'is_int(answer)'] },
      [{ a: 8, b: 2 }, { a: 2, b: 8 }, { a: 9, b: 2 }],
    );
    expect(out.results.map((r) => [r.status, r.constraint])).toEqual([
      ['ok', undefined],
      ['constraint', 'a > b'],
      ['constraint', 'is_int(answer)'],
    ]);
  });
});
