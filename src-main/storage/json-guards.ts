/**
 * Reading JSON columns back. The schema guarantees the text is valid JSON (CHECK json_valid), not
 * that it has the shape the code expects, so every column is checked on the way out and a mismatch
 * names the table, row and column.
 */
import type { PyValue, VariableValue } from '../template/template.types.js';

export function parseJsonColumn(text: string, where: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`${where}: stored JSON does not parse (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
}

export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function expectRecord(value: unknown, where: string): Record<string, unknown> {
  if (!isPlainRecord(value)) throw new Error(`${where}: expected a JSON object, found ${describe(value)}`);
  return value;
}

export function expectVariableValues(value: unknown, where: string): Record<string, VariableValue> {
  const record = expectRecord(value, where);
  for (const [name, v] of Object.entries(record)) {
    if (typeof v !== 'string' && !(typeof v === 'number' && Number.isFinite(v))) {
      throw new Error(`${where}: variable "${name}" should be a finite number or a string, found ${describe(v)}`);
    }
  }
  return record as Record<string, VariableValue>;
}

export function expectNumberRecord(value: unknown, where: string): Record<string, number> {
  const record = expectRecord(value, where);
  for (const [name, v] of Object.entries(record)) {
    if (typeof v !== 'number') throw new Error(`${where}: "${name}" should be a number, found ${describe(v)}`);
  }
  return record as Record<string, number>;
}

export function expectStringArray(value: unknown, where: string): string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw new Error(`${where}: expected an array of strings, found ${describe(value)}`);
  }
  return value;
}

export function isPyValue(value: unknown): value is PyValue {
  if (!isPlainRecord(value)) return false;
  switch (value.t) {
    case 'int':
    case 'str':
      return typeof value.v === 'string';
    case 'float':
      return (typeof value.v === 'number' && Number.isFinite(value.v)) || value.v === 'nan' || value.v === 'inf' || value.v === '-inf';
    case 'fraction':
      return typeof value.n === 'string' && typeof value.d === 'string';
    case 'bool':
      return typeof value.v === 'boolean';
    case 'list':
      return Array.isArray(value.v) && value.v.every(isPyValue);
    case 'none':
      return true;
    case 'other':
      return typeof value.type === 'string' && typeof value.repr === 'string';
    default:
      return false;
  }
}

export function expectPyValue(value: unknown, where: string): PyValue {
  if (!isPyValue(value)) throw new Error(`${where}: expected a PyValue ({ t: 'int' | 'float' | … }), found ${describe(value)}`);
  return value;
}

/** A short description of a value for error messages: its kind and the start of its JSON. */
export function describe(value: unknown): string {
  const kind = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    json = undefined;
  }
  if (json === undefined) return kind;
  return `${kind} ${json.length > 60 ? `${json.slice(0, 57)}...` : json}`;
}
