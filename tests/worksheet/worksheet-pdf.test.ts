/**
 * The printed worksheet, through Chromium's print engine and read back with poppler (pdfinfo, pdftoppm,
 * pdftotext): page count and paper, every problem whole on one page (invisible start/end markers must
 * land on the same page), each version and each key starting on its own page, and the running footer
 * "Version B · seed 7" on every page. PNGs of the pages are kept in test-artifacts/worksheet/ to look at.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src-main/paths.js';
import type { SandboxPool } from '../../src-main/sandbox/pool.js';
import { exportWorksheet } from '../../src-main/worksheet/export-worksheet.js';
import { generateWorksheet } from '../../src-main/worksheet/generate-worksheet.js';
import { inlineKatexCss } from '../../src-main/worksheet/katex-css.js';
import { printPdf } from '../../src-main/worksheet/print-pdf.js';
import { renderWorksheetHtml } from '../../src-main/worksheet/worksheet-html.std.js';
import type { GeneratedWorksheet } from '../../src-main/worksheet/worksheet-types.std.js';
import { createTestPool } from '../helpers/sandbox.js';
import { fractionsSpec, starterLookup } from './fixture.js';

const ARTIFACTS = path.join(packageRoot(), 'test-artifacts', 'worksheet');
let pool: SandboxPool;
let dir: string;

function poppler(tool: string, ...args: string[]): string {
  try {
    return execFileSync(tool, args, { encoding: 'utf8' });
  } catch (err) {
    throw new Error(`${tool} failed (${(err as Error).message}); install poppler-utils (apt-get install -y poppler-utils)`, { cause: err });
  }
}

interface PrintedPage {
  text: string;
  /** Markers found on the page: `P A 3 <` … */
  markers: string[];
}

/** Prints with markers, renders every page to PNG, and returns each page's text. */
async function printAndRead(sheet: GeneratedWorksheet, name: string): Promise<{ pages: PrintedPage[]; pdf: string; size: string }> {
  const html = renderWorksheetHtml(sheet, { katexCss: inlineKatexCss(), markers: true });
  const pdf = path.join(dir, `${name}.pdf`);
  fs.writeFileSync(pdf, await printPdf(html, sheet.spec.paper));
  const info = poppler('pdfinfo', pdf);
  const count = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  const size = /^Page size:\s+(.*)$/m.exec(info)?.[1] ?? '';
  const out = path.join(ARTIFACTS, name);
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  poppler('pdftoppm', '-png', '-r', '50', pdf, path.join(out, 'page'));
  expect(fs.readdirSync(out).filter((f) => f.endsWith('.png'))).toHaveLength(count);
  const pages = Array.from({ length: count }, (_, i) => {
    const text = poppler('pdftotext', '-f', String(i + 1), '-l', String(i + 1), pdf, '-');
    return { text, markers: [...text.matchAll(/\[\[([PK] [A-Z] \d+ [<>])\]\]/g)].map((m) => m[1] ?? '') };
  });
  return { pages, pdf, size };
}

function checkLayout(sheet: GeneratedWorksheet, pages: PrintedPage[]): void {
  const seed = sheet.spec.seed;
  const pageOf = new Map<string, number>();
  pages.forEach((p, i) => {
    for (const m of p.markers) {
      expect(pageOf.has(m), `marker ${m} printed twice`).toBe(false);
      pageOf.set(m, i + 1);
    }
  });
  for (const v of sheet.versions) {
    for (const p of v.problems) {
      for (const kind of ['P', 'K'] as const) {
        const start = pageOf.get(`${kind} ${v.label} ${p.number} <`);
        const end = pageOf.get(`${kind} ${v.label} ${p.number} >`);
        expect(start, `${kind} ${v.label} ${p.number} start printed`).toBeDefined();
        expect(end, `${kind} ${v.label} ${p.number} split across pages ${start}–${end}`).toBe(start);
      }
    }
  }
  pages.forEach((p, i) => {
    const kinds = new Set(p.markers.map((m) => m.slice(0, 3)));
    // One version, and either problems or a key, per page: each starts on a new page.
    expect(kinds.size, `page ${i + 1} holds ${[...kinds].join(', ')}`).toBe(1);
    const [kind, label] = [...kinds][0]?.split(' ') ?? [];
    const footer = kind === 'K' ? `Answer key · Version ${label} · seed ${seed}` : `Version ${label} · seed ${seed}`;
    expect(p.text, `page ${i + 1} footer`).toContain(footer);
    if (kind === 'P') expect(p.text).not.toContain('Answer key ·');
  });
  // Versions first, in order, then the keys in order.
  const sequence = pages.map((p) => p.markers[0]?.slice(0, 3));
  const expected = [...sheet.versions.map((v) => `P ${v.label}`), ...sheet.versions.map((v) => `K ${v.label}`)];
  expect(sequence.filter((s, i) => s !== sequence[i - 1])).toEqual(expected);
}

