/**
 * Curation: flags (a reason and a note, open until resolved), notes, the history of edited bodies,
 * and review actions over a selection — listed ids or everything a filter matches — with an undo
 * log that restores exactly the review state and flags the selected templates had before.
 *
 * Bulk actions run as a handful of set-based statements over a temporary table of the selected ids,
 * so flagging a whole 100k library is one transaction of a few INSERT … SELECT / UPDATE statements.
 */
import { randomUUID } from 'node:crypto';
import type { ReadDb, WriteDb } from './db-handles.js';
import { parseJsonColumn } from './json-guards.js';
import { cachedStatement } from './statement-cache.js';
import type { EpochMs } from './storage.types.js';
import { buildTemplateFilter, type TemplateFilter } from './template-filter-sql.js';

export interface FlagRecord {
  id: number;
  templateId: string;
  reason: string;
  note: string | null;
  createdAt: EpochMs;
  resolvedAt: EpochMs | null;
}

export interface NoteRecord {
  id: number;
  templateId: string;
  text: string;
  createdAt: EpochMs;
}

export interface HistoryRecord {
  version: number;
  /** The template body (parsed JSON) as it was before the change. */
  body: unknown;
  message: string | null;
  createdAt: EpochMs;
}

export const REVIEW_ACTIONS = ['approve', 'flag', 'reject', 'clear'] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

export type Selection = { ids: readonly string[] } | { filter: TemplateFilter };

export interface ReviewChange {
  action: ReviewAction;
  /** Required to flag; with `reject`, also recorded as an open flag so the reason is visible. */
  reason?: string;
  note?: string;
  now: EpochMs;
}

export interface ReviewOutcome {
  changed: number;
  undoToken: string;
}

/** Undo tokens kept; older ones are forgotten (their entries can be 100k rows each). */
export const UNDO_KEEP = 50;

/** The review state each action leaves. */
const REVIEW_AFTER: Record<ReviewAction, string> = { approve: 'approved', flag: 'flagged', reject: 'rejected', clear: 'none' };

interface FlagRow {
  id: number;
  template_id: string;
  reason: string;
  note: string | null;
  created_at: number;
  resolved_at: number | null;
}

const toFlag = (r: FlagRow): FlagRecord => ({
  id: r.id,
  templateId: r.template_id,
  reason: r.reason,
  note: r.note,
  createdAt: r.created_at,
  resolvedAt: r.resolved_at,
});

/** Every flag of a template, open and resolved, newest first. */
export function listFlags(db: ReadDb, templateId: string): FlagRecord[] {
  return cachedStatement<[string], FlagRow>(
    db,
    'SELECT id, template_id, reason, note, created_at, resolved_at FROM template_flags WHERE template_id = ? ORDER BY id DESC',
  )
    .all(templateId)
    .map(toFlag);
}

export function addNote(db: WriteDb, templateId: string, text: string, now: EpochMs): number {
  const trimmed = text.trim();
  if (trimmed === '') throw new Error('addNote: a note needs some text');
  requireTemplate(db, templateId);
  const { lastInsertRowid } = cachedStatement<[string, string, number]>(
    db,
    'INSERT INTO template_notes (template_id, text, created_at) VALUES (?, ?, ?)',
  ).run(templateId, trimmed, now);
  return Number(lastInsertRowid);
}

/**
 * Opens a flag the engine itself raises (e.g. the import's "unsafe LaTeX"), unless the template already
 * has an open flag with that reason, or a resolved one with the same note (the curator already decided
 * about exactly this): re-importing the same file adds nothing. Returns whether it added one. The
 * review state is left alone: a flag is a finding for the curator, not a decision.
 */
export function ensureOpenFlag(db: WriteDb, templateId: string, reason: string, note: string, now: EpochMs): boolean {
  const info = cachedStatement<[string, string, string, number, string, string, string]>(
    db,
    `INSERT INTO template_flags (template_id, reason, note, created_at)
     SELECT ?, ?, ?, ? WHERE NOT EXISTS (
       SELECT 1 FROM template_flags WHERE template_id = ? AND reason = ? AND (resolved_at IS NULL OR note = ?))`,
  ).run(templateId, reason, note, now, templateId, reason, note);
  return info.changes > 0;
}

