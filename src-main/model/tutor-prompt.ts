/**
 * The tutor's prompt: the problem as the learner sees it, their wrong answers so far, and the worked
 * solution traced from the template's own program, so the model reasons from the true intermediate
 * values instead of redoing (and botching) the arithmetic. The steps that produce the final answer
 * are left out: the model cannot state what it was never told, and the leak guard catches the rest.
 */
import type { ChatMessage } from './model-client.js';

export interface PromptStep {
  title: string;
  /** KaTeX with this instance's numbers (`20 \times 4 = 80`). */
  latex: string;
  /** This step's value is the final answer (left out of the prompt). */
  isAnswer: boolean;
}

export interface TutorPromptInput {
  problemText: string;
  /** What the learner answered so far on this problem, oldest first (only wrong answers). */
  wrongAnswers: readonly string[];
  /** What the program computes (its docstring), if it says. */
  summary?: string | undefined;
  steps: readonly PromptStep[];
  /** The learner's own question, if they typed one. */
  question?: string | undefined;
  /** "money", "percent", …: how the answer is written. */
  answerFormat?: string | undefined;
  answerUnit?: string | null | undefined;
}

export const TUTOR_SYSTEM_PROMPT = [
  'You are a patient, encouraging math tutor for a school student working on one word problem.',
  'Rules:',
  '- Never state the final answer, in any form (digits, words, fraction, decimal, percent, money). Never do the last step for the student.',
  '- Guide: point out what to look at, ask a guiding question, or show the next step they are missing, using the true values given below.',
  '- If the student gave wrong answers, say kindly what probably went wrong, without giving the correct final answer.',
  '- Keep it short: at most 5 sentences. Write math in LaTeX between single dollar signs, e.g. $3 \\times 4$.',
  '- Plain text only: no HTML, no tables.',
].join('\n');

export function buildTutorMessages(input: TutorPromptInput): ChatMessage[] {
  const lines: string[] = [];
  lines.push('Problem:', input.problemText.trim(), '');
  if (input.wrongAnswers.length > 0) {
    lines.push(`The student's answers so far (all wrong): ${input.wrongAnswers.map((a) => JSON.stringify(a)).join(', ')}`);
  } else {
    lines.push('The student has not answered yet.');
  }
  const expected = [input.answerFormat ? `as ${input.answerFormat}` : undefined, input.answerUnit ? `in ${input.answerUnit}` : undefined].filter(Boolean);
  if (expected.length > 0) lines.push(`The answer is expected ${expected.join(', ')}.`);
  lines.push('');
  const shown = input.steps.filter((s) => !s.isAnswer);
  if (shown.length > 0 || input.summary) {
    lines.push('Worked solution from the problem\'s own program (true values, for you only; do not copy it out whole):');
    if (input.summary) lines.push(`What it computes: ${input.summary}`);
    shown.forEach((s, i) => lines.push(`Step ${i + 1}. ${s.title}: $${s.latex}$`));
    if (shown.length < input.steps.length) lines.push(`Step ${shown.length + 1}. (the final step, which gives the answer: leave it to the student)`);
    lines.push('');
  }
  lines.push(input.question ? `The student asks: ${input.question}` : 'The student asks for a hint.');
  return [
    { role: 'system', content: TUTOR_SYSTEM_PROMPT },
    { role: 'user', content: lines.join('\n') },
  ];
}
