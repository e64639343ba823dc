/** The template a draft makes: domains by the kind of each number, ranges that keep the original values, ids. */
import { describe, expect, it } from 'vitest';
import { authoredTemplateId, buildTemplate, originalAnswerOf, type TemplateDraft } from '../../src-main/authoring/build-template.js';

const BASE: TemplateDraft = {
  problem: 'A pen costs $2.50 and is 20% off. She buys 3/4 of 12 boxes and twice as many pencils.',
  generic: 'A pen costs ${cost} and is {discount_percent}% off. She buys {boxes_fraction_num}/{boxes_fraction_den} of {boxes} boxes and {factor} times as many pencils.',
  variables: { cost: 2.5, discount_percent: 20, boxes_fraction_num: 3, boxes_fraction_den: 4, boxes: 12, factor: 2 },
  kinds: { cost: 'money', discount_percent: 'percent', boxes_fraction_num: 'number', boxes_fraction_den: 'number', boxes: 'number', factor: 'multiplier' },
  answer: '$7.50',
  program: 'def solution(cost, discount_percent, boxes_fraction_num, boxes_fraction_den, boxes, factor):\n    return cost * 3\n',
  ranges: { cost: { min: 1, max: 10, step: 0.5 }, discount_percent: { min: 5, max: 50, step: 5 }, boxes: { min: 20, max: 40, step: 4 } },
  criteria: ['answer > 0'],
};

describe('buildTemplate', () => {
  it('draws each kind from its own domain, keeping the original values inside the ranges', () => {
    const t = buildTemplate(BASE);
    expect(t.domains).toEqual({
      cost: { kind: 'money', min: 1, max: 10, step: 0.5 },
      discount_percent: { kind: 'percent', min: 5, max: 50, step: 5 },
      // 12 is below the model's 20–40: the range grows to keep the original problem drawable.
      boxes: { kind: 'int', min: 12, max: 40, step: 4 },
      // A multiplier without a range: 2 to 5 times, never the inferred "any number".
      factor: { kind: 'int', min: 2, max: 5 },
    });
    // A fraction stays a proper fraction.
    expect(t.constraints).toEqual(['answer > 0', '0 < boxes_fraction_num < boxes_fraction_den']);
    expect(t.original_answer).toBe(7.5);
    expect(t.answer_format).toBe('money');
    expect(t).toMatchObject({ source: 'authored', entry: 'solution', placeholder_style: 'braces', original_problem: BASE.problem, tags: ['authored'] });
  });

  it('makes decimal domains for decimal values and leaves the rest to inference', () => {
    const t = buildTemplate({ ...BASE, kinds: { ...BASE.kinds, cost: 'number' }, ranges: { cost: { min: 1, max: 4 } }, answer: null, criteria: [] });
    expect(t.domains?.cost).toEqual({ kind: 'decimal', min: 1, max: 4, step: 0.1 });
    expect(t.domains?.boxes).toBeUndefined();
    expect(t.original_answer).toBeUndefined();
    expect(t.answer_format).toBeUndefined();
  });

  it('gives the same problem the same id, and keeps an id it is given', () => {
    expect(authoredTemplateId(BASE.problem)).toMatch(/^user\.pen-costs-off-she-[0-9a-f]{8}$/);
    expect(authoredTemplateId(` ${BASE.problem} `)).toBe(authoredTemplateId(BASE.problem));
    expect(authoredTemplateId('Another problem.')).not.toBe(authoredTemplateId(BASE.problem));
    expect(buildTemplate({ ...BASE, id: 'user.kept' }).id).toBe('user.kept');
  });

  it('reads known answers as numbers when they are numbers', () => {
    expect(originalAnswerOf('1,250')).toBe(1250);
    expect(originalAnswerOf('3/4')).toBe(0.75);
    expect(originalAnswerOf('blue')).toBe('blue');
    expect(originalAnswerOf('  ')).toBeUndefined();
  });
});
