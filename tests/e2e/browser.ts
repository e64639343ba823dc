/** Real Chromium through playwright-core, with a fresh profile per launch (no state between runs). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_FLAGS, chromiumPath } from '../../src-main/chromium.js';

export interface Browser {
  page: Page;
  /** Everything the page logged as an error or threw, for assertions and failure messages. */
  problems: string[];
  close: () => Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  // The app's own search (CHROMIUM_PATH, then Chrome, Chromium or Edge where they install): throws naming what it tried.
  const executablePath = chromiumPath();
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'im-e2e-profile-'));
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    viewport: { width: 1200, height: 820 },
    args: [...CHROMIUM_FLAGS],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  return {
    page,
    problems,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}
