/**
 * The renderer's pure logic, in Node (the browser run in practice.e2e.test.ts covers the wiring):
 * which parts of a problem are math, KaTeX's safe output, the practice loop's rules, shortcuts,
 * scopes, feedback wording, the answer preview, chart data and the error unwrapping of the client.
 */
import { describe, expect, it } from 'vitest';
import { ApiError, type ApiEvent, type ProblemView, type SubmitResult } from '../../src-main/api/contract.std.js';
import { clientFromTransport } from '../../src-renderer/api/client-core.js';
import { parseLocation, parseRoute, routeHash } from '../../src-renderer/app/route.js';
import { openedProblemFrom } from '../../src-renderer/practice/opened-problem.js';
import { mathToHtml } from '../../src-renderer/math/math-html.js';
import { GLUE_MAX_TEX, glueForWrapping, splitMath, type WrapPiece } from '../../src-renderer/math/math-segments.js';
import { answerPreview } from '../../src-renderer/practice/answer-preview.js';
import {
  canMoveOn,
  canRetry,
  canSubmit,
  initialPracticeState,
  isFinished,
  practiceReducer,
  type PracticeAction,
  type PracticeState,
} from '../../src-renderer/practice/practice-state.js';
import { parseScopeKey, scopeKey } from '../../src-renderer/practice/scope-key.js';
import { choiceIndexForKey, choiceLetter } from '../../src-renderer/practice/shortcuts.js';
import { unitText } from '../../src-renderer/practice/unit-text.js';
import { messageDetail } from '../../src-renderer/practice/verdict-text.js';
import { accuracyOption, calendarOption, CALENDAR_WEEKS, isoDaysBefore, masteryOption, shortDate, type ChartPalette } from '../../src-renderer/progress/chart-options.js';

describe('problem text: math vs money', () => {
  it('keeps prices as text and finds $…$, \\(…\\), \\[…\\] and $$…$$ math', () => {
    expect(splitMath('It costs $12.50 and $3 more.')).toEqual([{ kind: 'text', text: 'It costs $12.50 and $3 more.' }]);
    expect(splitMath('Write $\\frac{1}{8}$ as a decimal.')).toEqual([
      { kind: 'text', text: 'Write ' },
      { kind: 'math', tex: '\\frac{1}{8}', display: false, source: '$\\frac{1}{8}$' },
      { kind: 'text', text: ' as a decimal.' },
    ]);
    expect(splitMath('\\(x^2\\) and \\[y = 1\\] and $$z$$').map((s) => (s.kind === 'math' ? [s.tex, s.display] : s.text))).toEqual([
      ['x^2', false],
      ' and ',
      ['y = 1', true],
      ' and ',
      ['z', true],
    ]);
  });

  it('shows an escaped dollar without its backslash, outside math only', () => {
    expect(splitMath('Pens cost \\$5 each.')).toEqual([{ kind: 'text', text: 'Pens cost $5 each.' }]);
    expect(splitMath('$\\$5 + x$')).toEqual([{ kind: 'math', tex: '\\$5 + x', display: false, source: '$\\$5 + x$' }]);
  });

  const visible = (pieces: WrapPiece[]): string =>
    pieces.map((p) => (p.kind === 'text' ? p.text : p.kind === 'glued' ? `${p.before}[${p.math.tex}]${p.after}` : `[${p.tex}]`)).join('');

  it('glues a short formula to the punctuation touching it, losing no character', () => {
    const text = 'as $a \\times 10^n$ with ($1 \\le a < 10$), what is $n$?';
    const pieces = glueForWrapping(splitMath(text));
    expect(visible(pieces)).toBe('as [a \\times 10^n] with ([1 \\le a < 10]), what is [n]?');
    expect(pieces.filter((p) => p.kind === 'glued').map((p) => (p.kind === 'glued' ? [p.before, p.after] : null))).toEqual([
      ['', ''],
      ['(', '),'],
      ['', '?'],
    ]);
  });

  it('leaves long and display formulas free to break', () => {
    const long = `x = ${'a + '.repeat(GLUE_MAX_TEX / 4)}b`;
    const pieces = glueForWrapping(splitMath(`so $${long}$, then $$y$$.`));
    expect(pieces.some((p) => p.kind === 'glued')).toBe(false);
    expect(visible(pieces)).toBe(`so [${long}], then [y].`);
  });
});