/** Notes of a template, oldest first (they read as a conversation). */
export function listNotes(db: ReadDb, templateId: string): NoteRecord[] {
  return cachedStatement<[string], { id: number; template_id: string; text: string; created_at: number }>(
    db,
    'SELECT id, template_id, text, created_at FROM template_notes WHERE template_id = ? ORDER BY id',
  )
    .all(templateId)
    .map((r) => ({ id: r.id, templateId: r.template_id, text: r.text, createdAt: r.created_at }));
}

/** Keep `body` (the canonical JSON of the version being replaced) as the template's next history version. */
export function addHistory(db: WriteDb, templateId: string, body: string, message: string | null, now: EpochMs): number {
  const next = cachedStatement<[string], { v: number }>(db, 'SELECT coalesce(max(version), 0) + 1 AS v FROM template_history WHERE template_id = ?').get(templateId);
  const version = next?.v ?? 1;
  cachedStatement<[string, number, string, string | null, number]>(
    db,
    'INSERT INTO template_history (template_id, version, body, message, created_at) VALUES (?, ?, ?, ?, ?)',
  ).run(templateId, version, body, message, now);
  return version;
}

/** History of a template, newest version first. */
export function listHistory(db: ReadDb, templateId: string): HistoryRecord[] {
  return cachedStatement<[string], { version: number; body: string; message: string | null; created_at: number }>(
    db,
    'SELECT version, body, message, created_at FROM template_history WHERE template_id = ? ORDER BY version DESC',
  )
    .all(templateId)
    .map((r) => ({
      version: r.version,
      body: parseJsonColumn(r.body, `template_history row "${templateId}" v${r.version}`),
      message: r.message,
      createdAt: r.created_at,
    }));
}

/** Open flags per reason, most frequent first (the flag facet). */
export function countOpenFlags(db: ReadDb): { reason: string; count: number }[] {
  return cachedStatement<[], { reason: string; count: number }>(
    db,
    'SELECT reason, count(DISTINCT template_id) AS count FROM template_flags WHERE resolved_at IS NULL GROUP BY reason ORDER BY count DESC, reason',
  ).all();
}

/**
 * Approve, flag, reject or clear the selected templates in one transaction. Approve and clear
 * resolve open flags (the curator decided); flag adds one. Returns a token for `undoReview`.
 * Throws (changing nothing) when listed ids do not exist, or flag has no reason.
 */
export function applyReview(db: WriteDb, selection: Selection, change: ReviewChange): ReviewOutcome {
  const reason = change.reason?.trim();
  if (change.action === 'flag' && (reason === undefined || reason === '')) {
    throw new Error('applyReview: flagging needs a reason (one of the preset reasons or free text)');
  }
  if (!(change.action in REVIEW_AFTER)) throw new Error(`applyReview: action must be one of ${Object.keys(REVIEW_AFTER).join(', ')}; got ${JSON.stringify(change.action)}`);
  const token = randomUUID();
  const run = db.transaction((): ReviewOutcome => {
    const changed = fillSelection(db, selection);
    db.prepare('INSERT INTO undo_log (token, action, created_at) VALUES (?, ?, ?)').run(token, change.action, change.now);
    // Snapshot first: review state and every flag row (ids included), so undo can put back exactly this.
    db.prepare(
      `INSERT INTO undo_entries (token, template_id, review, flags)
       SELECT ?, t.id, t.review,
         (SELECT json_group_array(json_object('id', f.id, 'reason', f.reason, 'note', f.note, 'created_at', f.created_at, 'resolved_at', f.resolved_at))
          FROM template_flags f WHERE f.template_id = t.id)
       FROM temp.curation_selection s JOIN templates t ON t.id = s.id`,
    ).run(token);
    db.prepare('UPDATE templates SET review = ? WHERE id IN (SELECT id FROM temp.curation_selection)').run(REVIEW_AFTER[change.action]);
    if (change.action === 'approve' || change.action === 'clear') {
      db.prepare('UPDATE template_flags SET resolved_at = ? WHERE resolved_at IS NULL AND template_id IN (SELECT id FROM temp.curation_selection)').run(change.now);
    }
    if (reason !== undefined && reason !== '' && (change.action === 'flag' || change.action === 'reject')) {
      db.prepare('INSERT INTO template_flags (template_id, reason, note, created_at) SELECT id, ?, ?, ? FROM temp.curation_selection').run(
        reason,
        change.note?.trim() || null,
        change.now,
      );
    }
    // Forget old tokens: each can hold a row per template of a 100k library.
    db.prepare('DELETE FROM undo_log WHERE token NOT IN (SELECT token FROM undo_log ORDER BY created_at DESC, rowid DESC LIMIT ?)').run(UNDO_KEEP);
    db.prepare('DELETE FROM temp.curation_selection').run();
    return { changed, undoToken: token };
  });
  return run.immediate();
}

