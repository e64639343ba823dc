/** The tutor's prompt: what it carries, and what it leaves out (the final step). */
import { describe, expect, it } from 'vitest';
import { buildTutorMessages, TUTOR_SYSTEM_PROMPT } from '../../src-main/model/tutor-prompt.js';

describe('buildTutorMessages', () => {
  it('carries the problem, the wrong answers, the steps before the answer and the question', () => {
    const [system, user] = buildTutorMessages({
      problemText: 'A shirt costs $40 and is 25% off. What is the sale price?',
      wrongAnswers: ['10', '$50'],
      summary: 'Apply a discount.',
      steps: [
        { title: 'Discount in dollars', latex: '40 \\times 0.25 = 10', isAnswer: false },
        { title: 'Sale price', latex: '40 - 10 = 30', isAnswer: true },
      ],
      question: 'Is 10 the discount?',
      answerFormat: 'money',
      answerUnit: null,
    });
    expect(system).toEqual({ role: 'system', content: TUTOR_SYSTEM_PROMPT });
    expect(user?.role).toBe('user');
    expect(user?.content).toBe(
      [
        'Problem:',
        'A shirt costs $40 and is 25% off. What is the sale price?',
        '',
        'The student\'s answers so far (all wrong): "10", "$50"',
        'The answer is expected as money.',
        '',
        "Worked solution from the problem's own program (true values, for you only; do not copy it out whole):",
        'What it computes: Apply a discount.',
        'Step 1. Discount in dollars: $40 \\times 0.25 = 10$',
        'Step 2. (the final step, which gives the answer: leave it to the student)',
        '',
        'The student asks: Is 10 the discount?',
      ].join('\n'),
    );
    expect(user?.content).not.toContain('30');
  });

  it('still asks for a hint when there are no steps and no answers yet', () => {
    const user = buildTutorMessages({ problemText: 'What is 7 × 8?', wrongAnswers: [], steps: [], answerUnit: 'apples' })[1]?.content ?? '';
    expect(user).toContain('The student has not answered yet.');
    expect(user).toContain('The answer is expected in apples.');
    expect(user).not.toContain('Worked solution');
    expect(user.endsWith('The student asks for a hint.')).toBe(true);
  });
});
