/**
 * Instruction-tuning records for one verified instance, in the two shapes fine-tuning tools read:
 * OpenAI chat (`{"messages": [...]}`) and Alpaca (`{"instruction", "input", "output"}`). The response
 * is the program-of-thought with the instance's numbers bound, then the verified answer.
 */
import { potResponse } from './program-of-thought.js';

export const SYSTEM_PROMPT = 'Solve the math word problem by writing a Python program, then state the final answer.';
export const ALPACA_INSTRUCTION = 'Solve the following math word problem with a Python program and give the final answer.';

export interface ChatRecord {
  messages: { role: 'system' | 'user' | 'assistant'; content: string }[];
}

export interface AlpacaRecord {
  instruction: string;
  input: string;
  output: string;
}

export function chatRecord(problem: string, program: string, answerText: string, system: string | null = SYSTEM_PROMPT): ChatRecord {
  return {
    messages: [
      ...(system === null ? [] : [{ role: 'system' as const, content: system }]),
      { role: 'user', content: problem },
      { role: 'assistant', content: potResponse(program, answerText) },
    ],
  };
}

export function alpacaRecord(problem: string, program: string, answerText: string): AlpacaRecord {
  return { instruction: ALPACA_INSTRUCTION, input: problem, output: potResponse(program, answerText) };
}

/** Robustness sets in the style of GSM8K+/MATH+: the original and k number variants, with verified answers. */
export interface RobustnessRecord {
  template_id: string;
  variant: 'original' | number;
  question: string;
  answer: string;
}
