/**
 * Reading a model's reply: the program (a ```python block, any ``` block with a `def solution`, or a bare
 * `def solution` in prose) and the JSON of ranges and criteria (a ```json block or the first JSON object
 * that parses). Models wrap, chatter and forget fences; every failure says what was missing.
 */

export interface VariableRange {
  min: number;
  max: number;
  step?: number;
}

export interface ParsedReply {
  program: string;
  ranges: Record<string, VariableRange>;
  criteria: string[];
  /** What was ignored in the JSON (unknown variables, bad ranges), for the author. */
  notes: string[];
}

export class UnreadableReply extends Error {}

const FENCE = /```[ \t]*([A-Za-z0-9_+-]*)[^\n]*\n([\s\S]*?)(?:```|$)/g;

function fences(reply: string): { lang: string; body: string }[] {
  return [...reply.matchAll(FENCE)].map((m) => ({ lang: (m[1] ?? '').toLowerCase(), body: m[2] ?? '' }));
}

/** The program text in the reply, without fences. */
export function extractProgram(reply: string): string {
  const blocks = fences(reply);
  const py = blocks.find((b) => (b.lang === 'python' || b.lang === 'py' || b.lang === 'python3') && /\bdef\s+solution\s*\(/.test(b.body));
  const any = py ?? blocks.find((b) => /\bdef\s+solution\s*\(/.test(b.body));
  if (any) return tidy(any.body);
  // No fence: take `def solution` and the indented lines after it (plus imports before it).
  const at = /^(?:(?:from|import)\s+\S[^\n]*\n)*def\s+solution\s*\(/m.exec(reply);
  if (!at) {
    throw new UnreadableReply(blocks.length > 0 ? 'the reply has code blocks but none defines `def solution(...)`' : 'the reply holds no program (no `def solution(...)`)');
  }
  const lines = reply.slice(at.index).split('\n');
  const kept: string[] = [];
  let inBody = false;
  for (const line of lines) {
    if (inBody && line.trim() !== '' && !/^\s/.test(line)) break;
    if (/^def\s+solution/.test(line)) inBody = true;
    kept.push(line);
  }
  return tidy(kept.join('\n'));
}

function tidy(program: string): string {
  return `${program.replace(/\r\n/g, '\n').replace(/^\s*\n/, '').trimEnd()}\n`;
}

/** The first balanced `{…}` that parses as a JSON object. */
function firstJsonObject(text: string): unknown {
  for (let i = text.indexOf('{'); i >= 0; i = text.indexOf('{', i + 1)) {
    let depth = 0;
    let inString = false;
    for (let j = i; j < text.length; j++) {
      const c = text[j];
      if (inString) {
        if (c === '\\') j++;
        else if (c === '"') inString = false;
        continue;
      }
      if (c === '"') inString = true;
      else if (c === '{') depth++;
      else if (c === '}' && --depth === 0) {
        try {
          return JSON.parse(text.slice(i, j + 1)) as unknown;
        } catch {
          break;
        }
      }
    }
  }
  return undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function readRanges(json: unknown, names: readonly string[], notes: string[]): { ranges: Record<string, VariableRange>; criteria: string[] } {
  const ranges: Record<string, VariableRange> = {};
  const criteria: string[] = [];
  if (!isObject(json)) return { ranges, criteria };
  // Accept {"ranges": {...}, "criteria": [...]} and a bare {"name": {min,max}} map.
  const rangeMap = isObject(json.ranges) ? json.ranges : isObject(json.variables) ? json.variables : json;
  for (const [name, r] of Object.entries(rangeMap)) {
    if (name === 'criteria' || name === 'constraints') continue;
    if (!names.includes(name)) {
      notes.push(`ignored a range for "${name}", which is not a variable`);
      continue;
    }
    const min = isObject(r) ? r.min : Array.isArray(r) ? (r[0] as unknown) : undefined;
    const max = isObject(r) ? r.max : Array.isArray(r) ? (r[1] as unknown) : undefined;
    const step = isObject(r) ? r.step : undefined;
    if (typeof min !== 'number' || typeof max !== 'number' || !Number.isFinite(min) || !Number.isFinite(max) || min > max) {
      notes.push(`ignored the range of "${name}": expected {"min": number, "max": number} with min ≤ max`);
      continue;
    }
    ranges[name] = typeof step === 'number' && step > 0 && Number.isFinite(step) ? { min, max, step } : { min, max };
  }
  const list = json.criteria ?? json.constraints;
  if (Array.isArray(list)) {
    for (const c of list) {
      if (typeof c === 'string' && c.trim() !== '' && c.length <= 300) criteria.push(c.trim());
      else notes.push('ignored a criterion that is not a short Python expression');
    }
  }
  return { ranges, criteria };
}

/** Reads the reply; throws UnreadableReply with the reason when there is no usable program. */
export function parseReply(reply: string, names: readonly string[]): ParsedReply {
  if (reply.trim() === '') throw new UnreadableReply('the reply is empty');
  const program = extractProgram(reply);
  // The parameters from the header alone: a program that does not parse still goes to the sandbox, whose
  // SyntaxError (with its line) is what the bug-fix round should send back.
  const header = /^def\s+solution\s*\(([^)]*)\)/m.exec(program);
  if (header === null) throw new UnreadableReply('the program has no `def solution(...)` header');
  const params = (header[1] ?? '')
    .split(',')
    .map((p) => p.split(/[=:]/)[0]?.trim() ?? '')
    .filter((p) => p !== '');
  const missing = names.filter((n) => !params.includes(n));
  const extra = params.filter((p) => !names.includes(p));
  if (missing.length > 0 || extra.length > 0) {
    throw new UnreadableReply(
      `solution() must take exactly (${names.join(', ')}), but takes (${params.join(', ')})` +
        (missing.length > 0 ? `; missing: ${missing.join(', ')}` : '') +
        (extra.length > 0 ? `; not variables: ${extra.join(', ')}` : ''),
    );
  }
  const notes: string[] = [];
  const jsonBlock = fences(reply).find((b) => b.lang === 'json');
  const afterProgram = reply.slice(reply.indexOf(program.trim().slice(-20)) + 1);
  const json = jsonBlock ? firstJsonObject(jsonBlock.body) : firstJsonObject(afterProgram);
  if (json === undefined) notes.push('the reply gave no ranges: they are inferred from the values');
  const { ranges, criteria } = readRanges(json, names, notes);
  return { program, ranges, criteria, notes };
}
