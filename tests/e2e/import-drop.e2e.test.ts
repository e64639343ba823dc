/**
 * Dropping a file on the window: browser mode cannot see file paths, so it explains how to import
 * instead of failing silently; a file that is not JSONL is refused by name.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type Browser } from './browser.js';
import { assertWebBuilt, startWeb, type WebProcess } from './web-process.js';

let dir: string;
let server: WebProcess;
let browser: Browser;

beforeAll(async () => {
  assertWebBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'im-drop-'));
  server = await startWeb(path.join(dir, 'db.sqlite'));
  browser = await launchBrowser();
  await browser.page.goto(server.url);
  await browser.page.waitForSelector('#main');
});

afterAll(async () => {
  await browser.close();
  await server.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The DOM constructors the in-page function uses (the test project is typed for Node, without the DOM lib). */
interface DropGlobals {
  DataTransfer: new () => { items: { add(file: unknown): unknown } };
  File: new (parts: string[], name: string, options: { type: string }) => unknown;
  DragEvent: new (type: string, init: { dataTransfer: unknown; cancelable: boolean }) => unknown;
  dispatchEvent(event: unknown): boolean;
}

async function dropFile(page: Page, name: string): Promise<void> {
  await page.evaluate((fileName) => {
    const g = globalThis as unknown as DropGlobals;
    const data = new g.DataTransfer();
    data.items.add(new g.File(['{"id":"x"}\n'], fileName, { type: 'application/json' }));
    g.dispatchEvent(new g.DragEvent('dragover', { dataTransfer: data, cancelable: true }));
    g.dispatchEvent(new g.DragEvent('drop', { dataTransfer: data, cancelable: true }));
  }, name);
}

describe('drop to import', () => {
  it('explains in browser mode that drag-and-drop import needs the desktop app', async () => {
    const page = browser.page;
    await dropFile(page, 'pack.jsonl');
    const overlay = page.getByTestId('import-drop');
    await expect.poll(() => overlay.textContent()).toContain('needs the desktop app');
    expect(await overlay.textContent()).toContain('infinitymath import pack.jsonl');
    await page.getByRole('button', { name: 'Close' }).click();
    await overlay.waitFor({ state: 'detached' });
  });

  it('refuses a file that is not JSONL, by name', async () => {
    const page = browser.page;
    await dropFile(page, 'notes.txt');
    await expect.poll(() => page.getByTestId('import-drop').textContent()).toContain('notes.txt is not a JSONL file');
    expect(browser.problems).toEqual([]);
  });
});
