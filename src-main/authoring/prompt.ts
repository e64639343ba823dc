/**
 * The prompts, in the spirit of InfinityMATH (Zhang et al., 2024): first round, turn the generic problem
 * into a function-call program that is number-independent, with a docstring and a comment per line, plus
 * sensible ranges for the variables; second round (bug fix), send back the error or the correct answer
 * and ask for the minimal change.
 */
import type { ChatMessage } from './chat-model.js';

export interface ProgramRequest {
  generic: string;
  variables: Readonly<Record<string, number>>;
  /** The answer for the original values, when known. */
  answer: string | null;
}

const SYSTEM = `You turn math word problems into Python programs that work for any numbers.
You answer with exactly one \`\`\`python block and one \`\`\`json block, nothing else.`;

function valueList(variables: Readonly<Record<string, number>>): string {
  return Object.entries(variables)
    .map(([k, v]) => `- ${k} = ${String(v)}`)
    .join('\n');
}

export function firstRoundMessages(req: ProgramRequest): ChatMessage[] {
  const names = Object.keys(req.variables);
  const user = `Here is a math word problem whose numbers were replaced by variables in braces:

${req.generic}

The original values of the variables:
${valueList(req.variables)}
${req.answer === null ? '' : `\nWith these values the answer is ${req.answer}.\n`}
Write a Python function \`def solution(${names.join(', ')}):\` that solves the problem for ANY values of these variables:
- start with a docstring that states what the function computes;
- one calculation per line, each line with a short comment (# …) saying what it computes;
- use the parameters, never the original numbers, so that the program is number-independent
  (constants that are part of the world, like 60 minutes in an hour or 100 for a percent, are fine);
- no input(), no print(), no imports other than math and fractions;
- return the final answer as a number.

Then give, in a \`\`\`json block, a sensible range for each variable so that new values still make a meaningful
problem, and optional criteria the values and the answer must meet (Python boolean expressions over the
variables and \`answer\`), for example:
{"ranges": {"${names[0] ?? 'x'}": {"min": 1, "max": 50, "step": 1}}, "criteria": ["answer > 0"]}`;
  return [
    { role: 'system', content: SYSTEM },
    { role: 'user', content: user },
  ];
}

export type FixReason =
  | { kind: 'error'; message: string }
  | { kind: 'wrong-answer'; got: string; expected: string }
  | { kind: 'unreadable'; message: string };

/** The bug-fix round: the conversation so far, the model's reply, and what went wrong. */
export function fixRoundMessages(history: readonly ChatMessage[], reply: string, why: FixReason, names: readonly string[]): ChatMessage[] {
  const problem =
    why.kind === 'error'
      ? `Run with the original values, your program failed with this error:\n${why.message}`
      : why.kind === 'wrong-answer'
        ? `Run with the original values, your program returned ${why.got}, but the correct answer is ${why.expected}.`
        : `Your reply could not be used: ${why.message}`;
  const user = `${problem}

Make the minimal change to the program that fixes this. Keep \`def solution(${names.join(', ')}):\`, the docstring
and a comment on each line. Reply with the whole corrected program in a \`\`\`python block and the ranges in a \`\`\`json block.`;
  return [...history, { role: 'assistant', content: reply }, { role: 'user', content: user }];
}
