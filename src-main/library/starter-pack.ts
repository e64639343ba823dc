/**
 * The starter pack: the templates this team wrote, shipped in assets/templates/*.jsonl and loaded
 * into every fresh database so the app and the CLI work with nothing imported. When the shipped
 * files change (an app update), the pack is brought up to date on the next open.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { starterTemplatesDir } from '../paths.js';
import type { WriteDb } from '../storage/db-handles.js';
import { ensurePack, getPack } from '../storage/packs.repo.js';
import { upsertTemplates, type UpsertResult } from '../storage/templates.repo.js';
import { parseNativeLine, type FieldError } from '../template/native-format.js';
import type { Template } from '../template/template.types.js';

export const STARTER_PACK_ID = 'starter';

export interface StarterLoad {
  templates: Template[];
  errors: (FieldError & { file: string })[];
  /** Hash of the files' contents: the pack is refreshed when it changes. */
  hash: string;
}

function starterFiles(dir: string): { file: string; text: string }[] {
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort() : [];
  return files.map((file) => ({ file, text: fs.readFileSync(path.join(dir, file), 'utf8') }));
}

function hashOf(files: readonly { file: string; text: string }[]): string {
  const hash = createHash('sha256');
  for (const { file, text } of files) hash.update(file).update('\0').update(text);
  return hash.digest('hex');
}

export function readStarterTemplates(dir: string = starterTemplatesDir()): StarterLoad {
  const files = starterFiles(dir);
  const templates: Template[] = [];
  const errors: StarterLoad['errors'] = [];
  for (const { file, text } of files) {
    text.split('\n').forEach((line, i) => {
      if (line.trim() === '') return;
      const parsed = parseNativeLine(line, i + 1);
      if (parsed.ok) templates.push(parsed.template);
      else errors.push({ ...parsed.error, file });
    });
  }
  return { templates, errors, hash: hashOf(files) };
}

/** Loads or refreshes the starter pack; returns undefined when it was already current. */
export function ensureStarterPack(db: WriteDb, dir?: string): UpsertResult | undefined {
  const existing = getPack(db, STARTER_PACK_ID);
  // Hashing the files is cheap; parsing and validating 400 templates is not: only on a change (start-up path).
  if (existing?.meta.hash === hashOf(starterFiles(dir ?? starterTemplatesDir()))) return undefined;
  const load = readStarterTemplates(dir);
  return db.transaction(() => {
    ensurePack(db, { id: STARTER_PACK_ID, name: 'Starter library', sourceKind: 'starter', meta: { hash: load.hash } });
    db.prepare('UPDATE packs SET meta = ? WHERE id = ?').run(JSON.stringify({ hash: load.hash }), STARTER_PACK_ID);
    return upsertTemplates(db, STARTER_PACK_ID, load.templates.map((template) => ({ template })));
  })();
}
