/**
 * The curator's part of the contract: browse, audit, curate and export the template library at 100k
 * scale. Listing is paged (the table is virtualized and asks for the rows it shows); long work (audit,
 * export) runs as a job that reports through events and can be cancelled.
 */
import { z } from 'zod';
import type { Template } from '../template/template.types.js';

const templateId = z.string().min(1).max(200);
const jobId = z.string().min(1).max(100);

export const TEMPLATE_HEALTH = ['unknown', 'healthy', 'warning', 'broken'] as const;
export const REVIEW_STATES_VIEW = ['none', 'approved', 'flagged', 'rejected'] as const;
export type ReviewStateView = (typeof REVIEW_STATES_VIEW)[number];
export type TemplateHealth = (typeof TEMPLATE_HEALTH)[number];

/** Preset flag reasons offered in the UI (free text is allowed too). */
export const FLAG_REASONS = [
  'wrong answer',
  'implausible numbers',
  'ambiguous wording',
  'placeholder mismatch',
  'program crashes',
  'duplicate',
  'not number-independent',
  'other',
] as const;

/**
 * What the Library table shows. Every field is optional; the renderer keeps it in the URL hash so a
 * view can be saved and reopened. `needsModule: '*'` means "needs any module".
 */
export const libraryFilterSchema = z
  .object({
    search: z.string().max(500).optional(),
    packId: z.string().min(1).max(200).optional(),
    source: z.string().min(1).max(200).optional(),
    topic: z.string().min(1).max(200).optional(),
    strand: z.string().min(1).max(200).optional(),
    /** Templates whose grade range contains this grade. */
    grade: z.number().int().min(0).max(13).optional(),
    status: z.enum(TEMPLATE_HEALTH).optional(),
    review: z.enum(REVIEW_STATES_VIEW).optional(),
    /** Templates with an open flag of this reason ('*' = any flag). */
    flag: z.string().min(1).max(200).optional(),
    needsModule: z.string().min(1).max(100).optional(),
    /** Only templates an audit marked as a (near-)duplicate of another. */
    duplicate: z.boolean().optional(),
  })
  .strict();
export type LibraryFilter = z.infer<typeof libraryFilterSchema>;

export const LIBRARY_SORT_COLUMNS = ['id', 'pack', 'source', 'topic', 'grade', 'status', 'review', 'acceptance', 'updated', 'relevance'] as const;
export type LibrarySortColumn = (typeof LIBRARY_SORT_COLUMNS)[number];

const sortSchema = z.object({ column: z.enum(LIBRARY_SORT_COLUMNS), dir: z.enum(['asc', 'desc']) }).strict();

/** Which templates a bulk action applies to: listed ids, or everything the filter matches. */
const selectionSchema = z.union([
  z.object({ ids: z.array(templateId).min(1).max(100_000) }).strict(),
  z.object({ filter: libraryFilterSchema }).strict(),
]);
export type LibrarySelection = z.infer<typeof selectionSchema>;

