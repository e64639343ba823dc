/**
 * The math allowlist against real math written by other people: every MATH-500 answer and every
 * MATH-500 problem (LaTeX throughout: fractions, roots, matrices, cases, Greek, `\pmod`, `\text`)
 * passes without a refusal, and each answer's math compiles with pdflatex in one document. Reads `shared/corpora` beside the
 * repository (or beside its parent, for a worktree), or `$INFINITYMATH_CORPORA`.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src-main/paths.js';
import { texProblems } from '../../src-main/template/tex-safety.std.js';
import { mathTextToTexReport } from '../../src-main/worksheet/tex-safe.std.js';

function corporaDir(): string {
  const candidates = [process.env.INFINITYMATH_CORPORA, path.resolve(packageRoot(), '..', 'shared', 'corpora'), path.resolve(packageRoot(), '..', '..', 'shared', 'corpora')];
  const found = candidates.find((c): c is string => c !== undefined && fs.existsSync(path.join(c, 'math500')));
  if (found === undefined) throw new Error(`no corpora found (tried ${candidates.filter(Boolean).join(', ')}); set INFINITYMATH_CORPORA`);
  return found;
}

interface MathRow {
  problem: string;
  answer: string;
  unique_id: string;
}

const rows = (): MathRow[] =>
  fs
    .readFileSync(path.join(corporaDir(), 'math500', 'math500_test.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as MathRow);

describe('MATH-500 through the LaTeX allowlist', () => {
  it('refuses nothing in the 500 answers and nothing in the problems', () => {
    const all = rows();
    expect(all).toHaveLength(500);
    const refusedAnswers = all.flatMap((r) => (texProblems(`$${r.answer}$`).length > 0 ? [`${r.unique_id}: ${texProblems(`$${r.answer}$`).join(', ')}`] : []));
    expect(refusedAnswers).toEqual([]);
    const refusedProblems = all.flatMap((r) => (texProblems(r.problem).length > 0 ? [`${r.unique_id}: ${texProblems(r.problem).join(', ')}`] : []));
    expect(refusedProblems).toEqual([]);
  });

  it('every answer compiles with pdflatex as the export writes it', () => {
    const body = rows().map((r, i) => {
      const { tex, refused } = mathTextToTexReport(`$${r.answer}$`);
      expect(refused, r.unique_id).toEqual([]);
      return `${i}: ${tex}\\par`;
    });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'im-math500-tex-'));
    try {
      const doc = ['\\documentclass{article}', '\\usepackage[T1]{fontenc}', '\\usepackage[utf8]{inputenc}', '\\usepackage{amsmath,amssymb}', '\\begin{document}', ...body, '\\end{document}', ''];
      fs.writeFileSync(path.join(dir, 'answers.tex'), doc.join('\n'));
      const run = spawnSync('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', '-no-shell-escape', 'answers.tex'], { cwd: dir, encoding: 'utf8' });
      const log = fs.readFileSync(path.join(dir, 'answers.log'), 'latin1');
      expect(run.status, log.split('\n').filter((l) => l.startsWith('!')).join('\n')).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