beforeAll(async () => {
  pool = await createTestPool();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'im-worksheet-'));
});
afterAll(async () => {
  await pool.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('worksheet PDF', () => {
  it('A4, one column: 4 versions × 20 problems with keys, no problem split, footers on every page', async () => {
    const sheet = await generateWorksheet(pool, fractionsSpec(7), starterLookup());
    const { pages, size } = await printAndRead(sheet, 'a4-one-column');
    expect(size).toContain('(A4)');
    // 20 problems with small working space take several pages per version; each key fits on one page.
    expect(pages.length).toBeGreaterThanOrEqual(4 * 2 + 4);
    expect(pages.filter((p) => p.markers.some((m) => m.startsWith('K'))).length).toBe(4);
    checkLayout(sheet, pages);
    // The key names the template and instance seed of every answer, so it can be regenerated from the page.
    const keyA = pages.find((p) => p.markers.includes('K A 1 <'))?.text ?? '';
    const first = sheet.versions[0]?.problems[0]?.instance;
    expect(keyA).toContain(`${first?.templateId ?? '?'} #${first?.seed ?? '?'}`);
  });

  it('Letter, two columns, large working space: still no problem split', async () => {
    const sheet = await generateWorksheet(pool, fractionsSpec(11, { paper: 'Letter', columns: 2, workingSpace: 'large', versions: 2, fontSize: 13 }), starterLookup());
    const { pages, size } = await printAndRead(sheet, 'letter-two-columns');
    expect(size).toContain('(letter)');
    expect(pages.length).toBeGreaterThanOrEqual(2 * 3 + 2);
    checkLayout(sheet, pages);
  });

  it('exports a separate key file, one file per version, and HTML that is self-contained', async () => {
    const sheet = await generateWorksheet(pool, fractionsSpec(7, { versions: 2, key: 'separate' }), starterLookup());
    const files = await exportWorksheet(sheet, path.join(dir, 'out', 'sheet.pdf'), { format: 'pdf', perVersion: true });
    expect(files.map((f) => path.basename(f))).toEqual(['sheet-A.pdf', 'sheet-A-key.pdf', 'sheet-B.pdf', 'sheet-B-key.pdf']);
    const textOf = (f: string): string => poppler('pdftotext', f, '-');
    expect(textOf(files[1] ?? '')).toContain('Answer key · Version A · seed 7');
    expect(textOf(files[1] ?? '')).not.toContain('Version B');
    expect(textOf(files[2] ?? '')).toContain('Version B · seed 7');
    expect(textOf(files[2] ?? '')).not.toContain('Answer key');
    const [htmlFile] = await exportWorksheet(sheet, path.join(dir, 'out', 'sheet.html'), { format: 'html' });
    const html = fs.readFileSync(htmlFile ?? '', 'utf8');
    // Booleans: a failure should not print half a megabyte of HTML.
    expect(/url\((?!data:)/.test(html), 'a url() that is not inline data').toBe(false);
    expect(html.includes('font/woff2;base64,')).toBe(true);
    expect(html.includes('Answer key'), 'the key is in its own file').toBe(false);
    expect(html.match(/<section class="part sheet/g)).toHaveLength(2);
  });
});
