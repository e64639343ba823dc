/**
 * The `infinitymath` command as a user runs it (the built bundle, a fresh database file): it works on
 * the starter pack with nothing imported, is reproducible by seed, and fails with one clear line.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src-main/paths.js';
import { TEST_CACHE_DIR } from '../helpers/sandbox.js';

const CLI = path.join(packageRoot(), 'dist', 'cli.mjs');
let dir: string;
let db: string;

function cli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, XDG_CACHE_HOME: path.dirname(TEST_CACHE_DIR), INFINITYMATH_DB: db },
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'im-cli-'));
  db = path.join(dir, 'new.sqlite');
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('infinitymath CLI', () => {
  it('a fresh database starts with the starter pack', () => {
    const r = cli('list', '--json', '--limit', '5');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { total: number; templates: { id: string; packId: string }[] };
    expect(out.total).toBeGreaterThanOrEqual(30);
    expect(out.templates.every((t) => t.packId === 'starter')).toBe(true);
  });

  it('generate --all draws from it, and the same seed gives the same instances', () => {
    const out1 = path.join(dir, 'a.jsonl');
    const out2 = path.join(dir, 'b.jsonl');
    const a = cli('generate', '--all', '--count', '2', '--seed', '42', '--out', out1);
    expect(a.code, a.stderr).toBe(0);
    const b = cli('generate', '--all', '--count', '2', '--seed', '42', '--out', out2, '--db', path.join(dir, 'other.sqlite'));
    expect(b.code, b.stderr).toBe(0);
    const first = fs.readFileSync(out1, 'utf8');
    expect(fs.readFileSync(out2, 'utf8')).toBe(first);
    const lines = first.trim().split('\n').map((l) => JSON.parse(l) as { templateId: string; seed: number; text: string; answerText: string });
    expect(lines.length).toBeGreaterThanOrEqual(60);
    expect(new Set(lines.map((l) => l.seed))).toEqual(new Set([42, 43]));
    for (const l of lines) {
      expect(l.text).not.toMatch(/\{[A-Za-z_]\w*\}/);
      expect(l.answerText).not.toBe('');
    }
  });

  it('shows a template with its audit after `audit`', () => {
    const audit = cli('audit', '--samples', '5', '--topic', 'unit-rate', '--json');
    expect(audit.code, audit.stderr).toBe(0);
    const summary = JSON.parse(audit.stdout.trim().split('\n').pop() ?? '{}') as { summary: { audited: number } };
    expect(summary.summary.audited).toBeGreaterThan(0);
    const id = (JSON.parse(audit.stdout.trim().split('\n')[0] ?? '{}') as { templateId: string }).templateId;
    const shown = cli('show', id);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('Program:');
    expect(shown.stdout).toMatch(/Audit \(.*\): (healthy|warning|broken), \d+\/5 valid draws/);
  });

  it('exports the library in the native format', () => {
    const out = path.join(dir, 'export.jsonl');
    const r = cli('export', '--out', out, '--pack', 'starter', '--json');
    expect(r.code, r.stderr).toBe(0);
    const written = (JSON.parse(r.stdout) as { written: number }).written;
    expect(fs.readFileSync(out, 'utf8').trim().split('\n').length).toBe(written);
  });

  it.each([
    [['frob'], 2, 'unknown command "frob"'],
    [['show', 'no.such.template'], 1, 'no template with id "no.such.template"'],
    [['generate', '--count', 'many', '--all'], 2, '--count expects a whole number'],
    [['import', 'nope.jsonl'], 1, 'no such file: nope.jsonl'],
    [['import', 'x.jsonl', '--format', 'csv'], 2, 'unknown --format "csv"'],
    [['list', '--bogus'], 2, "Unknown option '--bogus'"],
  ])('fails clearly on bad input: %j', (args, code, message) => {
    const r = cli(...args);
    expect(r.code).toBe(code);
    expect(r.stderr).toContain(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
