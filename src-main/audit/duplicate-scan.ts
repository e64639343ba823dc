/**
 * The library-wide duplicate scan behind an audit: every template, in the order it was added (so the
 * earliest one is the original), normalized and matched by `findDuplicates`. Reads only the fields it
 * needs with json_extract, so 100k templates are scanned in seconds without parsing whole bodies.
 */
import { createHash } from 'node:crypto';
import type { ReadDb } from '../storage/db-handles.js';
import { detectPlaceholderStyle } from '../template/placeholders.js';
import { PLACEHOLDER_STYLES, type PlaceholderStyle } from '../template/template.types.js';
import { findDuplicates, type DuplicateDoc, type DuplicateMatch, type DuplicateOptions } from './duplicates.js';
import { normalizeProgram, problemWords } from './normalize-text.js';

interface ScanRow {
  id: string;
  generic: unknown;
  style: unknown;
  variables: unknown;
  domains: unknown;
  program: unknown;
}

function variableNames(json: unknown): string[] {
  if (typeof json !== 'string') return [];
  try {
    const parsed = JSON.parse(json) as unknown;
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? Object.keys(parsed) : [];
  } catch {
    return [];
  }
}

/** Declared domain kinds by variable (imported templates declare none). */
function domainKinds(json: unknown): Record<string, string> {
  if (typeof json !== 'string') return {};
  try {
    const parsed = JSON.parse(json) as unknown;
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
    const out: Record<string, string> = {};
    for (const [name, d] of Object.entries(parsed as Record<string, unknown>)) {
      const kind = d !== null && typeof d === 'object' ? (d as { kind?: unknown }).kind : undefined;
      if (typeof kind === 'string') out[name] = kind;
    }
    return out;
  } catch {
    return {};
  }
}

function styleOf(raw: unknown, generic: string, names: readonly string[]): PlaceholderStyle {
  const declared = PLACEHOLDER_STYLES.find((s) => s === raw);
  return declared ?? detectPlaceholderStyle(generic, names).style;
}

/** The normalized form of one template, as `findDuplicates` compares it (programs by a digest). */
export function duplicateDoc(
  id: string,
  generic: string,
  style: PlaceholderStyle | undefined,
  names: readonly string[],
  program: string,
  kinds: Readonly<Record<string, string>> = {},
): DuplicateDoc {
  const words = problemWords(generic, style ?? detectPlaceholderStyle(generic, names).style, names, kinds);
  return { id, words, program: createHash('sha1').update(normalizeProgram(program)).digest('base64url') };
}

/** Duplicates in the whole library: template id → what it repeats. */
export function scanDuplicates(db: ReadDb, opts: DuplicateOptions = {}): Map<string, DuplicateMatch> {
  const rows = db
    .prepare(
      `SELECT id, json_extract(body, '$.generic_problem') AS generic, json_extract(body, '$.placeholder_style') AS style,
              json_extract(body, '$.variables') AS variables, json_extract(body, '$.program') AS program,
              json_extract(body, '$.domains') AS domains
       FROM templates ORDER BY seq`,
    )
    .iterate() as IterableIterator<ScanRow>;
  const docs: DuplicateDoc[] = [];
  for (const row of rows) {
    if (typeof row.generic !== 'string' || typeof row.program !== 'string') continue;
    const names = variableNames(row.variables);
    docs.push(duplicateDoc(row.id, row.generic, styleOf(row.style, row.generic, names), names, row.program, domainKinds(row.domains)));
  }
  return findDuplicates(docs, opts);
}
