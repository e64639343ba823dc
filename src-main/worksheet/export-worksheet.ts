/**
 * Writing a generated worksheet to files: PDF (Chromium), HTML or LaTeX; the key in the same file
 * (`appended`), in a sibling file (`separate`: `sheet.pdf` + `sheet-key.pdf`) or not at all; and
 * optionally one file per version (`sheet-A.pdf`, `sheet-B.pdf`, …, each with its key when appended).
 */
import fs from 'node:fs';
import path from 'node:path';
import { inlineKatexCss } from './katex-css.js';
import { openPdfPrinter, type PdfPrinter } from './print-pdf.js';
import { renderWorksheetHtml } from './worksheet-html.std.js';
import { renderWorksheetTex } from './worksheet-tex.std.js';
import type { GeneratedWorksheet } from './worksheet-types.std.js';

export const EXPORT_FORMATS = ['pdf', 'html', 'tex'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportOptions {
  format: ExportFormat;
  /** One file per version instead of one file with every version. */
  perVersion?: boolean;
}

export interface ExportDocument {
  /** The file's path (or bare name). */
  file: string;
  versions: number[];
  parts: 'sheets' | 'keys' | 'both';
}

/** Which files an export writes, named after `out`: sheet first, then its key (`-key`), per version (`-A`) if asked. */
export function planExportDocuments(sheet: GeneratedWorksheet, out: string, perVersion: boolean): ExportDocument[] {
  const ext = path.extname(out);
  const base = out.slice(0, out.length - ext.length);
  const key = sheet.spec.key;
  const groups = perVersion ? sheet.versions.map((v) => ({ suffix: `-${v.label}`, versions: [v.index] })) : [{ suffix: '', versions: sheet.versions.map((v) => v.index) }];
  return groups.flatMap(({ suffix, versions }) => {
    const docs: ExportDocument[] = [{ file: `${base}${suffix}${ext}`, versions, parts: key === 'appended' ? 'both' : 'sheets' }];
    if (key === 'separate') docs.push({ file: `${base}${suffix}-key${ext}`, versions, parts: 'keys' });
    return docs;
  });
}

/** Writes the files and returns their paths (sheet first, then its key). */
export async function exportWorksheet(sheet: GeneratedWorksheet, out: string, opts: ExportOptions): Promise<string[]> {
  const docs = planExportDocuments(sheet, out, opts.perVersion ?? false);
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  if (opts.format === 'tex') {
    for (const d of docs) fs.writeFileSync(d.file, renderWorksheetTex(sheet, { parts: d.parts, versions: d.versions }));
    return docs.map((d) => d.file);
  }
  const katexCss = inlineKatexCss();
  let printer: PdfPrinter | undefined;
  try {
    for (const d of docs) {
      const html = renderWorksheetHtml(sheet, { katexCss, parts: d.parts, versions: d.versions });
      if (opts.format === 'html') {
        fs.writeFileSync(d.file, html);
      } else {
        printer ??= await openPdfPrinter();
        fs.writeFileSync(d.file, await printer.print(html, sheet.spec.paper));
      }
    }
  } finally {
    await printer?.close();
  }
  return docs.map((d) => d.file);
}
