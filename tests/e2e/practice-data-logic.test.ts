/**
 * The renderer's pure logic added with issue 17, in Node: when Skip is offered, how a mastery bar's
 * tooltip reads (and that a topic name cannot inject markup into it), and the scheduling settings'
 * rules as the Settings page applies them while the user types.
 */
import { describe, expect, it } from 'vitest';
import type { ProblemView, SubmitResult, TopicProgress } from '../../src-main/api/contract.std.js';
import { parseStepsText, stepInWords, stepMinutes, stepsProblem } from '../../src-main/practice/scheduling-settings.std.js';
import { canSkip, initialPracticeState, practiceReducer, type PracticeState } from '../../src-renderer/practice/practice-state.js';
import { masteryTooltip } from '../../src-renderer/progress/chart-options.js';

const problem: ProblemView = {
  templateId: 't',
  seed: 1,
  text: 'x',
  answerFormat: 'integer',
  answerUnit: null,
  choices: null,
  strand: null,
  topic: null,
  grade: null,
  reason: 'new',
};
const result = (verdict: SubmitResult['verdict']): SubmitResult => ({ verdict, message: '', readAs: '', counted: verdict !== 'invalid', answerText: null, attemptsOnProblem: 1, diagnosis: null });

describe('canSkip', () => {
  const shown: PracticeState = practiceReducer(initialPracticeState, { type: 'problem', problem });
  it('is offered before any answer, after a miss, after unreadable input and after a right value to simplify', () => {
    expect(canSkip(shown)).toBe(true);
    for (const verdict of ['wrong', 'check_units', 'invalid', 'correct_needs_simplifying'] as const) {
      expect(canSkip(practiceReducer(shown, { type: 'checked', answer: '1', result: result(verdict) })), verdict).toBe(true);
    }
  });

  it('is not offered once the problem is solved or revealed, while anything is in flight, or with no problem', () => {
    expect(canSkip(practiceReducer(shown, { type: 'checked', answer: '1', result: result('correct') }))).toBe(false);
    expect(canSkip(practiceReducer(shown, { type: 'revealed', answerText: '5' }))).toBe(false);
    for (const action of [{ type: 'request-check' }, { type: 'request-reveal' }, { type: 'request-skip' }, { type: 'request-problem' }] as const) {
      expect(canSkip(practiceReducer(shown, action)), action.type).toBe(false);
    }
    expect(canSkip(initialPracticeState)).toBe(false);
    // A failed skip hands the problem back.
    expect(canSkip(practiceReducer(practiceReducer(shown, { type: 'request-skip' }), { type: 'failed', message: 'offline' }))).toBe(true);
  });
});

describe('masteryTooltip', () => {
  const topic: TopicProgress = { strand: 's', label: 'Fractions', attempts: 9, correct: 7, skipped: 2, mastery: 0.571, firstTries: 4, masteryIfRight: 0.643 };
  it('says what the bar rests on and how it grows', () => {
    expect(masteryTooltip(topic)).toBe('<b>Fractions: 57.1 %</b><br>from 4 first tries<br>one more right first try: 64.3 %<br>2 skipped (not counted)');
    expect(masteryTooltip({ ...topic, skipped: 0, firstTries: 1 })).toBe('<b>Fractions: 57.1 %</b><br>from 1 first try<br>one more right first try: 64.3 %');
  });

  it('escapes the topic name (an imported strand could be any text)', () => {
    expect(masteryTooltip({ ...topic, label: '<img src=x onerror=alert(1)>&"' })).toContain('<b>&lt;img src=x onerror=alert(1)&gt;&amp;&quot;: 57.1 %</b>');
  });
});

describe('scheduling steps as typed in Settings', () => {
  it('reads steps separated by spaces or commas, in m, h or d', () => {
    expect(parseStepsText(' 30m, 2H  1d ')).toEqual(['30m', '2h', '1d']);
    expect(parseStepsText('')).toEqual([]);
    expect([stepMinutes('30m'), stepMinutes('2h'), stepMinutes('1d'), stepMinutes('0m'), stepMinutes('1.5h'), stepMinutes('m')]).toEqual([30, 120, 1440, null, null, null]);
    expect([stepInWords('1m'), stepInWords('2h'), stepInWords('1d')]).toEqual(['1 minute', '2 hours', '1 day']);
  });

  it('refuses what the scheduler would not take, saying why', () => {
    expect(stepsProblem(['30m'])).toBeNull();
    expect(stepsProblem([])).toBeNull();
    expect(stepsProblem(['soon'])).toBe('"soon" is not a step: write a whole number and m, h or d (30m, 2h, 1d)');
    expect(stepsProblem(['2d'])).toBe('"2d" is outside 1m to 1d');
    expect(stepsProblem(['1h', '30m'])).toBe('steps must not get shorter ("30m" after a longer one)');
    expect(stepsProblem(['1m', '2m', '3m', '4m', '5m'])).toBe('at most 4 steps');
  });
});
