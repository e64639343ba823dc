/**
 * Mapping BAAI/InfinityMATH rows (`infinitymath.jsonl`, 101k rows) onto native templates.
 *
 * The dataset's exact keys are not published. What is known: eight top-level fields — source, original
 * problem, generalized problem (numbers replaced by variable names), generated program, variables (names
 * and original values), `ori_answer`, `gen_answer` and an id; `ori_answer` is sometimes a number,
 * sometimes a string. So each of our fields is found through a table of aliases (first match wins,
 * keys compared case-insensitively), which a user can override per field, and `report()` tells which
 * row keys were recognised and which were not, so a wrong guess is visible after the first batch.
 *
 * Nothing of the row is lost: unmapped keys, `gen_answer` and the raw form of every value that was
 * normalised (a JSON-string `variables`, a list-of-lines program, a string answer) are kept under
 * `meta`, and `infinityMathRowFromTemplate` writes the original row back.
 */
import type { PlaceholderStyle, Template, VariableValue } from '../template/template.types.js';
import { PLACEHOLDER_STYLES } from '../template/template.types.js';
import { detectPlaceholderStyle } from '../template/placeholders.js';
import { describeValue, idSegment, isRecord, mapFailure, shortHash, validatedTemplate } from './import-types.js';
import type { MapFailure, MapResult } from './import-types.js';
import { parseNumericString } from './number-words.js';
import { isPythonIdentifier, parsePythonLiteral, PySyntaxError } from './python-source.js';

export const INFINITYMATH_FIELDS = ['id', 'source', 'problem', 'generic', 'program', 'variables', 'answer', 'gen_answer'] as const;
export type InfinityMathField = (typeof INFINITYMATH_FIELDS)[number];

/** Row keys tried for each field, in order. */
export const INFINITYMATH_ALIASES: Readonly<Record<InfinityMathField, readonly string[]>> = {
  id: ['id', 'idx', 'uid', '_id', 'question_id'],
  source: ['source', 'dataset', 'data_source', 'origin'],
  problem: ['original_problem', 'original_question', 'question', 'problem', 'query'],
  generic: ['general_problem', 'generic_problem', 'generalized_problem', 'general_question', 'template', 'generic_question'],
  program: ['generated_program', 'program', 'code', 'unified_program', 'solution', 'python_code', 'general_program'],
  variables: ['variables', 'vars', 'variable_values', 'values', 'params', 'parameters'],
  answer: ['ori_answer', 'original_answer', 'answer', 'gt', 'target'],
  gen_answer: ['gen_answer', 'generated_answer', 'pred', 'program_answer'],
};

const REQUIRED: ReadonlySet<InfinityMathField> = new Set(['generic', 'program', 'variables']);
const FIELD_LABEL: Readonly<Record<InfinityMathField, string>> = {
  id: 'id',
  source: 'source',
  problem: 'original problem',
  generic: 'generic problem',
  program: 'program',
  variables: 'variables',
  answer: 'original answer',
  gen_answer: 'generated answer',
};

export interface InfinityMathReport {
  /** For each of our fields, how many rows used each row key for it. */
  recognised: Record<InfinityMathField, Record<string, number>>;
  /** Row keys that matched no field (kept under meta), with how many rows had them. */
  unrecognisedKeys: Record<string, number>;
  /** Placeholder style of the successfully mapped rows. */
  placeholderStyles: Record<PlaceholderStyle, number>;
}

export interface InfinityMathMapper {
  map(row: unknown, lineNo: number, fileId: string): MapResult;
  report(): InfinityMathReport;
}

/** What is kept under `meta.infinitymath` to write the row back. */
export interface InfinityMathMeta {
  /** Our field → the row key it came from. */
  keys: Partial<Record<InfinityMathField, string>>;
  /** The row's keys in their original order. */
  keyOrder: string[];
  /** Original values of mapped keys whose value was normalised on import (row key → value). */
  raw: Record<string, unknown>;
  /** Keys that matched no field, verbatim. */
  extra: Record<string, unknown>;
}

// ---------------------------------------------------------------------------------------------
// Value normalisation (shared by import and export)
// ---------------------------------------------------------------------------------------------

type Normalised<T> = { ok: true; value: T; notes: string[] } | MapFailure;

function normaliseProgram(raw: unknown): Normalised<string> {
  if (typeof raw === 'string') {
    if (raw.trim() === '') return mapFailure('program', 'the program is an empty string');
    return { ok: true, value: raw, notes: [] };
  }
  if (Array.isArray(raw) && raw.every((l): l is string => typeof l === 'string')) {
    const joined = raw.join('\n');
    if (joined.trim() === '') return mapFailure('program', 'the program is a list of empty lines');
    return { ok: true, value: joined, notes: [] };
  }
  return mapFailure('program', `expected a string or a list of lines, found ${describeValue(raw)}`);
}

