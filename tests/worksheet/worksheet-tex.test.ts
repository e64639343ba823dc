/**
 * The LaTeX export compiles: the fractions sheet (4 versions, two columns, keys) and one problem
 * of every starter template (money, percent, units and math side by side), through pdflatex
 * (texlive-latex-base), then read back: one page group per version and key, footers on the pages.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxPool } from '../../src-main/sandbox/pool.js';
import { generateWorksheet } from '../../src-main/worksheet/generate-worksheet.js';
import { pickItems } from '../../src-main/worksheet/pick-templates.js';
import { renderWorksheetTex } from '../../src-main/worksheet/worksheet-tex.std.js';
import { createTestPool } from '../helpers/sandbox.js';
import { fractionsSpec, starterLookup, starterTemplates } from './fixture.js';

let pool: SandboxPool;
let dir: string;

/** Compiles `tex` and returns the text of each page. */
function compile(name: string, tex: string): string[] {
  const file = path.join(dir, `${name}.tex`);
  fs.writeFileSync(file, tex);
  const run = spawnSync('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', '-no-shell-escape', `${name}.tex`], { cwd: dir, encoding: 'utf8' });
  if (run.error) throw new Error(`pdflatex not found (${run.error.message}): apt-get install -y texlive-latex-base`, { cause: run.error });
  const log = fs.readFileSync(path.join(dir, `${name}.log`), 'utf8');
  expect(run.status, log.split('\n').filter((l) => l.startsWith('!')).join('\n')).toBe(0);
  expect(log).not.toMatch(/Missing character/);
  const pdf = path.join(dir, `${name}.pdf`);
  const pages = Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1]);
  return Array.from({ length: pages }, (_, i) => execFileSync('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), pdf, '-'], { encoding: 'utf8' }));
}

beforeAll(async () => {
  pool = await createTestPool();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'im-worksheet-tex-'));
});
afterAll(async () => {
  await pool.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('LaTeX export', () => {
  it('the fractions sheet compiles: each version and key on its own pages with its footer', async () => {
    const sheet = await generateWorksheet(pool, fractionsSpec(7, { columns: 2 }), starterLookup());
    const pages = compile('fractions', renderWorksheetTex(sheet));
    expect(pages.length).toBeGreaterThanOrEqual(8);
    const footers = pages.map((p) => /(Answer key · )?Version ([A-D]) · seed 7\s*$/.exec(p.trim())?.[0]);
    expect(footers.every((f) => f !== undefined), footers.join(' | ')).toBe(true);
    const groups = footers.filter((f, i) => f !== footers[i - 1]);
    expect(groups).toEqual([
      'Version A · seed 7',
      'Version B · seed 7',
      'Version C · seed 7',
      'Version D · seed 7',
      'Answer key · Version A · seed 7',
      'Answer key · Version B · seed 7',
      'Answer key · Version C · seed 7',
      'Answer key · Version D · seed 7',
    ]);
  });

  it('every starter template prints through LaTeX (escaping of money, percent, units and math)', async () => {
    const items = pickItems(starterTemplates(), starterTemplates().length, 3);
    for (const [i, part] of [items.slice(0, 200), items.slice(200)].entries()) {
      const sheet = await generateWorksheet(pool, { seed: 3, items: part, workingSpace: 'none', key: 'appended' }, starterLookup());
      const pages = compile(`starter-${i}`, renderWorksheetTex(sheet));
      expect(pages.join('\n')).toContain('Answer key · Version A · seed 3');
    }
  });
});
