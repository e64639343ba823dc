/**
 * A generated worksheet as in-memory files for the app (not written to disk here): PDF, HTML or LaTeX,
 * named after the sheet's title, split like the CLI's export (key appended / separate / none, one file or
 * one per version). PDFs are printed with Chromium here, or — in the desktop app — left as print HTML for
 * the main process, which prints the same HTML with Electron's printToPDF.
 */
import type { ExportedWorksheetFile, WorksheetExportFormat } from '../api/worksheet-contract.std.js';
import { planExportDocuments } from './export-worksheet.js';
import { inlineKatexCss } from './katex-css.js';
import { openPdfPrinter, type PdfPrinter } from './print-pdf.js';
import { renderWorksheetHtml, type WorksheetHtmlOptions } from './worksheet-html.std.js';
import { renderWorksheetTex } from './worksheet-tex.std.js';
import type { GeneratedWorksheet } from './worksheet-types.std.js';

export const EXPORT_MIME: Record<WorksheetExportFormat, string> = {
  pdf: 'application/pdf',
  html: 'text/html;charset=utf-8',
  tex: 'application/x-tex',
};

/** A file name from a title: lower-case words joined by `-`, at most 60 characters, never empty. */
export function fileStem(title: string): string {
  const stem = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return stem === '' ? 'worksheet' : stem;
}

export interface ExportFilesOptions {
  format: WorksheetExportFormat;
  perVersion: boolean;
  /** `print`: PDFs printed here with Chromium; `defer`: print HTML handed to the desktop app's printer. */
  pdf: 'print' | 'defer';
  workedSolution?: WorksheetHtmlOptions['workedSolution'];
}

export async function buildExportFiles(sheet: GeneratedWorksheet, opts: ExportFilesOptions): Promise<ExportedWorksheetFile[]> {
  const docs = planExportDocuments(sheet, `${fileStem(sheet.spec.title)}.${opts.format}`, opts.perVersion);
  const mime = EXPORT_MIME[opts.format];
  if (opts.format === 'tex') {
    return docs.map((d) => ({ name: d.file, mime, base64: Buffer.from(renderWorksheetTex(sheet, { parts: d.parts, versions: d.versions })).toString('base64') }));
  }
  const katexCss = inlineKatexCss();
  const html = (d: (typeof docs)[number]): string =>
    renderWorksheetHtml(sheet, { katexCss, parts: d.parts, versions: d.versions, ...(opts.workedSolution ? { workedSolution: opts.workedSolution } : {}) });
  if (opts.format === 'html') return docs.map((d) => ({ name: d.file, mime, base64: Buffer.from(html(d)).toString('base64') }));
  if (opts.pdf === 'defer') return docs.map((d) => ({ name: d.file, mime, base64: '', print: { html: html(d), paper: sheet.spec.paper } }));
  let printer: PdfPrinter | undefined;
  try {
    const out: ExportedWorksheetFile[] = [];
    for (const d of docs) {
      printer ??= await openPdfPrinter();
      out.push({ name: d.file, mime, base64: (await printer.print(html(d), sheet.spec.paper)).toString('base64') });
    }
    return out;
  } finally {
    await printer?.close();
  }
}
