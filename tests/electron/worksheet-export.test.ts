/**
 * The desktop app's worksheet export without Electron: printToPDF options per paper, the name the save
 * dialog offers, where each file of a multi-file export goes, and the relay's hook that hands the engine's
 * export result to the main process before the page sees it.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ApiResponse } from '../../src-main/api/contract.std.js';
import { ImportGrants } from '../../src-main/electron/import-grants.js';
import { createCallRelay } from '../../src-main/electron/ipc-relay.js';
import { desktopPdfOptions, desktopSavePaths, exportStem, saveDialogFilter } from '../../src-main/worksheet/desktop-export.js';

describe('desktopPdfOptions', () => {
  it('prints the paper asked for, with backgrounds, letting the document’s @page rules decide', () => {
    expect(desktopPdfOptions('A4')).toEqual({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true, displayHeaderFooter: false, landscape: false });
    expect(desktopPdfOptions('Letter').pageSize).toBe('Letter');
    expect(() => desktopPdfOptions('A3' as 'A4')).toThrow('desktopPdfOptions: paper must be A4 or Letter, got "A3"');
  });
});

describe('exportStem and desktopSavePaths', () => {
  const perVersion = ['fractions-practice-A.pdf', 'fractions-practice-A-key.pdf', 'fractions-practice-B.pdf', 'fractions-practice-B-key.pdf'];

  it('finds the shared stem of one file, a sheet and its key, and one file per version', () => {
    expect(exportStem(['fractions-practice.pdf'])).toBe('fractions-practice');
    expect(exportStem(['fractions-practice.pdf', 'fractions-practice-key.pdf'])).toBe('fractions-practice');
    expect(exportStem(perVersion)).toBe('fractions-practice');
    expect(exportStem(['a.tex', 'b.tex'])).toBe('worksheet');
    expect(() => exportStem([])).toThrow('exportStem: no file names');
  });

  it('puts every file next to the chosen one, the chosen name replacing the stem', () => {
    const dir = path.join(path.sep, 'home', 'teacher', 'Documents');
    expect(desktopSavePaths(['fractions-practice.pdf'], path.join(dir, 'week 3.pdf'))).toEqual([path.join(dir, 'week 3.pdf')]);
    expect(desktopSavePaths(['fractions-practice.pdf', 'fractions-practice-key.pdf'], path.join(dir, 'week3.pdf'))).toEqual([
      path.join(dir, 'week3.pdf'),
      path.join(dir, 'week3-key.pdf'),
    ]);
    expect(desktopSavePaths(perVersion, path.join(dir, 'quiz.PDF'))).toEqual([
      path.join(dir, 'quiz-A.pdf'),
      path.join(dir, 'quiz-A-key.pdf'),
      path.join(dir, 'quiz-B.pdf'),
      path.join(dir, 'quiz-B-key.pdf'),
    ]);
    // A name typed without the extension gets the export's own.
    expect(desktopSavePaths(['s.tex'], path.join(dir, 'sheet'))).toEqual([path.join(dir, 'sheet.tex')]);
  });

  it('offers the format’s file type in the dialog', () => {
    expect(saveDialogFilter('a.pdf')).toEqual({ name: 'PDF', extensions: ['pdf'] });
    expect(saveDialogFilter('a.tex')).toEqual({ name: 'LaTeX', extensions: ['tex'] });
    expect(saveDialogFilter('a.html')).toEqual({ name: 'Web page (HTML)', extensions: ['html'] });
  });
});

describe('the relay’s afterCall hook', () => {
  it('hands each validated call’s response to the main process and returns what it makes of it', async () => {
    const seen: string[] = [];
    const relay = createCallRelay({
      checkSender: () => null,
      // The engine process itself is exercised in ipc-relay.test.ts; here only the hook's plumbing matters.
      backend: () => ({ call: (method) => Promise.resolve({ ok: true, value: `engine:${method}` }) }),
      grants: new ImportGrants(),
      afterCall: (method, response: ApiResponse<unknown>) => {
        seen.push(method);
        return Promise.resolve(method === 'worksheets.export' && response.ok ? { ok: true, value: { saved: response.value } } : response);
      },
    });
    await expect(relay(null, 'app.info', {})).resolves.toEqual({ ok: true, value: 'engine:app.info' });
    await expect(relay(null, 'worksheets.export', { spec: { seed: 1, items: [{ templateId: 't', count: 1 }] }, format: 'pdf' })).resolves.toEqual({
      ok: true,
      value: { saved: 'engine:worksheets.export' },
    });
    // Invalid calls stop at validation: neither the engine nor the hook sees them.
    const bad = await relay(null, 'worksheets.export', { format: 'docx' });
    expect(bad.ok).toBe(false);
    expect(seen).toEqual(['app.info', 'worksheets.export']);
  });
});
