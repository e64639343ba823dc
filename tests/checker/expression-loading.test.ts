/**
 * The Compute Engine is loaded lazily. Before it is loaded, an expression answer is `invalid`
 * (engine_not_ready: never counted against the learner) while every other format works;
 * checkAnswerAsync loads it and grades. This file must not load the engine before its first test.
 */
import { describe, expect, it } from 'vitest';
import { checkAnswer, checkAnswerAsync, isExpressionEngineReady } from '../../src-main/checker/index.std.js';

const EXPRESSION = { answer: { t: 'str', v: '2*x + 2' }, format: 'expression' } as const;

describe('lazy expression engine', () => {
  it('grades the other formats without the engine, and holds expression answers as not ready', () => {
    expect(isExpressionEngineReady()).toBe(false);
    expect(checkAnswer('3/4', { answer: { t: 'fraction', n: '3', d: '4' }, format: 'fraction' }).kind).toBe('correct');
    const v = checkAnswer('2(x+1)', EXPRESSION);
    expect(v.kind).toBe('invalid');
    expect(v.reason).toBe('engine_not_ready');
    expect(isExpressionEngineReady()).toBe(false);
  });

  it('checkAnswerAsync loads the engine and grades', async () => {
    const v = await checkAnswerAsync('2(x+1)', EXPRESSION);
    expect(v.kind).toBe('correct');
    expect(v.reason).toBe('equivalent_expression');
    expect(v.readAs).toBe('read as the expression 2(x + 1)');
    expect(isExpressionEngineReady()).toBe(true);
    expect(checkAnswer('2x+3', EXPRESSION).kind).toBe('wrong');
  });
});
