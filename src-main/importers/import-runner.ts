/**
 * Streams a file into the library: read a line, map it, collect a batch, store the batch together
 * with the checkpoint. Never aborts on a bad line (each is reported with its number and reason),
 * idempotent (re-importing the same file changes nothing), resumable (an interrupted run continues
 * after its last committed batch), cancellable, and reports progress.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { SandboxPool } from '../sandbox/pool.js';
import type { WriteDb } from '../storage/db-handles.js';
import { fingerprintFile } from '../storage/file-fingerprint.js';
import {
  addImportErrors,
  checkpoint,
  finishImport,
  findResumable,
  resumeImport,
  startImport,
  type ImportCounters,
  type ImportErrorInput,
} from '../storage/imports.repo.js';
import { ensurePack } from '../storage/packs.repo.js';
import { upsertTemplates, type TemplateUpsertItem } from '../storage/templates.repo.js';
import { ensureOpenFlag } from '../storage/curation.repo.js';
import { fieldAt, nestingBeyond } from './json-scan.js';
import { readJsonlLines, type JsonlLine } from './jsonl-reader.js';
import { MAX_ROW_DEPTH, texFlagNote, UNSAFE_TEX_FLAG } from '../template/text-checks.js';
import { verifyPotBatch } from './pot-verify.js';
import { createRowMapper, detectFormat, type ImportFormat, type RowOutcome, type SkipReason } from './row-mappers.js';
import { idSegment } from './import-types.js';

export interface ImportProgress {
  bytesRead: number;
  totalBytes: number;
  rowsRead: number;
  imported: number;
  skipped: number;
}

export interface ImportOptions {
  format?: ImportFormat;
  /** Field overrides for the InfinityMATH mapper (`generic=general_question`). */
  map?: Record<string, string>;
  packId?: string;
  packName?: string;
  batchSize?: number;
  maxLineBytes?: number;
  signal?: AbortSignal;
  onProgress?: (p: ImportProgress) => void;
  /** Needed for program-of-thought records, whose templatized programs are verified by running them. */
  pool?: SandboxPool;
}

export interface ImportReport {
  importId: number;
  file: string;
  format: ImportFormat;
  packId: string;
  /** Line the run resumed from, when it continued an interrupted import. */
  resumedFromLine: number | null;
  rowsRead: number;
  inserted: number;
  updated: number;
  unchanged: number;
  skipped: number;
  skippedByReason: Partial<Record<SkipReason, number>>;
  /** The first errors (all are in the database's import_errors table). */
  errors: ImportErrorInput[];
  /** Format-specific figures: recognised keys, placeholder styles, templatize counts. */
  details: Record<string, unknown>;
  /** Templates flagged "unsafe LaTeX" by this run (their math uses TeX the LaTeX export will not typeset). */
  flaggedUnsafeTex: number;
  cancelled: boolean;
  durationMs: number;
}

const REPORT_ERRORS = 200;

function counterNumber(c: ImportCounters, key: string): number {
  return c[key] ?? 0;
}

/**
 * Why a line cannot be read as a row at all, before JSON.parse: bytes that are not UTF-8 (the row is
 * refused rather than stored with U+FFFD in place of what the file said) or nesting deeper than any
 * template needs (one such row would otherwise overflow the stack of every recursive walk after it).
 */
function unreadableLine(line: Extract<JsonlLine, { text: string }>): { reason: SkipReason; detail: string } | undefined {
  const bad = line.invalidUtf8;
  if (bad) {
    const field = fieldAt(line.text, bad.charOffset);
    return {
      reason: 'invalid-utf8',
      detail: `${field !== undefined ? `${field}: ` : ''}invalid UTF-8 at byte ${bad.byteOffset} of the line (file offset ${line.byteStart + bad.byteOffset}; bytes ${bad.bytes})`,
    };
  }
  const deep = nestingBeyond(line.text, MAX_ROW_DEPTH);
  if (deep >= 0) {
    const field = fieldAt(line.text, deep);
    return { reason: 'too-deep', detail: `${field !== undefined ? `${field}: ` : ''}nested more than ${MAX_ROW_DEPTH} levels deep (at character ${deep + 1})` };
  }
  return undefined;
}