/**
 * Put back the review state and flags the templates of one review action had before it. Flags
 * added to those templates since are removed too: the templates return to that exact state.
 * Returns the number of templates restored (deleted templates are gone from the log by cascade).
 */
export function undoReview(db: WriteDb, token: string, now: EpochMs): number {
  const run = db.transaction((): number => {
    const entry = db.prepare<[string], { undone_at: number | null }>('SELECT undone_at FROM undo_log WHERE token = ?').get(token);
    if (entry === undefined) throw new UndoError(`undoReview: no change with undo token "${token}" (only the last ${UNDO_KEEP} changes can be undone)`);
    if (entry.undone_at !== null) throw new UndoError(`undoReview: the change with undo token "${token}" was already undone`);
    db.prepare('UPDATE templates SET review = e.review FROM undo_entries e WHERE e.token = ? AND templates.id = e.template_id').run(token);
    db.prepare('DELETE FROM template_flags WHERE template_id IN (SELECT template_id FROM undo_entries WHERE token = ?)').run(token);
    db.prepare(
      `INSERT INTO template_flags (id, template_id, reason, note, created_at, resolved_at)
       SELECT j.value ->> 'id', e.template_id, j.value ->> 'reason', j.value ->> 'note', j.value ->> 'created_at', j.value ->> 'resolved_at'
       FROM undo_entries e, json_each(e.flags) j WHERE e.token = ?`,
    ).run(token);
    db.prepare('UPDATE undo_log SET undone_at = ? WHERE token = ?').run(now, token);
    const restored = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM undo_entries WHERE token = ?').get(token);
    return restored?.n ?? 0;
  });
  return run.immediate();
}

/** Ids of the templates an undo token covers (for change events); empty when unknown. */
export function undoTemplateIds(db: ReadDb, token: string, limit: number): string[] {
  return db.prepare<[string, number], { template_id: string }>('SELECT template_id FROM undo_entries WHERE token = ? LIMIT ?').all(token, limit).map((r) => r.template_id);
}

/** An undo that cannot be done (unknown or used token): the caller's mistake, not a fault. */
export class UndoError extends Error {
  override name = 'UndoError';
}

/** A selection naming ids that do not exist: the caller's mistake, not a fault. */
export class UnknownTemplatesError extends Error {
  override name = 'UnknownTemplatesError';
  constructor(readonly missing: string[], total: number) {
    super(`${total} of the selected template id(s) do not exist: ${missing.map((id) => `"${id}"`).join(', ')}${total > missing.length ? ', …' : ''}`);
  }
}

/** Fill the per-connection temp table with the selected ids; returns how many there are. */
function fillSelection(db: WriteDb, selection: Selection): number {
  db.exec('CREATE TEMP TABLE IF NOT EXISTS curation_selection (id TEXT NOT NULL PRIMARY KEY) STRICT');
  db.prepare('DELETE FROM temp.curation_selection').run();
  if ('ids' in selection) {
    db.prepare('INSERT OR IGNORE INTO temp.curation_selection (id) SELECT value FROM json_each(?)').run(JSON.stringify(selection.ids));
    const missing = db
      .prepare<[], { id: string }>('SELECT s.id FROM temp.curation_selection s WHERE NOT EXISTS (SELECT 1 FROM templates t WHERE t.id = s.id) ORDER BY s.id')
      .all()
      .map((r) => r.id);
    if (missing.length > 0) throw new UnknownTemplatesError(missing.slice(0, 5), missing.length);
  } else {
    const built = buildTemplateFilter(selection.filter, 'applyReview');
    db.prepare(`INSERT OR IGNORE INTO temp.curation_selection (id) SELECT t.id ${built.fromWhere}`).run(...built.params);
  }
  return db.prepare<[], { n: number }>('SELECT count(*) AS n FROM temp.curation_selection').get()?.n ?? 0;
}

function requireTemplate(db: ReadDb, templateId: string): void {
  const found = cachedStatement<[string], { one: number }>(db, 'SELECT 1 AS one FROM templates WHERE id = ?').get(templateId);
  if (found === undefined) throw new UnknownTemplatesError([templateId], 1);
}