describe('KaTeX output', () => {
  it('renders HTML plus MathML (with the TeX as annotation)', () => {
    const html = mathToHtml('\\frac{3}{4}', false);
    expect(html).toContain('class="katex"');
    expect(html).toContain('<math');
    expect(html).toContain('\\frac{3}{4}</annotation>');
    expect(mathToHtml('x', true)).toContain('katex-display');
  });

  it('never throws on bad TeX and never trusts links', () => {
    expect(mathToHtml('\\frac{1}{', false)).toContain('katex-error');
    const link = mathToHtml('\\href{javascript:alert(1)}{x}', false);
    expect(link).not.toMatch(/<a[\s>]/);
    expect(link).not.toContain('href="javascript');
  });
});

const problem: ProblemView = {
  templateId: 'starter.fractions.x',
  seed: 7,
  text: 'What is $\\frac{1}{2} + \\frac{1}{4}$?',
  answerFormat: 'fraction',
  answerUnit: null,
  choices: null,
  strand: 'fractions',
  topic: 'adding',
  grade: { min: 4, max: 5 },
  reason: 'new',
};

const result = (verdict: SubmitResult['verdict']): SubmitResult => ({
  verdict,
  diagnosis: null,
  message: '',
  readAs: '',
  counted: verdict !== 'invalid',
  answerText: verdict === 'correct' ? '3/4' : null,
  attemptsOnProblem: 1,
});

const run = (...actions: PracticeAction[]): PracticeState => actions.reduce(practiceReducer, initialPracticeState);
const shown = (): PracticeState => run({ type: 'request-problem' }, { type: 'problem', problem });

describe('practice loop rules', () => {
  it('a new problem starts clean; nothing is sent while a request is in flight', () => {
    const loading = run({ type: 'request-problem' });
    expect(loading.busy).toBe('problem');
    expect(canSubmit(loading, '3/4')).toBe(false);
    const state = shown();
    expect(state).toEqual({ ...initialPracticeState, problem });
    expect(canSubmit(state, '3/4')).toBe(true);
    expect(canSubmit(state, '   ')).toBe(false);
    expect(canSubmit(practiceReducer(state, { type: 'request-check' }), '3/4')).toBe(false);
  });

  it('after a wrong answer: retry, reveal or another; the same answer is not counted twice', () => {
    const state = practiceReducer(shown(), { type: 'checked', answer: '1/2', result: result('wrong') });
    expect(canRetry(state)).toBe(true);
    expect(isFinished(state)).toBe(false);
    expect(canMoveOn(state)).toBe(false);
    expect(canSubmit(state, '1/2')).toBe(false);
    expect(canSubmit(state, '3/4')).toBe(true);
  });

  it('unreadable input is no attempt: no retry buttons, and it may be sent again', () => {
    const state = practiceReducer(shown(), { type: 'checked', answer: '1/0', result: result('invalid') });
    expect(canRetry(state)).toBe(false);
    expect(canMoveOn(state)).toBe(false);
    expect(canSubmit(state, '1/0')).toBe(true);
  });

  it('right but not simplified: may simplify (retry) or move on', () => {
    const state = practiceReducer(shown(), { type: 'checked', answer: '6/8', result: result('correct_needs_simplifying') });
    expect(canRetry(state)).toBe(true);
    expect(canMoveOn(state)).toBe(true);
    expect(isFinished(state)).toBe(false);
  });

  it('correct or revealed: finished, only Next (and another) remain', () => {
    const solved = practiceReducer(shown(), { type: 'checked', answer: '3/4', result: result('correct') });
    expect([isFinished(solved), canMoveOn(solved), canRetry(solved), canSubmit(solved, '0.75')]).toEqual([true, true, false, false]);
    const revealed = run({ type: 'problem', problem }, { type: 'checked', answer: '1', result: result('wrong') }, { type: 'request-reveal' }, { type: 'revealed', answerText: '3/4' });
    expect(revealed.revealed).toBe('3/4');
    expect(revealed.busy).toBeNull();
    expect([isFinished(revealed), canMoveOn(revealed), canRetry(revealed)]).toEqual([true, true, false]);
  });

  it('a failed fetch keeps the message and remembers when the engine was only warming up', () => {
    const warming = run({ type: 'request-problem' }, { type: 'problem-failed', message: 'warming up', engineWarming: true });
    expect([warming.busy, warming.error, warming.waitingForEngine]).toEqual([null, 'warming up', true]);
    expect(practiceReducer(warming, { type: 'request-problem' }).waitingForEngine).toBe(false);
    const failedCheck = run({ type: 'problem', problem }, { type: 'request-check' }, { type: 'failed', message: 'offline' });
    expect([failedCheck.busy, failedCheck.error, failedCheck.problem]).toEqual([null, 'offline', problem]);
  });
});

