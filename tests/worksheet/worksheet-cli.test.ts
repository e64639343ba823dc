/**
 * `infinitymath worksheet …`, run in-process on a fresh database file (main.ts registration is the lead's;
 * the command itself is what is tested): the example command, formats, separate keys, and
 * one-line errors with the usage exit code.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliError } from '../../src-main/cli/cli-error.js';
import { worksheetCommand } from '../../src-main/cli/commands/worksheet.command.js';
import { TEST_CACHE_DIR } from '../helpers/sandbox.js';

let dir: string;
let db: string;
const savedCache = process.env.XDG_CACHE_HOME;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'im-worksheet-cli-'));
  db = path.join(dir, 'library.sqlite');
  // The sandbox snapshot the other tests made, not a fresh one in the user's cache.
  process.env.XDG_CACHE_HOME = path.dirname(TEST_CACHE_DIR);
});
afterAll(() => {
  if (savedCache === undefined) delete process.env.XDG_CACHE_HOME;
  else process.env.XDG_CACHE_HOME = savedCache;
  fs.rmSync(dir, { recursive: true, force: true });
});

async function usageError(args: string[]): Promise<CliError> {
  const err: unknown = await worksheetCommand(['--db', db, ...args]).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof CliError)) throw new Error(`expected a CliError from ${args.join(' ')}, got ${String(err)}`);
  return err;
}

describe('infinitymath worksheet', () => {
  it('the issue example: 20 fractions problems, 4 versions, seed 7, to PDF with keys', async () => {
    const out = path.join(dir, 'sheet.pdf');
    const files = await worksheetCommand(['--topic', 'fractions', '--count', '20', '--versions', '4', '--seed', '7', '--out', out, '--db', db]);
    expect(files).toEqual([out]);
    expect(fs.readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    const text = execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' });
    for (const label of ['A', 'B', 'C', 'D']) {
      expect(text).toContain(`Version ${label} · seed 7`);
      expect(text).toContain(`Answer key · Version ${label} · seed 7`);
    }
    expect(text).toContain('Fractions');
  });

  it('HTML with a separate key, the same bytes on a second run; LaTeX by extension; Letter paper', async () => {
    const args = ['--topic', 'fractions', '--count', '6', '--versions', '2', '--seed', '3', '--key', 'separate', '--paper', 'Letter', '--db', db];
    const first = await worksheetCommand([...args, '--out', path.join(dir, 'a', 'sheet.html')]);
    const second = await worksheetCommand([...args, '--out', path.join(dir, 'b', 'sheet.html')]);
    expect(first.map((f) => path.basename(f))).toEqual(['sheet.html', 'sheet-key.html']);
    first.forEach((f, i) => expect(fs.readFileSync(f, 'utf8') === fs.readFileSync(second[i] ?? '', 'utf8'), `${f} differs between runs`).toBe(true));
    const sheet = fs.readFileSync(first[0] ?? '', 'utf8');
    expect(sheet).toContain('size:letter');
    expect(sheet.match(/<div class="problem">/g)).toHaveLength(12);
    expect(fs.readFileSync(first[1] ?? '', 'utf8').match(/<div class="key-entry">/g)).toHaveLength(12);

    const [tex] = await worksheetCommand([...args.filter((a) => a !== 'separate' && a !== '--key'), '--out', path.join(dir, 'sheet.tex')]);
    const source = fs.readFileSync(tex ?? '', 'utf8');
    expect(source.match(/\\section\*\{Version [AB]\}/g)).toHaveLength(2);
    expect(source.match(/\\section\*\{Answer key: Version [AB]\}/g)).toHaveLength(2);
  });

  it('a --template list works without a topic', async () => {
    const out = path.join(dir, 'two.html');
    await worksheetCommand(['--template', 'starter.fractions.pizza-left', '--template', 'starter.percent.quiz-score', '--count', '4', '--seed', '1', '--out', out, '--db', db]);
    const html = fs.readFileSync(out, 'utf8');
    expect(html.match(/<div class="problem">/g)).toHaveLength(4);
    expect(html).toContain('starter.fractions.pizza-left #');
    expect(html).toContain('starter.percent.quiz-score #');
  });

  it('bad input ends with one clear line', async () => {
    expect((await usageError(['--topic', 'fractions'])).message).toMatch(/--out FILE is required/);
    expect((await usageError(['--out', 'x.pdf'])).message).toMatch(/give --topic T or at least one --template ID/);
    const versions = await usageError(['--topic', 'fractions', '--out', 'x.pdf', '--versions', '27']);
    expect(versions.message).toMatch(/--versions expects a whole number from 1 to 26, got "27"/);
    expect(versions.exitCode).toBe(2);
    expect((await usageError(['--topic', 'fractions', '--out', 'x.pdf', '--format', 'docx'])).message).toMatch(/--format expects pdf, html, tex, got "docx"/);
    expect((await usageError(['--topic', 'fractions', '--out', 'x.pdf', '--colour', 'red'])).exitCode).toBe(2);
    const columns = await usageError(['--topic', 'fractions', '--out', 'x.pdf', '--columns', '3']);
    expect(columns.message).toBe('worksheet: --columns expects 1, 2, got "3"');
    expect(columns.exitCode).toBe(2);
    const topic = await usageError(['--topic', 'knitting', '--out', path.join(dir, 'x.pdf')]);
    expect(topic.message).toMatch(/no template has topic or strand "knitting"/);
    expect(topic.exitCode).toBe(1);
    expect((await usageError(['--template', 'no.such', '--out', path.join(dir, 'x.pdf')])).message).toMatch(/no template with id "no\.such"/);
  });
});
