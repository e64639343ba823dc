/**
 * `infinitymath audit --report` and `infinitymath export --format …` as the CLI runs them (the
 * command functions, in process, on a real database file and the test sandbox pool).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { auditCommand } from '../../src-main/cli/commands/audit.command.js';
import { exportCommand } from '../../src-main/cli/commands/export.command.js';
import type { CliContext } from '../../src-main/cli/context.js';
import type { ChatRecord } from '../../src-main/export/training-records.js';
import { ensureStarterPack } from '../../src-main/library/starter-pack.js';
import type { SandboxPool } from '../../src-main/sandbox/pool.js';
import { openDatabase, type AppDatabase } from '../../src-main/storage/database.js';
import { createTestPool } from '../helpers/sandbox.js';

let dir: string;
let app: AppDatabase;
let pool: SandboxPool;
let ctx: CliContext;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'im-cli-jobs-'));
  app = openDatabase(path.join(dir, 'library.sqlite'));
  ensureStarterPack(app.db);
  pool = await createTestPool();
  ctx = { database: app, pool: () => Promise.resolve(pool), progress: () => undefined, close: () => Promise.resolve() };
}, 120_000);

afterAll(async () => {
  await pool.close();
  app.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs a command and returns what it printed. */
async function printed(run: () => Promise<void>): Promise<string> {
  const chunks: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  });
  try {
    await run();
  } finally {
    spy.mockRestore();
  }
  return chunks.join('');
}

const base = { pack: undefined, topic: 'unit-rate', search: undefined, verbose: false };

describe('infinitymath audit --report', () => {
  it('audits and writes the HTML report over the same selection', async () => {
    const report = path.join(dir, 'report.html');
    const out = await printed(() => auditCommand(ctx, { ...base, samples: 5, json: true, report }));
    const result = JSON.parse(out.trim().split('\n').pop() ?? '{}') as { summary: { audited: number; byStatus: { healthy: number } }; report: string };
    expect(result.report).toBe(report);
    expect(result.summary.audited).toBeGreaterThan(0);
    const html = fs.readFileSync(report, 'utf8');
    expect(html).toContain('topic: unit-rate');
    expect(html).toMatch(new RegExp(`<span class="k">templates</span><span class="n">${result.summary.audited}</span>`));
    expect(html).toMatch(new RegExp(`<span class="k">healthy</span><span class="n">${result.summary.byStatus.healthy}</span>`));
  }, 120_000);

  it('says where the report went in its table output, and refuses a missing folder', async () => {
    const report = path.join(dir, 'report-2.html');
    const out = await printed(() => auditCommand(ctx, { ...base, samples: 3, json: false, report }));
    expect(out).toContain(`Report: ${report}`);
    expect(out).toMatch(/Audited \d+ of \d+ templates, 3 draws each:/);
    await expect(auditCommand(ctx, { ...base, samples: 3, json: false, report: path.join(dir, 'nope', 'r.html') })).rejects.toMatchObject({
      exitCode: 2,
      message: `audit: --report: no such folder: ${path.join(dir, 'nope')}`,
    });
  }, 120_000);
});

describe('infinitymath export --format', () => {
  it('writes chat records with --per-template and --dedupe', async () => {
    const out = path.join(dir, 'chat.jsonl');
    const text = await printed(() => exportCommand(ctx, { out, pack: undefined, topic: 'unit-rate', status: undefined, json: true, format: 'chat', perTemplate: '2', only: 'all', dedupe: true }));
    const result = JSON.parse(text) as { written: number; records: number; templates: number; format: string };
    expect(result.format).toBe('chat');
    expect(result.written).toBe(result.records);
    const records = fs.readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as ChatRecord);
    expect(records.length).toBe(result.records);
    expect(result.records).toBeGreaterThan(result.templates);
    for (const r of records) expect(r.messages[2]?.content).toMatch(/^```python\n[\s\S]+\n```\nThe answer is .+\.$/);
  }, 120_000);

  it('keeps the old native export when no format is given', async () => {
    const out = path.join(dir, 'native.jsonl');
    const text = await printed(() => exportCommand(ctx, { out, pack: 'starter', topic: undefined, status: undefined, json: false }));
    expect(text).toMatch(new RegExp(`^Exported \\d+ templates to ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n$`));
  });

  it.each([
    [{ format: 'csv' }, 'export: unknown --format "csv"; expected one of native, infinitymath, chat, alpaca, robustness'],
    [{ only: 'good' }, 'export: unknown --only "good"; expected one of all, healthy, approved, approved-healthy'],
    [{ perTemplate: '0' }, 'export: --per-template expects a whole number from 1 to 1000, got "0"'],
    [{ status: 'fine' }, 'export: --status expects unknown, healthy, warning, broken, got "fine"'],
  ])('refuses bad options: %j', async (bad, message) => {
    await expect(exportCommand(ctx, { out: path.join(dir, 'x.jsonl'), pack: undefined, topic: undefined, status: undefined, json: false, ...bad })).rejects.toMatchObject({ exitCode: 2, message });
  });
});