describe('keyboard and scope helpers', () => {
  it('maps 1–9 and A–E to choices that exist, and nothing else', () => {
    expect(['1', '3', 'a', 'B', 'c', 'E'].map((k) => choiceIndexForKey(k, 5))).toEqual([0, 2, 0, 1, 2, 4]);
    expect(['3', 'c', '0', 'f', 'n', 'Enter', '10'].map((k) => choiceIndexForKey(k, 2))).toEqual([null, null, null, null, null, null, null]);
    expect([0, 1, 4].map(choiceLetter)).toEqual(['A', 'B', 'E']);
  });

  it('round-trips scopes and refuses stale or malformed ones', () => {
    for (const scope of [{ kind: 'mixed' }, { kind: 'strand', strand: 'ratio-rate' }, { kind: 'grade', grade: 7 }] as const) {
      expect(parseScopeKey(scopeKey(scope))).toEqual(scope);
    }
    expect(['grade:99', 'grade:x', 'strand:', 'topic:fractions', ''].map(parseScopeKey)).toEqual([null, null, null, null, null]);
  });

  it('reads the page from the hash', () => {
    expect(['#/progress', '#progress', '#/progress?x=1', '#/practice', '', '#/elsewhere'].map(parseRoute)).toEqual([
      'progress',
      'progress',
      'progress',
      'practice',
      'practice',
      'practice',
    ]);
    expect(routeHash('progress')).toBe('#/progress');
  });

  it('reads a problem opened from the library out of the practice query', () => {
    expect(openedProblemFrom({ t: 'starter.x', seed: '42' })).toEqual({ templateId: 'starter.x', seed: 42 });
    expect(openedProblemFrom({ t: 'starter.x' })).toEqual({ templateId: 'starter.x' });
    expect(openedProblemFrom({ t: 'starter.x', seed: '-1' })).toEqual({ templateId: 'starter.x' });
    expect(openedProblemFrom({ t: 'starter.x', seed: '1e99' })).toEqual({ templateId: 'starter.x' });
    expect(openedProblemFrom({ seed: '4' })).toBeNull();
    expect(openedProblemFrom({ t: '' })).toBeNull();
  });

  it('reads sub-paths and the query of a page, and builds them back', () => {
    expect(parseLocation('#/library/t/gsm%2F12?status=broken&q=apples')).toEqual({
      route: 'library',
      path: ['t', 'gsm/12'],
      query: { status: 'broken', q: 'apples' },
    });
    expect(parseLocation('#/nowhere/x?y=1')).toEqual({ route: 'practice', path: [], query: { y: '1' } });
    expect(parseLocation('#/worksheets/%E0%A4')).toEqual({ route: 'worksheets', path: ['%E0%A4'], query: {} });
    const hash = routeHash('library', ['t', 'gsm/12'], { status: 'broken', q: 'apples', empty: '', none: undefined });
    expect(hash).toBe('#/library/t/gsm%2F12?q=apples&status=broken');
    expect(parseLocation(hash)).toEqual({ route: 'library', path: ['t', 'gsm/12'], query: { q: 'apples', status: 'broken' } });
  });
});

describe('what the learner reads', () => {
  it('keeps only what the checker message adds to the headline', () => {
    expect(messageDetail('Not quite. Try again.')).toBe('');
    expect(messageDetail('Correct!')).toBe('');
    expect(messageDetail('Not quite: the answer is a whole number.')).toBe('The answer is a whole number.');
    expect(messageDetail('Correct: that is the fraction 3/4.')).toBe('That is the fraction 3/4.');
    expect(messageDetail('I could not read that: a fraction cannot have 0 as its denominator.')).toBe('A fraction cannot have 0 as its denominator.');
    expect(messageDetail('Right value, but simplify it: 3/4.')).toBe('Right value, but simplify it: 3/4.');
  });

  it('previews how typed input is read, before grading', () => {
    expect(answerPreview('', 'money')).toEqual({ kind: 'hint', text: 'An amount, like $12.50 or 12.50.' });
    expect(answerPreview('1,250', 'integer')).toEqual({ kind: 'read', text: 'read as 1,250' });
    expect(answerPreview('1 3/4', 'fraction')).toEqual({ kind: 'read', text: 'read as the mixed number 1 3/4 (= 7/4)' });
    expect(answerPreview('1/0', 'fraction').kind).toBe('invalid');
    // An expression is shown typeset, not evaluated as a calculation.
    expect(answerPreview('x**2 + 3x', 'expression')).toEqual({ kind: 'math', latex: 'x^{2} + 3x' });
  });

  it('writes units with superscripts', () => {
    expect(['cm^2', 'm^{3}', 'km/h', '$'].map(unitText)).toEqual(['cm²', 'm³', 'km/h', '$']);
  });
});

