/**
 * Exports in the desktop app: the page may name a file only if the user picked it in the save dialog.
 * The main process's relay in front of the real backend (the engine bundle on a fresh SQLite file, as
 * the desktop app runs it): a path never granted, a relative one, `..`, a grant used twice or after it
 * expired, a symbolic link at the picked path — each refused, with the files on disk unchanged; the
 * picked path written (the dialog already asked before replacing it); the default folder still asks.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../src-main/api/contract.std.js';
import type { JobStarted } from '../../src-main/api/library-contract.std.js';
import type { BackendClient } from '../../src-main/backend/backend-client.js';
import { startNodeBackend } from '../../src-main/backend/backend-ports.js';
import { exportDialogOptions, suggestedExportName } from '../../src-main/electron/export-dialog.js';
import { EXPORT_GRANT_MS, ExportGrants } from '../../src-main/electron/export-grants.js';
import { ImportGrants } from '../../src-main/electron/import-grants.js';
import { createCallRelay, type CallRelay } from '../../src-main/electron/ipc-relay.js';
import { senderProblem, type FrameLike } from '../../src-main/electron/sender-check.js';
import { bundleForTest } from '../backend/bundle.js';
import { TEST_CACHE_DIR } from '../helpers/sandbox.js';

const mainFrame: FrameLike = { url: 'app://studio/index.html', parent: null, processId: 3, routingId: 1 };
const clock = { now: 1_000_000 };
let dir: string;
let picked: string;
let client: BackendClient;
let kill: () => void;
let exportGrants: ExportGrants;
let relay: CallRelay;
const events: ApiEvent[] = [];

const args = (extra: Record<string, unknown> = {}) => ({ filter: { packId: 'starter' }, format: 'native', ...extra });

async function exportDone(response: Awaited<ReturnType<CallRelay>>): Promise<ApiEvent> {
  if (!response.ok) throw new Error(response.error.message);
  const { jobId } = response.value as JobStarted;
  for (;;) {
    const e = events.find((x) => 'jobId' in x && x.jobId === jobId && (x.type === 'library.export.done' || x.type === 'library.job.failed'));
    if (e) return e;
    await new Promise<void>((resolve) => {
      const stop = client.onEvent(() => {
        stop();
        resolve();
      });
    });
  }
}

beforeAll(async () => {
  const script = await bundleForTest('src-main/backend/backend-main.ts', 'backend-main-export');
  dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'im-export-relay-')));
  picked = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'im-export-picked-')));
  const started = startNodeBackend(script, { dbPath: path.join(dir, 'library.sqlite'), cacheDir: TEST_CACHE_DIR, poolSize: 1 });
  client = started.client;
  client.onEvent((e) => events.push(e));
  kill = () => started.child.kill('SIGKILL');
  exportGrants = new ExportGrants(() => clock.now);
  relay = createCallRelay({ checkSender: (f) => senderProblem(f, mainFrame), backend: () => client, grants: new ImportGrants(), exportGrants });
  await client.ready;
}, 120_000);
afterAll(() => {
  kill();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(picked, { recursive: true, force: true });
});

describe('library.exportStart through the desktop relay', () => {
  it('refuses a path the user never picked, and writes nothing there', async () => {
    const file = path.join(picked, 'never.jsonl');
    const r = await relay(mainFrame, 'library.exportStart', args({ out: file }));
    expect(r).toEqual({ ok: false, error: { code: 'bad-request', message: `library.exportStart: ${file} was not chosen in the save dialog; use Choose… in the export dialog (or leave the file empty for the exports folder)` } });
    expect(await relay(mainFrame, 'library.exportTarget', args({ out: file }))).toMatchObject({ ok: false });
    expect(fs.readdirSync(picked)).toEqual([]);
    // A relative path or one with `..` is never a grant.
    expect(exportGrants.grant('out.jsonl')).toBe(false);
    expect(await relay(mainFrame, 'library.exportStart', args({ out: 'out.jsonl' }))).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await relay(mainFrame, 'library.exportStart', args({ out: `${picked}/../${path.basename(picked)}/never.jsonl` }))).toMatchObject({ ok: false });
    expect(fs.readdirSync(picked)).toEqual([]);
  });

  it('writes the picked file, replacing what was there (the dialog asked), and only once per answer', async () => {
    const file = path.join(picked, 'picked.jsonl');
    fs.writeFileSync(file, 'old\n');
    expect(exportGrants.grant(file)).toBe(true);
    // Looking does not use the answer up.
    expect(await relay(mainFrame, 'library.exportTarget', args({ out: file }))).toEqual({ ok: true, value: { path: file, exists: true, folder: path.join(dir, 'exports') } });
    const done = await exportDone(await relay(mainFrame, 'library.exportStart', args({ out: file })));
    expect(done).toMatchObject({ type: 'library.export.done', summary: { out: file, cancelled: false } });
    expect(fs.readFileSync(file, 'utf8')).not.toBe('old\n');
    const written = fs.readFileSync(file, 'utf8');
    // The same answer cannot write the file again.
    expect(await relay(mainFrame, 'library.exportStart', args({ out: file }))).toMatchObject({ ok: false, error: { message: expect.stringContaining('was not chosen in the save dialog') as unknown } });
    expect(fs.readFileSync(file, 'utf8')).toBe(written);
  });

  it('a grant expires', async () => {
    const file = path.join(picked, 'late.jsonl');
    exportGrants.grant(file);
    clock.now += EXPORT_GRANT_MS + 1;
    expect(await relay(mainFrame, 'library.exportStart', args({ out: file }))).toMatchObject({ ok: false });
    expect(fs.existsSync(file)).toBe(false);
  });

  it('a symbolic link put at the picked path is refused by the engine, its target untouched', async () => {
    const victim = path.join(picked, 'victim.txt');
    fs.writeFileSync(victim, 'keep me');
    const file = path.join(picked, 'swapped.jsonl');
    exportGrants.grant(file);
    fs.symlinkSync(victim, file);
    expect(await relay(mainFrame, 'library.exportStart', args({ out: file }))).toMatchObject({ ok: false, error: { message: expect.stringContaining('is a symbolic link') as unknown } });
    expect(fs.readFileSync(victim, 'utf8')).toBe('keep me');
  });

  it('without a path, exports go to the data folder, and an existing file there needs the page to confirm', async () => {
    const first = await exportDone(await relay(mainFrame, 'library.exportStart', args()));
    expect(first).toMatchObject({ summary: { out: path.join(dir, 'exports', 'starter-native.jsonl') } });
    expect(await relay(mainFrame, 'library.exportStart', args())).toMatchObject({ ok: false, error: { message: expect.stringContaining('already exists') as unknown } });
    expect(await exportDone(await relay(mainFrame, 'library.exportStart', args({ overwrite: true })))).toMatchObject({ type: 'library.export.done' });
  });
});

describe('the export save dialog', () => {
  it('asks before replacing a file on every platform and suggests a plain file name', () => {
    const o = exportDialogOptions('../../etc/passwd', '/home/ann/Documents');
    expect(o.properties).toContain('showOverwriteConfirmation');
    expect(o.defaultPath).toBe('/home/ann/Documents/passwd.jsonl');
    expect(suggestedExportName('starter-chat.jsonl')).toBe('starter-chat.jsonl');
    expect(suggestedExportName('.bashrc')).toBe('bashrc.jsonl');
    expect(suggestedExportName(42)).toBe('export.jsonl');
  });
});
