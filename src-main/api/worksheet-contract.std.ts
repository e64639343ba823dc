/**
 * The worksheet part of the contract (methods named `worksheets.*`). Composed into `apiArgs` / `ApiResults` /
 * `ApiEvent` by contract.std.ts.
 *
 * The builder page keeps the spec (worksheet-spec.std.ts) itself and edits it with the pure spec functions
 * (regenerateItem / lockItem / unlockItem); the engine generates, previews, stores and exports it. Everything
 * that decides the printed numbers is in the spec, so a saved sheet regenerates identically.
 */
import { z } from 'zod';
import type { ItemBalance } from '../worksheet/worksheet-types.std.js';
import { MAX_VERSIONS, worksheetSpecSchema, type WorksheetSpec } from '../worksheet/worksheet-spec.std.js';

const savedId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const WORKSHEET_EXPORT_FORMATS = ['pdf', 'html', 'tex'] as const;
export type WorksheetExportFormat = (typeof WORKSHEET_EXPORT_FORMATS)[number];
export const WORKSHEET_KEY_MODES = ['none', 'separate', 'appended'] as const;
export type WorksheetKeyMode = (typeof WORKSHEET_KEY_MODES)[number];

/** The template picker's filter: every field optional, all of them combine (AND). */
export const worksheetTemplateFilterSchema = z
  .object({
    strand: z.string().min(1).max(100).optional(),
    topic: z.string().min(1).max(200).optional(),
    /** Templates whose grade range contains this grade. */
    grade: z.number().int().min(0).max(13).optional(),
    difficulty: z.number().int().min(1).max(3).optional(),
    /** Words of the problem text (full-text search, every word as a prefix). */
    search: z.string().max(200).optional(),
  })
  .strict();
export type WorksheetTemplateFilter = z.infer<typeof worksheetTemplateFilterSchema>;

export const worksheetApiArgs = {
  /** Templates to add to a sheet (never broken ones), with the filter menus' choices. */
  'worksheets.templates': z
    .object({ filter: worksheetTemplateFilterSchema.default({}), limit: z.number().int().min(1).max(500).default(200) })
    .strict(),
  /**
   * Generate the sheet (all versions: numbers, answers, balance, seeds) and the print HTML of one version
   * (`version`, 0-based) with its key as the spec's key mode prints it: the builder's live preview.
   */
  'worksheets.preview': z.object({ spec: worksheetSpecSchema, version: z.number().int().min(0).max(MAX_VERSIONS - 1).default(0) }).strict(),
  'worksheets.list': z.object({}).strict(),
  'worksheets.get': z.object({ id: savedId }).strict(),
  /** Insert (no id) or replace the saved sheet `id`; the title is the spec's. */
  'worksheets.save': z.object({ id: savedId.optional(), spec: worksheetSpecSchema }).strict(),
  /** A copy under a new id ("… (copy)"), same spec: it prints the same numbers. */
  'worksheets.duplicate': z.object({ id: savedId }).strict(),
  'worksheets.delete': z.object({ id: savedId }).strict(),
  /**
   * The files of a sheet: PDF (Chromium's print engine), HTML or LaTeX; the key left out, in its own file
   * (`separate`) or after the versions (`appended`) — default: the spec's key mode; one file with every
   * version or one per version. In browser mode the bytes come back (the page downloads them); in the
   * desktop app the main process prints and saves them where the user chooses.
   */
  'worksheets.export': z
    .object({
      spec: worksheetSpecSchema,
      format: z.enum(WORKSHEET_EXPORT_FORMATS),
      key: z.enum(WORKSHEET_KEY_MODES).optional(),
      split: z.enum(['single', 'per-version']).default('single'),
    })
    .strict(),
} as const;

export interface WorksheetTemplateOption {
  id: string;
  strand: string | null;
  strandLabel: string | null;
  topic: string | null;
  grade: { min: number; max: number } | null;
  difficulty: number | null;
  /** The template's own example problem (its original wording and numbers). */
  sample: string;
}

export interface WorksheetTemplateList {
  templates: WorksheetTemplateOption[];
  /** How many match the filter (the list holds at most `limit`). */
  total: number;
  /** The choices of the filter menus, over every usable template. */
  strands: { strand: string; label: string; count: number }[];
  topics: { topic: string; strand: string | null; count: number }[];
  grades: number[];
}

export interface WorksheetPreviewProblem {
  number: number;
  itemIndex: number;
  templateId: string;
  seed: number;
  /** Text with `$…$` math, as printed. */
  text: string;
  answerText: string;
}

export interface WorksheetPreview {
  /** The spec with every default filled in (what was generated). */
  spec: WorksheetSpec;
  versions: { index: number; label: string; problems: WorksheetPreviewProblem[] }[];
  /** Per item, how evenly its difficulty is spread over the versions. */
  balance: ItemBalance[];
  /** Seeds per item and version: what `lockItem` needs to freeze an item. */
  seeds: number[][][];
  /** Which version `html` shows. */
  version: number;
  /** The print HTML of that version (and its key, unless the key mode is `none`): self-contained, no scripts. */
  html: string;
}

export interface SavedWorksheetSummary {
  id: number;
  title: string;
  versions: number;
  /** Problems on each version. */
  problems: number;
  createdAt: number;
  updatedAt: number;
}

export interface SavedWorksheet {
  id: number;
  title: string;
  spec: WorksheetSpec;
  createdAt: number;
  updatedAt: number;
}

export interface ExportedWorksheetFile {
  /** A file name without folders (`fractions-practice-A.pdf`). */
  name: string;
  mime: string;
  /** The bytes, base64 (empty for a file the desktop app printed and saved itself). */
  base64: string;
  /**
   * Desktop app only, between the engine and the main process: the print HTML the main process turns into
   * this PDF with Electron's printToPDF. Never reaches the page.
   */
  print?: { html: string; paper: 'A4' | 'Letter' };
}

export interface WorksheetExportResult {
  files: ExportedWorksheetFile[];
  /** Where the desktop app saved the files; null when the page is to download them (browser mode). */
  savedTo: string[] | null;
  /** The user closed the desktop app's save dialog. */
  cancelled: boolean;
}

export interface WorksheetApiResults {
  'worksheets.templates': WorksheetTemplateList;
  'worksheets.preview': WorksheetPreview;
  'worksheets.list': SavedWorksheetSummary[];
  'worksheets.get': SavedWorksheet;
  'worksheets.save': SavedWorksheet;
  'worksheets.duplicate': SavedWorksheet;
  'worksheets.delete': { deleted: true };
  'worksheets.export': WorksheetExportResult;
}

export type WorksheetApiEvent = never;
