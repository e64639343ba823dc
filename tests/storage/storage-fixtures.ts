/**
 * Shared helpers for the storage tests: temp database files, small hand-written templates and
 * templates made from real public corpora (../shared/corpora, read in place, never copied).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Template } from '../../src-main/template/template.types.js';

export const CORPORA_DIR = path.resolve(import.meta.dirname, '../../..', 'shared/corpora');

export interface TempDir {
  dir: string;
  file(name: string): string;
  remove(): void;
}

export function makeTempDir(prefix = 'imstudio-storage-'): TempDir {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return {
    dir,
    file: (name) => path.join(dir, name),
    remove: () => {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function coatTemplate(overrides: Partial<Template> = {}): Template {
  return {
    id: 'starter.percent.coat-sale',
    source: 'starter',
    original_problem: 'A coat costs $80 and is on sale for 25% off. What is the sale price?',
    generic_problem: 'A coat costs {price} and is on sale for {discount_percent} off. What is the sale price?',
    program:
      'def solution(price, discount_percent):\n    """Sale price after a percent discount."""\n    discount = price * discount_percent / 100\n    return round(price - discount, 2)\n',
    variables: { price: 80, discount_percent: 25 },
    original_answer: 60,
    answer_format: 'money',
    domains: {
      price: { kind: 'money', min: 20, max: 200, step: 5 },
      discount_percent: { kind: 'percent', min: 5, max: 50, step: 5 },
    },
    strand: 'percent',
    topic: 'percent',
    grade: { min: 6, max: 8 },
    difficulty: 1,
    ...overrides,
  };
}

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
  const lines = readFileSync(path.join(CORPORA_DIR, 'pal/gsmhardv2.jsonl'), 'utf8').split('\n').filter((l) => l.trim() !== '');
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
    const lines = readFileSync(path.join(CORPORA_DIR, `gsm8k/${split}.jsonl`), 'utf8').split('\n').filter((l) => l.trim() !== '');
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