export const EXPORT_FORMATS = ['native', 'infinitymath', 'chat', 'alpaca', 'robustness'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const libraryApiArgs = {
  /** Counts per pack/source/topic/status/review/flag/module: the filter menus. */
  'library.facets': z.object({}).strict(),
  /** One page of rows (the virtualized table asks for what it shows). */
  'library.query': z
    .object({
      filter: libraryFilterSchema.default({}),
      sort: sortSchema.optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(100),
    })
    .strict(),
  'library.template': z.object({ id: templateId }).strict(),
  /** Draw `count` instances of a template from `seed` on (seed, seed+1, …). */
  'library.gallery': z.object({ id: templateId, count: z.number().int().min(1).max(60).default(12), seed: z.number().int().min(0).default(1) }).strict(),
  /** Audit one template now (after an edit); stores and returns the result. */
  'library.auditOne': z.object({ id: templateId, samples: z.number().int().min(1).max(500).default(20) }).strict(),
  /** Audit everything the filter matches, in the background (events `library.audit.*`). */
  'library.auditStart': z.object({ filter: libraryFilterSchema.default({}), samples: z.number().int().min(1).max(500).default(20) }).strict(),
  'library.jobCancel': z.object({ jobId }).strict(),
  /** The dataset report over the filter (figures for the charts). */
  'library.report': z.object({ filter: libraryFilterSchema.default({}) }).strict(),
  /** The same report as one self-contained HTML page (charts as inline SVG), to save. */
  'library.reportHtml': z.object({ filter: libraryFilterSchema.default({}) }).strict(),
  /** Approve / flag / reject / clear a selection; returns a token that undoes exactly this change. */
  'library.review': z
    .object({
      selection: selectionSchema,
      action: z.enum(['approve', 'flag', 'reject', 'clear']),
      reason: z.string().trim().min(1).max(200).optional(),
      note: z.string().max(4000).optional(),
    })
    .strict(),
  'library.undo': z.object({ token: z.string().min(1).max(100) }).strict(),
  'library.note': z.object({ id: templateId, text: z.string().trim().min(1).max(4000) }).strict(),
  /**
   * Replace a template's body (program, variables/domains, constraints, text). The previous version
   * goes to history; the imported original is never touched. Validated like an import; re-audited.
   */
  'library.edit': z.object({ id: templateId, template: z.record(z.string(), z.unknown()), message: z.string().max(500).optional() }).strict(),
  /** Write the selection to a JSONL file (events `library.export.*`). */
  'library.exportStart': z
    .object({
      filter: libraryFilterSchema.default({}),
      format: z.enum(EXPORT_FORMATS),
      /** Instances per template (chat/alpaca/robustness). */
      perTemplate: z.number().int().min(1).max(1000).default(5),
      only: z.enum(['all', 'healthy', 'approved', 'approved-healthy']).default('all'),
      dedupe: z.boolean().default(true),
      /**
       * The file to write; default `<data dir>/exports/<pack>-<format>.jsonl`. In the desktop app, a path
       * the user picked in the save dialog (the relay refuses any other); in browser mode, a file name in
       * the exports folder (see export/export-destination.ts).
       */
      out: z.string().min(1).max(4096).optional(),
      /** Replace the file if it exists (after the user confirmed); otherwise an existing file is refused. */
      overwrite: z.boolean().default(false),
    })
    .strict(),
  /** Where `library.exportStart` with these arguments would write, and whether a file is there already. */
  'library.exportTarget': z
    .object({
      filter: libraryFilterSchema.default({}),
      format: z.enum(EXPORT_FORMATS),
      out: z.string().min(1).max(4096).optional(),
    })
    .strict(),
} as const;

export interface ExportTarget {
  /** The absolute path the export would write. */
  path: string;
  /** A file is there: starting the export needs `overwrite` (ask the user first). */
  exists: boolean;
  /** The folder exports go to when no path is given (in browser mode, the only folder allowed). */
  folder: string;
}

export interface FacetCount {
  value: string;
  /** Display name where there is one (a pack's name, a strand's label). */
  label: string;
  count: number;
}

export interface LibraryFacets {
  total: number;
  packs: FacetCount[];
  sources: FacetCount[];
  topics: FacetCount[];
  strands: FacetCount[];
  grades: FacetCount[];
  statuses: FacetCount[];
  reviews: FacetCount[];
  flags: FacetCount[];
  modules: FacetCount[];
  flagReasons: readonly string[];
}

export interface LibraryRow {
  id: string;
  packId: string;
  source: string | null;
  topic: string | null;
  strand: string | null;
  grade: { min: number; max: number } | null;
  status: TemplateHealth;
  review: ReviewStateView;
  /** Open flag reasons. */
  flags: string[];
  /** From the last audit (null when never audited). */
  acceptance: number | null;
  reproducesOriginal: boolean | null;
  needsModule: string | null;
  /** The generic problem (placeholders shown as `{name}`), cut to ~200 characters. */
  problem: string;
  /** With a search: an excerpt, matched words between \u0002 and \u0003. */
  snippet: string | null;
  updatedAt: number;
}

export interface LibraryPage {
  total: number;
  offset: number;
  rows: LibraryRow[];
}

export interface AuditView {
  runAt: number;
  samples: number;
  valid: number;
  acceptance: number;
  crashes: number;
  timeouts: number;
  needsModule: string | null;
  reproducesOriginal: boolean | null;
  originalAnswer: string | null;
  /** What the program returns on the original values. */
  programAnswer: string | null;
  status: 'healthy' | 'warning' | 'broken';
  reasons: string[];
  duplicateOf: string | null;
  /** Stale: the template changed after this audit. */
  stale: boolean;
}

export interface FlagView {
  id: number;
  reason: string;
  note: string | null;
  at: number;
  open: boolean;
}

export interface HistoryEntry {
  version: number;
  at: number;
  message: string | null;
  /** The template as it was before this change. */
  template: Template;
}

export interface VariableView {
  name: string;
  originalValue: string | null;
  /** The inferred or explicit domain, in words ("whole number 2–40", "money $5.00–$200.00 in cents"). */
  domain: string;
  explicit: boolean;
}

export interface TemplateDetail {
  id: string;
  packId: string;
  packName: string;
  template: Template;
  /** The row as imported (null for templates made in the app). */
  original: unknown;
  variables: VariableView[];
  status: TemplateHealth;
  review: ReviewStateView;
  flags: FlagView[];
  notes: { id: number; text: string; at: number }[];
  history: HistoryEntry[];
  audit: AuditView | null;
  createdAt: number;
  updatedAt: number;
}

export interface GalleryItem {
  seed: number;
  values: Record<string, string>;
  /** Rendered problem text (with `$…$` math). */
  text: string;
  /** The verified answer, formatted; null when this draw was rejected. */
  answer: string | null;
  /** Why the draw was rejected (constraint, crash, timeout…), or null. */
  rejected: string | null;
}

export interface Gallery {
  id: string;
  items: GalleryItem[];
}

export interface Histogram {
  /** Bucket labels, in order ("0–10%", "10–20%"… or "10^0", "10^1"…). */
  buckets: string[];
  counts: number[];
}

export interface DatasetReport {
  total: number;
  audited: number;
  byStatus: Record<TemplateHealth, number>;
  bySource: { source: string; byStatus: Record<TemplateHealth, number> }[];
  byReview: Record<ReviewStateView, number>;
  acceptance: Histogram;
  /** log10 |answer on the original values|. */
  magnitude: Histogram;
  topReasons: { reason: string; count: number }[];
  needsModule: { module: string; count: number }[];
  duplicates: number;
  reproduced: number;
  notReproduced: number;
}

export interface ReviewResult {
  changed: number;
  /** Undoes exactly this change (`library.undo`). */
  undoToken: string;
}

export interface JobStarted {
  jobId: string;
  total: number;
}

export interface AuditJobSummary {
  audited: number;
  total: number;
  byStatus: Record<'healthy' | 'warning' | 'broken', number>;
  cancelled: boolean;
}

export interface ExportJobSummary {
  out: string;
  templates: number;
  records: number;
  skippedDuplicates: number;
  cancelled: boolean;
}

export interface LibraryApiResults {
  'library.facets': LibraryFacets;
  'library.query': LibraryPage;
  'library.template': TemplateDetail;
  'library.gallery': Gallery;
  'library.auditOne': AuditView;
  'library.auditStart': JobStarted;
  'library.jobCancel': { cancelled: boolean };
  'library.report': DatasetReport;
  'library.reportHtml': { html: string };
  'library.review': ReviewResult;
  'library.undo': { restored: number };
  'library.note': { id: number };
  'library.edit': TemplateDetail;
  'library.exportStart': JobStarted;
  'library.exportTarget': ExportTarget;
}

export type LibraryApiEvent =
  | { type: 'library.audit.progress'; jobId: string; done: number; total: number }
  | { type: 'library.audit.done'; jobId: string; summary: AuditJobSummary }
  | { type: 'library.export.progress'; jobId: string; done: number; total: number }
  | { type: 'library.export.done'; jobId: string; summary: ExportJobSummary }
  | { type: 'library.job.failed'; jobId: string; message: string }
  /** Templates changed (review, edit, audit): open views refresh. */
  | { type: 'library.changed'; ids: string[] | null };
