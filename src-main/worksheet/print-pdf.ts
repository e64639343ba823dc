/**
 * Worksheet HTML to PDF with Chromium's print engine (playwright-core driving the system Chromium): the
 * same engine as Electron's printToPDF in the app. The page waits for KaTeX's fonts before printing, and
 * `preferCSSPageSize` lets the document's `@page` rules (paper, margins, footers) decide.
 */
import type { Browser } from 'playwright-core';
import { CHROMIUM_FLAGS, chromiumPath } from '../chromium.js';

export { CHROMIUM_FLAGS, chromiumPath } from '../chromium.js';

export interface PdfPrinter {
  print(html: string, paper: 'A4' | 'Letter'): Promise<Buffer>;
  close(): Promise<void>;
}

/** One browser for several documents (a sheet and its key, or one file per version). */
export async function openPdfPrinter(): Promise<PdfPrinter> {
  // Loaded on demand: HTML and LaTeX exports must work where playwright-core is not installed.
  let chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch (err) {
    throw new Error(`PDF export needs the playwright-core package (${(err as Error).message}); export HTML or LaTeX instead`, { cause: err });
  }
  const browser: Browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: [...CHROMIUM_FLAGS] });
  return {
    print: async (html, paper) => {
      const page = await browser.newPage();
      try {
        await page.setContent(html, { waitUntil: 'load' });
        // A string: the main process compiles without the DOM typings.
        await page.evaluate('document.fonts.ready.then(() => true)');
        return await page.pdf({ format: paper, printBackground: true, preferCSSPageSize: true });
      } finally {
        await page.close();
      }
    },
    close: () => browser.close(),
  };
}

export async function printPdf(html: string, paper: 'A4' | 'Letter'): Promise<Buffer> {
  const printer = await openPdfPrinter();
  try {
    return await printer.print(html, paper);
  } finally {
    await printer.close();
  }
}
