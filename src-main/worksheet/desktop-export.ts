/**
 * The decisions of the desktop app's worksheet export that need no Electron (print-pdf.electron.ts only
 * connects them to Electron's objects): the printToPDF options for a paper size, the name offered in the
 * save dialog, and where each file of a multi-file export goes once the user has chosen one path.
 */
import path from 'node:path';

/** What Electron's `webContents.printToPDF` gets: the document's own `@page` rules (size, margins, footers) decide. */
export interface DesktopPdfOptions {
  pageSize: 'A4' | 'Letter';
  printBackground: true;
  preferCSSPageSize: true;
  /** The running footer is the document's own `@bottom-center` margin box, not Chromium's header/footer. */
  displayHeaderFooter: false;
  landscape: false;
}

export function desktopPdfOptions(paper: 'A4' | 'Letter'): DesktopPdfOptions {
  if (paper !== 'A4' && paper !== 'Letter') throw new RangeError(`desktopPdfOptions: paper must be A4 or Letter, got ${JSON.stringify(paper)}`);
  return { pageSize: paper, printBackground: true, preferCSSPageSize: true, displayHeaderFooter: false, landscape: false };
}

function commonPrefix(names: readonly string[]): string {
  const first = names[0] ?? '';
  let n = first.length;
  for (const name of names) {
    let i = 0;
    while (i < n && i < name.length && name[i] === first[i]) i++;
    n = i;
  }
  return first.slice(0, n);
}

/**
 * The stem all of an export's file names share (`fractions-practice` for `fractions-practice-A.pdf`,
 * `fractions-practice-A-key.pdf`, …): what the save dialog offers and what the user's chosen name replaces.
 */
export function exportStem(names: readonly string[]): string {
  if (names.length === 0) throw new RangeError('exportStem: no file names');
  const only = names.length === 1 ? (names[0] ?? '') : undefined;
  const stem = only !== undefined ? only.slice(0, only.length - path.extname(only).length) : commonPrefix(names).replace(/[-.]+$/, '');
  return stem === '' ? 'worksheet' : stem;
}

/**
 * Where every file goes when the user chose `chosen` for the first: same folder, the chosen name in place of
 * the shared stem (`week-3.pdf` → `week-3-key.pdf`, `week-3-A.pdf`, …), the export's own extension kept.
 */
export function desktopSavePaths(names: readonly string[], chosen: string): string[] {
  const stem = exportStem(names);
  const dir = path.dirname(chosen);
  const ext = path.extname(names[0] ?? '');
  const chosenExt = path.extname(chosen);
  const chosenStem = path.basename(chosen, chosenExt.toLowerCase() === ext.toLowerCase() ? chosenExt : '');
  return names.map((name) => {
    const rest = name.startsWith(stem) ? name.slice(stem.length) : `-${name}`;
    return path.join(dir, `${chosenStem}${rest}`);
  });
}

const FORMAT_NAMES: Record<string, string> = { '.pdf': 'PDF', '.html': 'Web page (HTML)', '.tex': 'LaTeX' };

/** The save dialog's file type filter for an export's extension. */
export function saveDialogFilter(name: string): { name: string; extensions: string[] } {
  const ext = path.extname(name).toLowerCase();
  return { name: FORMAT_NAMES[ext] ?? 'File', extensions: [ext.replace(/^\./, '') || '*'] };
}