/** Reads the first non-blank line to guess the format. */
export async function detectFileFormat(file: string, maxLineBytes = 4 * 1024 * 1024): Promise<ImportFormat> {
  for await (const line of readJsonlLines(file, { maxLineBytes })) {
    if ('tooLong' in line || line.text.trim() === '' || unreadableLine(line)) continue;
    try {
      return detectFormat(JSON.parse(line.text));
    } catch {
      return 'infinitymath';
    }
  }
  return 'infinitymath';
}

export async function importFile(db: WriteDb, file: string, opts: ImportOptions = {}): Promise<ImportReport> {
  const started = performance.now();
  const maxLineBytes = opts.maxLineBytes ?? 4 * 1024 * 1024;
  const batchSize = opts.batchSize ?? 1000;
  if (!fs.existsSync(file)) throw new Error(`import: no such file: ${file}`);
  if (fs.statSync(file).isDirectory()) throw new Error(`import: ${file} is a folder; use importFolder for a folder of .json files`);
  const format = opts.format ?? (await detectFileFormat(file, maxLineBytes));
  if (format === 'pot' && !opts.pool) throw new Error('import: program-of-thought records need the sandbox to verify them');
  const base = path.basename(file).replace(/\.[^.]+$/, '');
  const packId = opts.packId ?? `import.${idSegment(base)}`;
  const fp = fingerprintFile(file);
  const optionsKey = { map: opts.map ?? {}, packId };

  ensurePack(db, { id: packId, name: opts.packName ?? base, sourceKind: 'import', sourcePath: path.resolve(file) });
  const previous = findResumable(db, fp.fingerprint, format, optionsKey);
  let record;
  if (previous) {
    resumeImport(db, previous.id);
    record = previous;
  } else {
    record = startImport(db, {
      filePath: path.resolve(file),
      fileSize: fp.size,
      fileMtimeMs: fp.mtimeMs,
      fingerprint: fp.fingerprint,
      format,
      options: optionsKey,
      packId,
    });
  }
  const counters: ImportCounters = { ...record.counters };
  const resumedFromLine = previous && previous.nextLine > 0 ? previous.nextLine + 1 : null;
  const mapper = createRowMapper(format, base, opts.map ?? {});
  // Ids seen in this file; on resume, the ids this pack already holds stand in for the lines before.
  const seenIds = new Set<string>(
    previous ? (db.prepare('SELECT id FROM templates WHERE pack_id = ?').pluck().all(packId) as string[]) : [],
  );
  const reportErrors: ImportErrorInput[] = [];
  const skippedByReason: Partial<Record<SkipReason, number>> = {};
  for (const [k, v] of Object.entries(counters)) if (k.startsWith('skip:')) skippedByReason[k.slice(5) as SkipReason] = v;

  let batch: { item: TemplateUpsertItem; lineNo: number; outcome: Extract<RowOutcome, { ok: true }> }[] = [];
  let batchErrors: ImportErrorInput[] = [];
  let nextByte = record.nextByte;
  let nextLine = record.nextLine;

  const skip = (lineNo: number, reason: SkipReason, detail: string): void => {
    counters.skipped = counterNumber(counters, 'skipped') + 1;
    counters[`skip:${reason}`] = counterNumber(counters, `skip:${reason}`) + 1;
    skippedByReason[reason] = (skippedByReason[reason] ?? 0) + 1;
    const err = { lineNo, reason, detail };
    batchErrors.push(err);
    if (reportErrors.length < REPORT_ERRORS) reportErrors.push(err);
  };

  const flush = async (): Promise<void> => {
    let items = batch;
    if (format === 'pot' && opts.pool && items.length > 0) {
      const verdicts = await verifyPotBatch(opts.pool, items.map((b) => b.outcome));
      const kept: typeof items = [];
      items.forEach((b, i) => {
        const v = verdicts[i];
        if (v && !v.ok) skip(b.lineNo, 'verification-failed', v.detail);
        else kept.push(b);
      });
      items = kept;
    }
    const lineOf = new Map(items.map((b) => [b.item.template.id, b.lineNo]));
    // Templates, errors, counters and checkpoint commit together: after a crash they agree.
    db.transaction(() => {
      const result = upsertTemplates(db, packId, items.map((b) => b.item));
      const flaggedAt = Date.now();
      for (const b of items) {
        const warnings = b.outcome.texWarnings;
        if (warnings === undefined || result.conflicts.some((c) => c.id === b.item.template.id)) continue;
        if (ensureOpenFlag(db, b.item.template.id, UNSAFE_TEX_FLAG, texFlagNote(warnings), flaggedAt)) counters['flag:unsafe-tex'] = counterNumber(counters, 'flag:unsafe-tex') + 1;
      }
      counters.inserted = counterNumber(counters, 'inserted') + result.inserted;
      counters.updated = counterNumber(counters, 'updated') + result.updated;
      counters.unchanged = counterNumber(counters, 'unchanged') + result.unchanged;
      for (const c of result.conflicts) {
        skip(lineOf.get(c.id) ?? 0, 'duplicate-id', `id "${c.id}" already belongs to pack ${c.existingPackId}`);
      }
      if (batchErrors.length > 0) addImportErrors(db, record.id, batchErrors);
      checkpoint(db, record.id, { nextByte, nextLine, counters: { ...counters } });
    })();
    batch = [];
    batchErrors = [];
    opts.onProgress?.({
      bytesRead: nextByte,
      totalBytes: fp.size,
      rowsRead: counterNumber(counters, 'rows'),
      imported: counterNumber(counters, 'inserted') + counterNumber(counters, 'updated') + counterNumber(counters, 'unchanged'),
      skipped: counterNumber(counters, 'skipped'),
    });
  };

  let cancelled = false;
  try {
    for await (const line of readJsonlLines(file, { maxLineBytes, startByte: record.nextByte, startLine: record.nextLine + 1 })) {
      if (opts.signal?.aborted) {
        cancelled = true;
        break;
      }
      nextByte = line.byteEnd;
      nextLine = line.lineNo;
      if ('tooLong' in line) {
        counters.rows = counterNumber(counters, 'rows') + 1;
        skip(line.lineNo, 'line-too-long', `line is ${line.bytes} bytes; the limit is ${maxLineBytes}`);
      } else if (line.text.trim() !== '') {
        counters.rows = counterNumber(counters, 'rows') + 1;
        let row: unknown;
        const unreadable = unreadableLine(line);
        if (unreadable) {
          skip(line.lineNo, unreadable.reason, unreadable.detail);
          row = undefined;
        } else {
          try {
            row = JSON.parse(line.text);
          } catch (err) {
            skip(line.lineNo, 'bad-json', (err as Error).message);
            row = undefined;
          }
        }
        if (row !== undefined) {
          const outcome = mapper.map(row, line.lineNo);
          if (!outcome.ok) skip(line.lineNo, outcome.reason, outcome.detail);
          else if (seenIds.has(outcome.template.id)) skip(line.lineNo, 'duplicate-id', `id "${outcome.template.id}" appears earlier in the file`);
          else {
            seenIds.add(outcome.template.id);
            batch.push({ item: { template: outcome.template, original: outcome.original }, lineNo: line.lineNo, outcome });
          }
        }
      }
      if (batch.length + batchErrors.length >= batchSize) await flush();
    }
    await flush();
    finishImport(db, record.id, cancelled ? 'cancelled' : 'done', { counters });
  } catch (err) {
    finishImport(db, record.id, 'failed', { counters });
    throw err;
  }
  return {
    importId: record.id,
    file,
    format,
    packId,
    resumedFromLine,
    rowsRead: counterNumber(counters, 'rows'),
    inserted: counterNumber(counters, 'inserted'),
    updated: counterNumber(counters, 'updated'),
    unchanged: counterNumber(counters, 'unchanged'),
    skipped: counterNumber(counters, 'skipped'),
    skippedByReason,
    errors: reportErrors,
    details: mapper.summary(),
    flaggedUnsafeTex: counterNumber(counters, 'flag:unsafe-tex'),
    cancelled,
    durationMs: performance.now() - started,
  };
}
