/**
 * Storage payload made from real public corpora (read in place, never copied): templates from PAL's
 * gsm-hard rows and from GSM8K's questions, for the storage suites of `npm run test:corpora`.
 */
import { readFileSync } from 'node:fs';
import type { Template } from '../../src-main/template/template.types.js';
import { corpusFile } from './corpora-dir.js';

interface GsmHardRow {
  input: string;
  code: string;
  target: number;
}

const ASSIGNMENT = /^\s+([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(-?\d+(?:\.\d+)?)\s*$/gm;

/**
 * Templates made from PAL's gsm-hard rows: the problem text, the PAL program, and every
 * `name = number` line of the program as a variable. Good enough as realistic storage payload
 * (real text, real Python, real sizes); the importers do the careful conversion.
 */
export function loadGsmHardTemplates(): Template[] {
  const lines = readFileSync(corpusFile('pal/gsmhardv2.jsonl'), 'utf8').split('\n').filter((l) => l.trim() !== '');
  return lines.map((line, index) => {
    const row = JSON.parse(line) as GsmHardRow;
    const variables: Record<string, number> = {};
    for (const m of row.code.matchAll(ASSIGNMENT)) {
      const [, name, value] = m;
      if (name !== undefined && value !== undefined) variables[name] = Number(value);
    }
    return {
      id: `pal.gsmhard.${String(index).padStart(4, '0')}`,
      source: 'gsm-hard',
      original_problem: row.input,
      generic_problem: row.input,
      program: row.code,
      variables,
      original_answer: row.target,
      topic: index % 3 === 0 ? 'money' : index % 3 === 1 ? 'rates' : 'counting',
    };
  });
}

interface GsmRow {
  question: string;
  answer: string;
}

/** GSM8K train+test rows as templates (answer after `####`), 8,792 of them. */
export function loadGsm8kTemplates(): Template[] {
  const out: Template[] = [];
  for (const split of ['train', 'test'] as const) {
    const lines = readFileSync(corpusFile(`gsm8k/${split}.jsonl`), 'utf8').split('\n').filter((l) => l.trim() !== '');
    lines.forEach((line, index) => {
      const row = JSON.parse(line) as GsmRow;
      const final = row.answer.split('####').pop()?.trim().replaceAll(',', '') ?? '';
      const answer = Number(final);
      out.push({
        id: `gsm8k.${split}.${String(index).padStart(4, '0')}`,
        source: 'gsm8k',
        original_problem: row.question,
        generic_problem: row.question,
        program: `def solution():\n    """${row.question.replaceAll('"', "'")}"""\n    result = ${Number.isFinite(answer) ? String(answer) : '0'}\n    return result\n`,
        variables: {},
        original_answer: Number.isFinite(answer) ? answer : final,
        topic: 'gsm8k',
        meta: { worked_solution: row.answer },
      });
    });
  }
  return out;
}