/** A numeric string that reads unambiguously becomes a number ("1,250", "$3", "3/4"); other text stays. */
function normaliseScalar(raw: string): VariableValue {
  const n = parseNumericString(raw);
  return n === undefined ? raw : n;
}

const NAME_KEYS = ['name', 'var', 'variable', 'key', 'placeholder'];
const VALUE_KEYS = ['value', 'val', 'original_value', 'original', 'default'];

function variableName(raw: unknown, where: string): string | MapFailure {
  if (typeof raw !== 'string') return mapFailure(where, `a variable name must be a string, found ${describeValue(raw)}`);
  // `{price}` and `<price>` are names written as their placeholder.
  const name = raw.trim().replace(/^\{(.*)\}$/, '$1').replace(/^<(.*)>$/, '$1').trim();
  if (!isPythonIdentifier(name)) return mapFailure(where, `variable name ${JSON.stringify(raw)} is not a Python identifier`);
  return name;
}

function normaliseVariables(raw: unknown): Normalised<Record<string, VariableValue>> {
  let value = raw;
  const notes: string[] = [];
  if (typeof value === 'string') {
    const text = value.trim();
    try {
      value = JSON.parse(text) as unknown;
    } catch {
      try {
        value = parsePythonLiteral(text);
        notes.push('variables were a Python literal string');
      } catch (e) {
        const msg = e instanceof PySyntaxError ? e.message : String(e);
        return mapFailure('variables', `expected an object, a list or a JSON/Python string of one; the string could not be read (${msg})`);
      }
    }
  }
  const pairs: [unknown, unknown, string][] = [];
  if (isRecord(value)) {
    for (const [k, v] of Object.entries(value)) pairs.push([k, v, `variables.${k}`]);
  } else if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const where = `variables[${i}]`;
      if (Array.isArray(item) && item.length === 2) {
        pairs.push([item[0], item[1], where]);
      } else if (isRecord(item)) {
        const nk = NAME_KEYS.find((k) => k in item);
        const vk = VALUE_KEYS.find((k) => k in item);
        if (nk === undefined || vk === undefined) {
          return mapFailure(where, `expected {name, value} (name: ${NAME_KEYS.join('|')}; value: ${VALUE_KEYS.join('|')}), found ${describeValue(item)}`);
        }
        pairs.push([item[nk], item[vk], where]);
      } else {
        return mapFailure(where, `expected a [name, value] pair or a {name, value} object, found ${describeValue(item)}`);
      }
    }
  } else {
    return mapFailure('variables', `expected an object {name: value}, a list of {name, value} or [name, value], or a JSON string of one; found ${describeValue(value)}`);
  }
  const out: Record<string, VariableValue> = {};
  for (const [rawName, rawValue, where] of pairs) {
    const name = variableName(rawName, where);
    if (typeof name !== 'string') return name;
    if (name in out) return mapFailure(`variables.${name}`, `variable ${name} is given twice`);
    if (typeof rawValue === 'number') {
      if (!Number.isFinite(rawValue)) return mapFailure(`variables.${name}`, `expected a finite number, found ${String(rawValue)}`);
      out[name] = rawValue;
    } else if (typeof rawValue === 'string') {
      out[name] = normaliseScalar(rawValue);
    } else {
      return mapFailure(`variables.${name}`, `expected a number or a string, found ${describeValue(rawValue)}`);
    }
  }
  if (pairs.length === 0) notes.push('the row has no variables: the template is a fixed problem');
  return { ok: true, value: out, notes };
}

function normaliseAnswer(raw: unknown): Normalised<number | string | boolean | null> {
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return mapFailure('answer', `expected a finite number, found ${String(raw)}`);
    return { ok: true, value: raw, notes: [] };
  }
  if (typeof raw === 'string') return { ok: true, value: normaliseScalar(raw), notes: [] };
  if (typeof raw === 'boolean' || raw === null) return { ok: true, value: raw, notes: [] };
  return mapFailure('answer', `expected a number or a string, found ${describeValue(raw)}`);
}

function sourceOf(raw: unknown): string {
  return typeof raw === 'string' && raw.trim() !== '' ? `infinitymath/${raw.trim()}` : 'infinitymath';
}

