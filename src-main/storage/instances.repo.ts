/**
 * The pool of pre-generated, verified instances. `(templateId, seed)` always yields the same
 * instance, so writing one twice replaces it with an identical row.
 */
import { ANSWER_FORMATS, type AnswerFormat, type Instance } from '../template/template.types.js';
import { canonicalJson } from './canonical-json.js';
import type { ReadDb, WriteDb } from './db-handles.js';
import { expectPyValue, expectVariableValues, parseJsonColumn } from './json-guards.js';
import { cachedStatement } from './statement-cache.js';
import type { WriteOptions } from './storage.types.js';
import { checkPage } from './template-filter-sql.js';

/** Store instances (one transaction). Returns how many rows were written. */
export function putInstances(db: WriteDb, instances: readonly Instance[], options: WriteOptions = {}): number {
  const now = options.now ?? Date.now();
  const templateExists = cachedStatement<[string], { one: number }>(db, 'SELECT 1 AS one FROM templates WHERE id = ?');
  const upsert = cachedStatement<[string, number, string, string, string, string, string, number]>(
    db,
    `INSERT INTO instances (template_id, seed, values_json, text, answer_json, answer_text, answer_format, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (template_id, seed) DO UPDATE SET values_json = excluded.values_json, text = excluded.text,
       answer_json = excluded.answer_json, answer_text = excluded.answer_text, answer_format = excluded.answer_format,
       created_at = excluded.created_at`,
  );
  const run = db.transaction(() => {
    const known = new Set<string>();
    instances.forEach((instance, index) => {
      const where = `putInstances: instance ${index} (template "${instance.templateId}", seed ${instance.seed})`;
      if (!Number.isSafeInteger(instance.seed)) throw new Error(`${where}: seed must be a safe integer`);
      if (!ANSWER_FORMATS.includes(instance.answerFormat)) {
        throw new Error(`${where}: answerFormat must be one of ${ANSWER_FORMATS.join(', ')}; got ${JSON.stringify(instance.answerFormat)}`);
      }
      if (!known.has(instance.templateId)) {
        if (templateExists.get(instance.templateId) === undefined) throw new Error(`${where}: the template does not exist`);
        known.add(instance.templateId);
      }
      upsert.run(
        instance.templateId,
        instance.seed,
        canonicalJson(instance.values),
        instance.text,
        canonicalJson(instance.answer),
        instance.answerText,
        instance.answerFormat,
        now,
      );
    });
    return instances.length;
  });
  return run();
}

/** Instances of a template in seed order. */
export function getInstances(db: ReadDb, templateId: string, limit: number, offset = 0): Instance[] {
  checkPage(limit, offset, 'getInstances');
  return cachedStatement<[string, number, number], InstanceRow>(
    db,
    `SELECT template_id, seed, values_json, text, answer_json, answer_text, answer_format
     FROM instances WHERE template_id = ? ORDER BY seed LIMIT ? OFFSET ?`,
  )
    .all(templateId, limit, offset)
    .map(toInstance);
}

/** One instance by its key, if stored. */
export function getInstance(db: ReadDb, templateId: string, seed: number): Instance | undefined {
  const row = cachedStatement<[string, number], InstanceRow>(
    db,
    `SELECT template_id, seed, values_json, text, answer_json, answer_text, answer_format
     FROM instances WHERE template_id = ? AND seed = ?`,
  ).get(templateId, seed);
  return row === undefined ? undefined : toInstance(row);
}

export function countInstances(db: ReadDb, templateId: string): number {
  return cachedStatement<[string], { n: number }>(db, 'SELECT count(*) AS n FROM instances WHERE template_id = ?').get(templateId)?.n ?? 0;
}

export function deleteInstances(db: WriteDb, templateId: string): number {
  return cachedStatement<[string]>(db, 'DELETE FROM instances WHERE template_id = ?').run(templateId).changes;
}

interface InstanceRow {
  template_id: string;
  seed: number;
  values_json: string;
  text: string;
  answer_json: string;
  answer_text: string;
  answer_format: string;
}

function toInstance(row: InstanceRow): Instance {
  const where = `instances row ("${row.template_id}", ${row.seed})`;
  const format = ANSWER_FORMATS.find((f): f is AnswerFormat => f === row.answer_format);
  if (format === undefined) throw new Error(`${where}: answer_format "${row.answer_format}" is not one of ${ANSWER_FORMATS.join(', ')}`);
  return {
    templateId: row.template_id,
    seed: row.seed,
    values: expectVariableValues(parseJsonColumn(row.values_json, `${where}, values_json`), `${where}, values_json`),
    text: row.text,
    answer: expectPyValue(parseJsonColumn(row.answer_json, `${where}, answer_json`), `${where}, answer_json`),
    answerText: row.answer_text,
    answerFormat: format,
  };
}
