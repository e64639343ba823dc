/**
 * The tracer in the real sandbox: what it records, the step rules built on it (titles, substitution,
 * skipped copies and given constants), and that it keeps the sandbox's limits: a runaway program under
 * the tracer is stopped like any other, and a program that fights the tracer gets no further.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxPool } from '../../src-main/sandbox/pool.js';
import { parseTrace, traceInstance } from '../../src-main/solutions/trace-instance.js';
import { createTestPool } from '../helpers/sandbox.js';
import { DISCOUNT, solve } from './fixtures.js';

let pool: SandboxPool;
beforeAll(async () => {
  pool = await createTestPool({ size: 1 });
});
afterAll(async () => {
  await pool.close();
});

describe('the tracer', () => {
  it('records each assignment with the values read before it, the value after, its line and comment', async () => {
    const out = await traceInstance(pool, { program: DISCOUNT }, { price: 400, discount: 20 });
    if (!out.ok) throw new Error(out.failure.message);
    const { trace } = out;
    expect(trace.answer).toEqual({ t: 'float', v: 320 });
    expect(trace.doc).toBe('A price is reduced by a percent discount. Find the new price.');
    expect(trace.events.map((e) => [e.kind, e.line])).toEqual([
      ['assign', 4],
      ['assign', 6],
      ['assign', 8],
      ['assign', 9],
      ['return', 10],
    ]);
    expect(trace.events[1]).toMatchObject({
      source: 'saving = price * rate',
      comments: ['Work out how much is taken off'],
      reads: { price: { t: 'int', v: '400' }, rate: { t: 'float', v: 0.2 } },
      targets: ['saving'],
      values: { saving: { t: 'float', v: 80 } },
      expr: { k: 'bin', op: '*', l: { k: 'name', id: 'price' }, r: { k: 'name', id: 'rate' } },
    });
  });

  it('humanizes names without comments, substitutes numbers and skips copies and given constants', async () => {
    const program = [
      'def solution(price, discount):',
      '    given = 400',
      '    price_after_discount = price * (1 - discount)',
      '    total = price_after_discount',
      '    return total',
    ].join('\n');
    const sol = await solve(pool, program, { price: 400, discount: 0.2 }, { answerFormat: 'money' });
    expect(sol.steps.map((s) => [s.n, s.kind, s.title, s.latex])).toEqual([[1, 'compute', 'Price after discount', '400 \\times \\left(1 - 0.20\\right) = 320.00']]);
    expect(sol.steps[0]?.idea).toBe('\\text{price after discount} = \\text{price} \\times \\left(1 - \\text{discount}\\right)');
  });

  it('shows decisions, fractions, rounding and loops', async () => {
    const program = [
      'from fractions import Fraction',
      'def solution(a, b, n):',
      '    # Share a among b',
      '    share = Fraction(a, b)',
      '    # Is the share more than one whole?',
      '    if share > 1:',
      '        share = share - 1',
      '    total = 0',
      '    for i in range(n):',
      '        # Add the share again',
      '        total += share',
      '    # Round to the nearest tenth',
      '    return round(float(total) + 0.04, 1)',
    ].join('\n');
    const sol = await solve(pool, program, { a: 3, b: 4, n: 2 });
    expect(sol.steps.map((s) => [s.title, s.latex])).toEqual([
      ['Share a among b', '\\text{share} = \\frac{3}{4}'],
      ['Is the share more than one whole?', '\\frac{3}{4} \\le 1'],
      ['Add the share again', '0 + \\frac{3}{4} = \\frac{3}{4}'],
      ['Add the share again', '\\frac{3}{4} + \\frac{3}{4} = \\frac{3}{2}'],
      ['Round to the nearest tenth', '\\frac{3}{2} + 0.04 \\approx 1.5'],
    ]);
  });

  it('traces script programs at module level', async () => {
    const sol = await solve(pool, 'cost = n * each\n# Add the delivery\nresult = cost + 5\n', { n: 3, each: 7 });
    expect(sol.steps.map((s) => [s.title, s.latex])).toEqual([
      ['Cost', '3 \\times 7 = 21'],
      ['Add the delivery', '21 + 5 = 26'],
    ]);
  });

  it('caps the number of steps and still gives the answer', async () => {
    const out = await traceInstance(pool, { program: 'def solution(n):\n    t = 0\n    for i in range(n):\n        t += i\n    return t\n' }, { n: 1000 });
    if (!out.ok) throw new Error(out.failure.message);
    expect(out.trace.truncated).toBe(true);
    expect(out.trace.events).toHaveLength(200);
    expect(out.trace.answer).toEqual({ t: 'int', v: '499500' });
  });

  it('keeps values small: long lists are left out of the steps', async () => {
    const sol = await solve(pool, 'def solution(k):\n    # Many numbers\n    big = [i * k for i in range(1000)]\n    # Count them\n    n = len(big)\n    return n\n', { k: 2 });
    expect(JSON.stringify(sol.trace.events)).not.toContain('"v":"1998"');
    expect(sol.steps.map((s) => [s.title, s.latex])).toEqual([['Count them', '\\text{n} = 1000']]);
  });

  it('stops a runaway program under the tracer at the same limit, and the pool keeps serving', async () => {
    const out = await traceInstance(pool, { program: 'def solution():\n    x = 0\n    while True:\n        x += 1\n' }, {});
    expect(out).toMatchObject({ ok: false, failure: { status: 'timeout' } });
    const after = await traceInstance(pool, { program: 'def solution(a):\n    b = a * 2\n    return b\n' }, { a: 21 });
    expect(after).toMatchObject({ ok: true, trace: { answer: { t: 'int', v: '42' } } });
  });

  it('kills a program that swallows the interrupt under the tracer at the hard limit', async () => {
    const program = 'def solution():\n    while True:\n        try:\n            while True:\n                pass\n        except BaseException:\n            pass\n';
    expect(await traceInstance(pool, { program }, {})).toMatchObject({ ok: false, failure: { status: 'timeout' } });
    expect(await traceInstance(pool, { program: 'def solution(a):\n    return a + 1\n' }, { a: 1 })).toMatchObject({ ok: true });
  });

  it('reports a program error, and a program that turns the tracer off only loses its own steps', async () => {
    expect(await traceInstance(pool, { program: 'def solution(a):\n    return a / 0\n' }, { a: 1 })).toMatchObject({
      ok: false,
      failure: { status: 'error', message: 'division by zero' },
    });
    const sol = await solve(pool, 'import sys\ndef solution(a):\n    sys.settrace(None)\n    b = a + 1\n    return b\n', { a: 1 });
    expect(sol.steps.map((s) => [s.title, s.latex])).toEqual([['Answer', '2']]);
    // The next trace is complete again: the tracer is installed afresh for each run.
    const next = await solve(pool, 'def solution(a):\n    b = a + 1\n    return b\n', { a: 1 });
    expect(next.steps.map((s) => s.latex)).toEqual(['1 + 1 = 2']);
  });

  it('refuses malformed traces with a specific message', () => {
    expect(parseTrace('not json')).toEqual({ ok: false, failure: { status: 'invalid-trace', message: 'the tracer sent text that is not JSON' } });
    const bad = parseTrace(JSON.stringify({ result: { status: 'ok', value: { t: 'int', v: '1' }, ms: 1 }, events: [{ kind: 'assign', line: 0 }] }));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.failure.message).toMatch(/^the tracer sent a malformed trace at events\.0/);
  });
});