/** `gsm8k.12` is already namespaced; `12` or `abc` get the `im.` prefix. */
function idOf(raw: unknown, fileId: string, generic: string, program: string): string | MapFailure {
  if (raw === undefined || raw === null || raw === '') {
    return `im.${idSegment(fileId)}.${shortHash(`${generic}\n\u0000\n${program}`)}`;
  }
  if (typeof raw !== 'string' && typeof raw !== 'number') return mapFailure('id', `expected a string or a number, found ${describeValue(raw)}`);
  const s = String(raw).trim();
  const id = /^[A-Za-z][\w-]*\.[\w.-]+$/.test(s) ? s : `im.${s}`;
  return id.length <= 200 ? id : `im.${shortHash(s, 24)}`;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

// ---------------------------------------------------------------------------------------------
// The mapper
// ---------------------------------------------------------------------------------------------

function emptyRecognised(): Record<InfinityMathField, Record<string, number>> {
  return { id: {}, source: {}, problem: {}, generic: {}, program: {}, variables: {}, answer: {}, gen_answer: {} };
}

function isField(name: string): name is InfinityMathField {
  return (INFINITYMATH_FIELDS as readonly string[]).includes(name);
}

/**
 * A mapper for one import. `overrides` maps our field names (`id, source, problem, generic, program,
 * variables, answer, gen_answer`) to the row key to use; other fields use the alias table.
 * Throws when an override names a field we do not have (a configuration error, not a row error).
 */
export function createInfinityMathMapper(overrides: Record<string, string> = {}): InfinityMathMapper {
  const forced: Partial<Record<InfinityMathField, string>> = {};
  for (const [field, key] of Object.entries(overrides)) {
    if (!isField(field)) {
      throw new Error(`unknown InfinityMATH field ${JSON.stringify(field)} in overrides; expected one of ${INFINITYMATH_FIELDS.join(', ')}`);
    }
    if (typeof key !== 'string' || key === '') throw new Error(`override for ${field} must be a non-empty row key`);
    forced[field] = key;
  }
  const recognised = emptyRecognised();
  const unrecognisedKeys: Record<string, number> = {};
  const placeholderStyles = Object.fromEntries(PLACEHOLDER_STYLES.map((s) => [s, 0])) as Record<PlaceholderStyle, number>;

  function map(row: unknown, lineNo: number, fileId: string): MapResult {
    if (!isRecord(row)) return mapFailure('(row)', `line ${lineNo}: expected a JSON object, found ${describeValue(row)}`);
    const keyOrder = Object.keys(row);
    const byLower = new Map<string, string>();
    for (const k of keyOrder) if (!byLower.has(k.toLowerCase())) byLower.set(k.toLowerCase(), k);

    // Resolve every field to a row key; a key serves one field only.
    const used = new Set<string>();
    const keys: Partial<Record<InfinityMathField, string>> = {};
    for (const field of INFINITYMATH_FIELDS) {
      const override = forced[field];
      const candidates = override !== undefined ? [override] : INFINITYMATH_ALIASES[field];
      for (const alias of candidates) {
        const key = alias in row ? alias : byLower.get(alias.toLowerCase());
        if (key === undefined || used.has(key)) continue;
        if (row[key] === undefined || row[key] === null) continue;
        keys[field] = key;
        used.add(key);
        break;
      }
      const found = keys[field];
      if (found !== undefined) {
        const counts = recognised[field];
        counts[found] = (counts[found] ?? 0) + 1;
      }
    }
    for (const k of keyOrder) if (!used.has(k)) unrecognisedKeys[k] = (unrecognisedKeys[k] ?? 0) + 1;

    for (const field of INFINITYMATH_FIELDS) {
      if (!REQUIRED.has(field) || keys[field] !== undefined) continue;
      const override = forced[field];
      const tried = override !== undefined ? `the override key ${JSON.stringify(override)}` : `the keys ${INFINITYMATH_ALIASES[field].join('|')}`;
      return mapFailure(field, `no ${FIELD_LABEL[field]}: tried ${tried}; the row has ${keyOrder.join(', ') || 'no keys'}`);
    }
    const get = (field: InfinityMathField): unknown => {
      const k = keys[field];
      return k === undefined ? undefined : row[k];
    };
    const raw: Record<string, unknown> = {};
    const notes: string[] = [];

    const genericRaw = get('generic');
    if (typeof genericRaw !== 'string' || genericRaw.trim() === '') {
      return mapFailure('generic', `expected a non-empty string in ${String(keys.generic)}, found ${describeValue(genericRaw)}`);
    }
    const program = normaliseProgram(get('program'));
    if (!program.ok) return program;
    if (typeof get('program') !== 'string' && keys.program !== undefined) raw[keys.program] = get('program');

    const variables = normaliseVariables(get('variables'));
    if (!variables.ok) return variables;
    notes.push(...variables.notes);
    if (keys.variables !== undefined && !sameJson(get('variables'), variables.value)) raw[keys.variables] = get('variables');

    const template: Template = {
      id: '',
      source: sourceOf(get('source')),
      generic_problem: genericRaw,
      program: program.value,
      variables: variables.value,
    };
    if (keys.source !== undefined) raw[keys.source] = get('source');

    const idRaw = get('id');
    const id = idOf(idRaw, fileId, genericRaw, program.value);
    if (typeof id !== 'string') return id;
    template.id = id;
    if (keys.id !== undefined && String(idRaw) !== id) raw[keys.id] = idRaw;
    if (keys.id === undefined) notes.push(`no id in the row: derived ${id} from the file and the content`);

    const problem = get('problem');
    if (typeof problem === 'string') template.original_problem = problem;
    else if (problem !== undefined && keys.problem !== undefined) {
      raw[keys.problem] = problem;
      notes.push(`the original problem (${keys.problem}) is ${describeValue(problem)}, not text; kept under meta`);
    }

    const answerRaw = get('answer');
    if (keys.answer !== undefined) {
      const answer = normaliseAnswer(answerRaw);
      if (!answer.ok) return mapFailure('answer', `${keys.answer}: ${answer.message}`);
      template.original_answer = answer.value;
      if (!sameJson(answerRaw, answer.value)) raw[keys.answer] = answerRaw;
    }

    const names = Object.keys(variables.value);
    const detection = detectPlaceholderStyle(genericRaw, names);
    template.placeholder_style = detection.style;
    if (detection.missing.length > 0) notes.push(`variables not written in the generic problem (${detection.style} style): ${detection.missing.join(', ')}`);
    if (detection.unknown.length > 0) notes.push(`braced names that are not variables: ${detection.unknown.join(', ')}`);

    const extra: Record<string, unknown> = {};
    for (const k of keyOrder) if (!used.has(k)) extra[k] = row[k];
    const imMeta: InfinityMathMeta = { keys, keyOrder, raw, extra };
    const meta: Record<string, unknown> = { infinitymath: imMeta };
    if (keys.gen_answer !== undefined) meta.gen_answer = get('gen_answer');
    template.meta = meta;

    const result = validatedTemplate(template, notes);
    if (result.ok) placeholderStyles[detection.style] += 1;
    return result;
  }

  function report(): InfinityMathReport {
    const rec = emptyRecognised();
    for (const f of INFINITYMATH_FIELDS) rec[f] = { ...recognised[f] };
    return { recognised: rec, unrecognisedKeys: { ...unrecognisedKeys }, placeholderStyles: { ...placeholderStyles } };
  }

  return { map, report };
}

function readMeta(t: Template): InfinityMathMeta | undefined {
  const m = t.meta?.infinitymath;
  if (!isRecord(m) || !isRecord(m.keys) || !Array.isArray(m.keyOrder) || !isRecord(m.raw) || !isRecord(m.extra)) return undefined;
  return m as unknown as InfinityMathMeta;
}

/**
 * The InfinityMATH row a template came from, with its original keys, order and value forms. Values the
 * user changed since import are written in their current (normalised) form. Undefined when the template
 * was not imported from InfinityMATH.
 */
export function infinityMathRowFromTemplate(t: Template): Record<string, unknown> | undefined {
  const m = readMeta(t);
  if (m === undefined) return undefined;
  const byKey = new Map<string, InfinityMathField>();
  for (const f of INFINITYMATH_FIELDS) {
    const k = m.keys[f];
    if (k !== undefined) byKey.set(k, f);
  }
  // The original form is used only while it still normalises to the template's current value.
  const original = (key: string, current: unknown, normalise: (v: unknown) => unknown): unknown => {
    if (!(key in m.raw)) return current;
    return sameJson(normalise(m.raw[key]), current) ? m.raw[key] : current;
  };
  const unwrap = <T>(r: Normalised<T>): unknown => (r.ok ? r.value : undefined);
  const out: Record<string, unknown> = {};
  for (const key of m.keyOrder) {
    const field = byKey.get(key);
    if (field === undefined) {
      out[key] = m.extra[key];
      continue;
    }
    switch (field) {
      case 'id':
        out[key] = original(key, t.id, (v) => (v === undefined ? undefined : idOf(v, '', '', '')));
        break;
      case 'source':
        out[key] = key in m.raw && sourceOf(m.raw[key]) === t.source ? m.raw[key] : t.source;
        break;
      case 'problem':
        out[key] = key in m.raw ? m.raw[key] : t.original_problem;
        break;
      case 'generic':
        out[key] = t.generic_problem;
        break;
      case 'program':
        out[key] = original(key, t.program, (v) => unwrap(normaliseProgram(v)));
        break;
      case 'variables':
        out[key] = original(key, t.variables, (v) => unwrap(normaliseVariables(v)));
        break;
      case 'answer':
        out[key] = original(key, t.original_answer, (v) => unwrap(normaliseAnswer(v)));
        break;
      case 'gen_answer':
        out[key] = t.meta?.gen_answer;
        break;
    }
  }
  return out;
}