const palette: ChartPalette = { text: '#000', muted: '#555', line: '#ddd', accent: '#00f', success: '#0a0', surface: '#eee', heat: ['#ccf', '#00f'] };

describe('progress charts', () => {
  it('dates: short labels and calendar arithmetic without time-zone drift', () => {
    expect(shortDate('2026-11-03')).toBe('Nov 3');
    expect(isoDaysBefore('2024-03-01', 1)).toBe('2024-02-29');
    expect(isoDaysBefore('2026-03-30', 1)).toBe('2026-03-29'); // the day after a spring-forward in Europe
  });

  it('accuracy over time: the last 30 practice days, attempts as bars and accuracy in percent', () => {
    const daily = Array.from({ length: 40 }, (_, i) => ({ date: isoDaysBefore('2026-11-23', 39 - i), attempts: 4, correct: i % 5 }));
    const option = accuracyOption(daily, palette, 'described');
    const xAxis = option.xAxis as { data: string[] };
    expect(xAxis.data).toHaveLength(30);
    expect(xAxis.data.at(-1)).toBe('Nov 23');
    const [bars, line] = option.series as [{ data: number[] }, { data: number[] }];
    expect(bars.data.slice(0, 3)).toEqual([4, 4, 4]);
    expect(line.data.slice(0, 5)).toEqual([0, 25, 50, 75, 100]);
    expect(option.aria).toEqual({ enabled: true, label: { description: 'described' } });
  });

  it('calendar: a year ending today, days outside it left out', () => {
    const option = calendarOption(
      [
        { date: '2020-01-01', attempts: 9, correct: 9 },
        { date: '2026-11-20', attempts: 3, correct: 1 },
        { date: '2026-11-23', attempts: 6, correct: 5 },
      ],
      '2026-11-23',
      palette,
      'd',
    );
    expect((option.calendar as { range: string[] }).range).toEqual([isoDaysBefore('2026-11-23', CALENDAR_WEEKS * 7 - 1), '2026-11-23']);
    expect((option.series as [{ data: unknown[] }])[0].data).toEqual([
      ['2026-11-20', 3],
      ['2026-11-23', 6],
    ]);
    expect((option.visualMap as { max: number }).max).toBe(6);
  });

  it('mastery: weakest first (drawn bottom-up), in percent, mastered bars green', () => {
    const option = masteryOption(
      [
        { strand: 'a', label: 'Alpha', attempts: 5, correct: 5, skipped: 0, mastery: 0.9, firstTries: 5, masteryIfRight: 0.92 },
        { strand: 'b', label: 'Beta', attempts: 5, correct: 1, skipped: 2, mastery: 0.123, firstTries: 5, masteryIfRight: 0.2 },
      ],
      palette,
      'd',
    );
    expect((option.yAxis as { data: string[] }).data).toEqual(['Beta', 'Alpha']);
    const data = (option.series as [{ data: { value: number; itemStyle: { color: string } }[] }])[0].data;
    expect(data.map((d) => [d.value, d.itemStyle.color])).toEqual([
      [12.3, palette.accent],
      [90, palette.success],
    ]);
  });
});

describe('api client', () => {
  const events: ((e: ApiEvent) => void)[] = [];
  const client = clientFromTransport({
    call: (method) =>
      Promise.resolve(
        method === 'app.info'
          ? { ok: true, value: { version: '1', templates: 1, instancesReady: 0, sandboxReady: false, mode: 'browser' } }
          : method === 'learners.list'
            ? { ok: false, error: { code: 'unavailable', message: 'warming up' } }
            : // An unknown code from a newer server is still an error, reported as internal.
              ({ ok: false, error: { code: 'teapot', message: 'odd' } } as unknown as { ok: false; error: { code: 'internal'; message: string } }),
      ),
    onEvent: (listener) => {
      events.push(listener);
      return () => events.splice(events.indexOf(listener), 1);
    },
  });

  it('returns values and throws ApiError with the server code and message', async () => {
    expect((await client.call('app.info', {})).version).toBe('1');
    await expect(client.call('learners.list', {})).rejects.toEqual(new ApiError('unavailable', 'warming up'));
    const odd = await client.call('practice.catalog', {}).catch((e: unknown) => e);
    expect(odd).toBeInstanceOf(ApiError);
    expect([(odd as ApiError).code, (odd as ApiError).message]).toEqual(['internal', 'odd']);
  });

  it('passes events through and unsubscribes', () => {
    const seen: ApiEvent[] = [];
    const stop = client.onEvent((e) => seen.push(e));
    events.forEach((l) => l({ type: 'sandbox.ready' }));
    stop();
    expect(events).toHaveLength(0);
    expect(seen).toEqual([{ type: 'sandbox.ready' }]);
  });
});
