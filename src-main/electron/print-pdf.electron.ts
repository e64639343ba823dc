/**
 * The desktop app's worksheet export, in the main process: the engine process has no browser, so it hands
 * back the print HTML; here the SAME HTML is printed with Electron's `webContents.printToPDF` in a hidden
 * window, the user chooses where to save (one dialog, the other files of the export go next to it), and the
 * page is told where they went. The decisions live in worksheet/desktop-export.ts (tested without Electron).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// Types only: main.electron.ts hands in Electron's objects, so the bundle keeps one import of electron.
import type { BrowserWindow, Dialog } from 'electron';
import type { ApiResponse } from '../api/contract.std.js';
import type { WorksheetExportResult } from '../api/worksheet-contract.std.js';
import { desktopPdfOptions, desktopSavePaths, exportStem, saveDialogFilter } from '../worksheet/desktop-export.js';

export interface DesktopExportDeps {
  BrowserWindow: typeof BrowserWindow;
  dialog: Dialog;
  /** The window the save dialog belongs to. */
  parent: BrowserWindow | null;
  /** Where the save dialog starts (the user's documents folder). */
  documentsDir: string;
}

/** Prints one self-contained HTML document (no scripts of its own) to PDF bytes. */
export async function printHtmlToPdf(Window: typeof BrowserWindow, html: string, paper: 'A4' | 'Letter'): Promise<Buffer> {
  // A file, not a data: URL: a sheet with inlined KaTeX fonts can pass Chromium's 2 MB URL limit.
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'infinitymath-print-'));
  const file = path.join(dir, 'sheet.html');
  const win = new Window({ show: false, webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false } });
  try {
    await fs.promises.writeFile(file, html);
    await win.loadFile(file);
    // KaTeX's fonts are data: URLs but still load asynchronously: print only once they are in.
    await win.webContents.executeJavaScript('document.fonts.ready.then(() => true)');
    return await win.webContents.printToPDF(desktopPdfOptions(paper));
  } finally {
    win.destroy();
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}

/** Turns the engine's export result into saved files (relay hook for `worksheets.export`). */
export async function saveWorksheetExport(deps: DesktopExportDeps, response: ApiResponse<unknown>): Promise<ApiResponse<unknown>> {
  if (!response.ok) return response;
  const result = response.value as WorksheetExportResult;
  const names = result.files.map((f) => f.name);
  const first = names[0];
  if (first === undefined) return response;
  const options: Electron.SaveDialogOptions = {
    title: names.length > 1 ? `Save worksheet (${names.length} files)` : 'Save worksheet',
    defaultPath: path.join(deps.documentsDir, `${exportStem(names)}${path.extname(first)}`),
    filters: [saveDialogFilter(first)],
  };
  const picked = deps.parent ? await deps.dialog.showSaveDialog(deps.parent, options) : await deps.dialog.showSaveDialog(options);
  // The bytes never go back to the page: it only needs to know what happened.
  const stripped = result.files.map((f) => ({ name: f.name, mime: f.mime, base64: '' }));
  if (picked.canceled || picked.filePath === undefined || picked.filePath === '') {
    return { ok: true, value: { files: stripped, savedTo: [], cancelled: true } satisfies WorksheetExportResult };
  }
  const targets = desktopSavePaths(names, picked.filePath);
  try {
    for (const [i, file] of result.files.entries()) {
      const bytes = file.print ? await printHtmlToPdf(deps.BrowserWindow, file.print.html, file.print.paper) : Buffer.from(file.base64, 'base64');
      await fs.promises.writeFile(targets[i] ?? picked.filePath, bytes);
    }
  } catch (err) {
    return { ok: false, error: { code: 'internal', message: `worksheets.export: could not save the files: ${err instanceof Error ? err.message : String(err)}` } };
  }
  return { ok: true, value: { files: stripped, savedTo: targets, cancelled: false } satisfies WorksheetExportResult };
}
