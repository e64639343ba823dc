/**
 * Every CLI command that writes a file refuses to replace one unless told `--force`, before doing
 * its work, and never writes through a symbolic link: export --out, generate --out, audit --report
 * and worksheet --out, run as a user runs them (the built bundle, a fresh database file).
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

function cli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args, '--db', path.join(dir, 'lib.sqlite')], {
    encoding: 'utf8',
    env: { ...process.env, XDG_CACHE_HOME: path.dirname(TEST_CACHE_DIR) },
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'im-cli-force-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const commands: [string, (out: string) => string[]][] = [
  ['export --out', (out) => ['export', '--out', out, '--pack', 'starter']],
  ['generate --out', (out) => ['generate', 'starter.percent.vinegar-solution', '--count', '2', '--seed', '1', '--out', out]],
  ['audit --report', (out) => ['audit', '--topic', 'unit-rate', '--samples', '2', '--report', out]],
  ['worksheet --out', (out) => ['worksheet', '--topic', 'fractions', '--count', '2', '--seed', '1', '--format', 'html', '--key', 'appended', '--out', out]],
];

describe('--force', () => {
  it.each(commands)('%s: an existing file is kept without --force and replaced with it', (name, argv) => {
    const out = path.join(dir, `${name.replace(/\W+/g, '-')}.out`);
    fs.writeFileSync(out, 'keep me\n');
    const refused = cli(...argv(out));
    expect(refused.code, refused.stderr).toBe(1);
    expect(refused.stderr).toContain(`${out} already exists; add --force to replace it`);
    expect(fs.readFileSync(out, 'utf8')).toBe('keep me\n');
    const forced = cli(...argv(out), '--force');
    expect(forced.code, forced.stderr).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).not.toBe('keep me\n');
    // No temporary file is left beside it.
    expect(fs.readdirSync(dir).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('never writes through a symbolic link, even with --force', () => {
    const victim = path.join(dir, 'victim.txt');
    fs.writeFileSync(victim, 'keep me\n');
    const link = path.join(dir, 'link.jsonl');
    fs.symlinkSync(victim, link);
    const r = cli('export', '--out', link, '--pack', 'starter', '--force');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('is a symbolic link');
    expect(fs.readFileSync(victim, 'utf8')).toBe('keep me\n');
  });
});
