/**
 * Reading Python source text in TypeScript, without running it: a tokenizer, a parser for the small
 * expression language that importers meet (GSM-Symbolic `#init` lines, Python literals such as
 * `{'a': 1}` in InfinityMATH rows), and a locator for `def solution(...)` with its body statements.
 *
 * This is deliberately not a full Python parser: importers only need to recognise a few shapes and
 * must refuse, with a clear reason, anything else. Programs are run in the sandbox later; nothing here
 * executes code.
 */

export class PySyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'PySyntaxError';
  }
}

export type PyTokenType = 'name' | 'number' | 'string' | 'op' | 'comment' | 'newline';

export interface PyToken {
  type: PyTokenType;
  text: string;
  start: number;
  end: number;
  /** Number value for `number` tokens (NaN for complex literals), decoded value for `string` tokens. */
  value?: number | string;
}

const OPS3 = ['**=', '//=', '>>=', '<<=', '...'];
const OPS2 = ['**', '//', '==', '!=', '<=', '>=', '->', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', ':=', '<<', '>>', '@='];
const OPS1 = '+-*/%@&|^~<>()[]{},:.;=!';

const NUMBER_RE = /^(?:0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][+-]?\d[\d_]*)?[jJ]?)/;
const NAME_RE = /^[A-Za-z_\u00C0-\uFFFF][\w\u00C0-\uFFFF]*/;
const STRING_PREFIX_RE = /^(?:[rRbBuUfF]{1,2})?(?='|")/;

function decodeEscapes(body: string, raw: boolean): string {
  if (raw) return body;
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|N\{[^}]*\}|[0-7]{1,3}|\r?\n|.)/g, (_m, esc: string) => {
    switch (esc[0]) {
      case 'n':
        return '\n';
      case 't':
        return '\t';
      case 'r':
        return '\r';
      case '0':
      case '1':
      case '2':
      case '3':
      case '4':
      case '5':
      case '6':
      case '7':
        return String.fromCharCode(parseInt(esc, 8));
      case 'x':
      case 'u':
      case 'U':
        return String.fromCodePoint(parseInt(esc.slice(1), 16));
      case '\n':
      case '\r':
        return '';
      case 'a':
        return '\x07';
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case 'v':
        return '\v';
      case 'N':
        return `\\${esc}`;
      default:
        // `\\`, `\'`, `\"` and unknown escapes (Python keeps the backslash for unknown ones).
        return esc === '\\' || esc === "'" || esc === '"' ? esc : `\\${esc}`;
    }
  });
}

/**
 * Tokens of a Python source text. `newline` tokens mark the end of a logical line (outside brackets);
 * blank lines give no tokens. Throws PySyntaxError on an unterminated string or an unknown character.
 */
export function tokenizePython(src: string): PyToken[] {
  const out: PyToken[] = [];
  let depth = 0;
  let i = 0;
  const pushNewline = (at: number, len: number): void => {
    const last = out[out.length - 1];
    if (depth === 0 && last !== undefined && last.type !== 'newline') {
      out.push({ type: 'newline', text: src.slice(at, at + len), start: at, end: at + len });
    }
  };
  while (i < src.length) {
    const ch = src[i] ?? '';
    if (ch === ' ' || ch === '\t' || ch === '\f') {
      i++;
      continue;
    }
    if (ch === '\\' && (src[i + 1] === '\n' || (src[i + 1] === '\r' && src[i + 2] === '\n'))) {
      i += src[i + 1] === '\n' ? 2 : 3;
      continue;
    }
    if (ch === '\n' || ch === '\r') {
      const len = ch === '\r' && src[i + 1] === '\n' ? 2 : 1;
      pushNewline(i, len);
      i += len;
      continue;
    }
    if (ch === '#') {
      let j = i;
      while (j < src.length && src[j] !== '\n' && src[j] !== '\r') j++;
      out.push({ type: 'comment', text: src.slice(i, j), start: i, end: j });
      i = j;
      continue;
    }
    const rest = src.slice(i, i + 4);
    const prefix = STRING_PREFIX_RE.exec(rest);
    if (prefix) {
      const p = prefix[0];
      const q0 = i + p.length;
      const quote = src[q0] ?? '"';
      const triple = src.slice(q0, q0 + 3) === quote.repeat(3);
      const delim = triple ? quote.repeat(3) : quote;
      const raw = /[rR]/.test(p);
      let j = q0 + delim.length;
      let closed = false;
      while (j < src.length) {
        const c = src[j];
        if (c === '\\') {
          j += 2;
          continue;
        }
        if (!triple && (c === '\n' || c === '\r')) break;
        if (src.startsWith(delim, j)) {
          closed = true;
          break;
        }
        j++;
      }
      if (!closed) throw new PySyntaxError(`unterminated string starting at offset ${i}`, i);
      const body = src.slice(q0 + delim.length, j);
      const end = j + delim.length;
      out.push({ type: 'string', text: src.slice(i, end), start: i, end, value: decodeEscapes(body, raw) });
      i = end;
      continue;
    }
    const num = /[0-9]/.test(ch) || (ch === '.' && /[0-9]/.test(src[i + 1] ?? '')) ? NUMBER_RE.exec(src.slice(i, i + 64)) : null;
    if (num) {
      const text = num[0];
      const clean = text.replace(/_/g, '');
      const value = /[jJ]$/.test(clean) ? Number.NaN : /^0[xXbBoO]/.test(clean) ? Number(clean) : Number(clean);
      out.push({ type: 'number', text, start: i, end: i + text.length, value });
      i += text.length;
      continue;
    }
    const name = NAME_RE.exec(src.slice(i, i + 256));
    if (name) {
      out.push({ type: 'name', text: name[0], start: i, end: i + name[0].length });
      i += name[0].length;
      continue;
    }
    const op = OPS3.find((o) => src.startsWith(o, i)) ?? OPS2.find((o) => src.startsWith(o, i)) ?? (OPS1.includes(ch) ? ch : undefined);
    if (op === undefined) throw new PySyntaxError(`unexpected character ${JSON.stringify(ch)} at offset ${i}`, i);
    if (op === '(' || op === '[' || op === '{') depth++;
    if (op === ')' || op === ']' || op === '}') depth = Math.max(0, depth - 1);
    out.push({ type: 'op', text: op, start: i, end: i + op.length });
    i += op.length;
  }
  const last = out[out.length - 1];
  if (last !== undefined && last.type !== 'newline') out.push({ type: 'newline', text: '', start: src.length, end: src.length });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Expressions
// ---------------------------------------------------------------------------------------------

export type PyExpr =
  | { kind: 'num'; value: number; raw: string }
  | { kind: 'str'; value: string }
  | { kind: 'const'; value: boolean | null }
  | { kind: 'name'; id: string }
  | { kind: 'attr'; obj: PyExpr; attr: string }
  | { kind: 'call'; fn: PyExpr; args: PyExpr[]; kwargs: { name: string; value: PyExpr }[] }
  | { kind: 'list'; items: PyExpr[] }
  | { kind: 'tuple'; items: PyExpr[] }
  | { kind: 'set'; items: PyExpr[] }
  | { kind: 'dict'; entries: { key: PyExpr; value: PyExpr }[] }
  | { kind: 'subscript'; obj: PyExpr; index: PyExpr }
  | { kind: 'slice'; lower: PyExpr | undefined; upper: PyExpr | undefined; step: PyExpr | undefined }
  | { kind: 'unary'; op: string; operand: PyExpr }
  | { kind: 'binop'; op: string; left: PyExpr; right: PyExpr }
  | { kind: 'ifexp'; test: PyExpr; body: PyExpr; orelse: PyExpr };

const COMPARE_OPS = new Set(['<', '>', '==', '>=', '<=', '!=', 'in', 'not in', 'is', 'is not']);

class ExprParser {
  private pos = 0;
  constructor(
    private readonly tokens: readonly PyToken[],
    private readonly src: string,
  ) {}

  private peek(offset = 0): PyToken | undefined {
    return this.tokens[this.pos + offset];
  }
  private isOp(text: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t !== undefined && t.type === 'op' && t.text === text;
  }
  private isName(text: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t !== undefined && t.type === 'name' && t.text === text;
  }
  private fail(message: string): never {
    const t = this.peek();
    const at = t?.start ?? this.src.length;
    throw new PySyntaxError(`${message} at offset ${at}${t ? ` (found ${JSON.stringify(t.text)})` : ' (end of text)'}`, at);
  }
  private expectOp(text: string): void {
    if (!this.isOp(text)) this.fail(`expected ${JSON.stringify(text)}`);
    this.pos++;
  }

  parseAll(): PyExpr {
    const e = this.parseExprList();
    if (this.pos < this.tokens.length) this.fail('unexpected text after the expression');
    return e;
  }

  /** `a, b` at the top level is a tuple, as in Python. */
  private parseExprList(): PyExpr {
    const first = this.parseExpr();
    if (!this.isOp(',')) return first;
    const items = [first];
    while (this.isOp(',')) {
      this.pos++;
      if (this.pos >= this.tokens.length || this.isOp(')') || this.isOp(']')) break;
      items.push(this.parseExpr());
    }
    return { kind: 'tuple', items };
  }

  parseExpr(): PyExpr {
    if (this.isName('lambda')) this.fail('lambda is not supported');
    const body = this.parseOr();
    if (this.isName('if')) {
      this.pos++;
      const test = this.parseOr();
      if (!this.isName('else')) this.fail('expected "else"');
      this.pos++;
      const orelse = this.parseExpr();
      return { kind: 'ifexp', test, body, orelse };
    }
    return body;
  }
  private parseOr(): PyExpr {
    let left = this.parseAnd();
    while (this.isName('or')) {
      this.pos++;
      left = { kind: 'binop', op: 'or', left, right: this.parseAnd() };
    }
    return left;
  }
  private parseAnd(): PyExpr {
    let left = this.parseNot();
    while (this.isName('and')) {
      this.pos++;
      left = { kind: 'binop', op: 'and', left, right: this.parseNot() };
    }
    return left;
  }
  private parseNot(): PyExpr {
    if (this.isName('not')) {
      this.pos++;
      return { kind: 'unary', op: 'not', operand: this.parseNot() };
    }
    return this.parseCompare();
  }
  private compareOp(): string | undefined {
    const t = this.peek();
    if (t === undefined) return undefined;
    if (t.type === 'op' && COMPARE_OPS.has(t.text)) return t.text;
    if (t.type === 'name' && t.text === 'in') return 'in';
    if (t.type === 'name' && t.text === 'not' && this.isName('in', 1)) return 'not in';
    if (t.type === 'name' && t.text === 'is') return this.isName('not', 1) ? 'is not' : 'is';
    return undefined;
  }
  private parseCompare(): PyExpr {
    let left = this.parseBitOr();
    for (let op = this.compareOp(); op !== undefined; op = this.compareOp()) {
      this.pos += op.includes(' ') ? 2 : 1;
      left = { kind: 'binop', op, left, right: this.parseBitOr() };
    }
    return left;
  }
  private parseBitOr(): PyExpr {
    let left = this.parseArith();
    while (this.isOp('|') || this.isOp('&') || this.isOp('^')) {
      const op = this.peek()?.text ?? '|';
      this.pos++;
      left = { kind: 'binop', op, left, right: this.parseArith() };
    }
    return left;
  }
  private parseArith(): PyExpr {
    let left = this.parseTerm();
    while (this.isOp('+') || this.isOp('-')) {
      const op = this.peek()?.text ?? '+';
      this.pos++;
      left = { kind: 'binop', op, left, right: this.parseTerm() };
    }
    return left;
  }
  private parseTerm(): PyExpr {
    let left = this.parseFactor();
    while (this.isOp('*') || this.isOp('/') || this.isOp('//') || this.isOp('%') || this.isOp('@')) {
      const op = this.peek()?.text ?? '*';
      this.pos++;
      left = { kind: 'binop', op, left, right: this.parseFactor() };
    }
    return left;
  }
  private parseFactor(): PyExpr {
    if (this.isOp('-') || this.isOp('+') || this.isOp('~')) {
      const op = this.peek()?.text ?? '-';
      this.pos++;
      return { kind: 'unary', op, operand: this.parseFactor() };
    }
    const base = this.parsePrimary();
    if (this.isOp('**')) {
      this.pos++;
      return { kind: 'binop', op: '**', left: base, right: this.parseFactor() };
    }
    return base;
  }
  private parsePrimary(): PyExpr {
    let e = this.parseAtom();
    for (;;) {
      if (this.isOp('(')) {
        this.pos++;
        const args: PyExpr[] = [];
        const kwargs: { name: string; value: PyExpr }[] = [];
        while (!this.isOp(')')) {
          if (this.isOp('*') || this.isOp('**')) this.fail('star arguments are not supported');
          const t = this.peek();
          if (t?.type === 'name' && this.isOp('=', 1)) {
            this.pos += 2;
            kwargs.push({ name: t.text, value: this.parseExpr() });
          } else {
            args.push(this.parseExpr());
            if (this.isName('for')) this.fail('comprehensions are not supported');
          }
          if (!this.isOp(',')) break;
          this.pos++;
        }
        this.expectOp(')');
        e = { kind: 'call', fn: e, args, kwargs };
      } else if (this.isOp('[')) {
        this.pos++;
        const index = this.parseSubscript();
        this.expectOp(']');
        e = { kind: 'subscript', obj: e, index };
      } else if (this.isOp('.')) {
        this.pos++;
        const t = this.peek();
        if (t?.type !== 'name') this.fail('expected an attribute name');
        this.pos++;
        e = { kind: 'attr', obj: e, attr: t.text };
      } else {
        return e;
      }
    }
  }
  private parseSubscript(): PyExpr {
    const part = (): PyExpr | undefined => (this.isOp(':') || this.isOp(']') ? undefined : this.parseExpr());
    const lower = part();
    if (!this.isOp(':')) {
      if (lower === undefined) this.fail('expected an index');
      return lower;
    }
    this.pos++;
    const upper = part();
    let step: PyExpr | undefined;
    if (this.isOp(':')) {
      this.pos++;
      step = part();
    }
    return { kind: 'slice', lower, upper, step };
  }
  private parseSequence(close: string): PyExpr[] {
    const items: PyExpr[] = [];
    while (!this.isOp(close)) {
      items.push(this.parseExpr());
      if (this.isName('for')) this.fail('comprehensions are not supported');
      if (!this.isOp(',')) break;
      this.pos++;
    }
    this.expectOp(close);
    return items;
  }
  private parseAtom(): PyExpr {
    const t = this.peek();
    if (t === undefined) this.fail('expected an expression');
    if (t.type === 'number') {
      this.pos++;
      if (Number.isNaN(t.value)) this.fail('complex numbers are not supported');
      return { kind: 'num', value: typeof t.value === 'number' ? t.value : Number.NaN, raw: t.text };
    }
    if (t.type === 'string') {
      // Adjacent literals concatenate, as in Python.
      let value = '';
      while (this.peek()?.type === 'string') {
        const s = this.peek();
        value += typeof s?.value === 'string' ? s.value : '';
        this.pos++;
      }
      return { kind: 'str', value };
    }
    if (t.type === 'name') {
      this.pos++;
      if (t.text === 'True') return { kind: 'const', value: true };
      if (t.text === 'False') return { kind: 'const', value: false };
      if (t.text === 'None') return { kind: 'const', value: null };
      return { kind: 'name', id: t.text };
    }
    if (t.type === 'op' && t.text === '(') {
      this.pos++;
      if (this.isOp(')')) {
        this.pos++;
        return { kind: 'tuple', items: [] };
      }
      const first = this.parseExpr();
      if (this.isName('for')) this.fail('generator expressions are not supported');
      if (this.isOp(')')) {
        this.pos++;
        return first;
      }
      this.expectOp(',');
      const rest = this.parseSequence(')');
      return { kind: 'tuple', items: [first, ...rest] };
    }
    if (t.type === 'op' && t.text === '[') {
      this.pos++;
      return { kind: 'list', items: this.parseSequence(']') };
    }
    if (t.type === 'op' && t.text === '{') {
      this.pos++;
      if (this.isOp('}')) {
        this.pos++;
        return { kind: 'dict', entries: [] };
      }
      const first = this.parseExpr();
      if (this.isOp(':')) {
        this.pos++;
        const entries = [{ key: first, value: this.parseExpr() }];
        while (this.isOp(',')) {
          this.pos++;
          if (this.isOp('}')) break;
          const key = this.parseExpr();
          this.expectOp(':');
          entries.push({ key, value: this.parseExpr() });
        }
        this.expectOp('}');
        return { kind: 'dict', entries };
      }
      if (this.isOp('}')) {
        this.pos++;
        return { kind: 'set', items: [first] };
      }
      this.expectOp(',');
      return { kind: 'set', items: [first, ...this.parseSequence('}')] };
    }
    this.fail('expected an expression');
  }
}

/** Parse one Python expression (a subset: no lambdas, comprehensions or star-arguments). */
export function parsePythonExpr(src: string): PyExpr {
  const tokens = tokenizePython(src).filter((t) => t.type !== 'newline' && t.type !== 'comment');
  return new ExprParser(tokens, src).parseAll();
}

export type PyLiteral = number | string | boolean | null | PyLiteral[] | { [key: string]: PyLiteral };

function literalOf(e: PyExpr, src: string): PyLiteral {
  switch (e.kind) {
    case 'num':
      return e.value;
    case 'str':
      return e.value;
    case 'const':
      return e.value;
    case 'list':
    case 'tuple':
    case 'set':
      return e.items.map((i) => literalOf(i, src));
    case 'dict': {
      const out: Record<string, PyLiteral> = {};
      for (const { key, value } of e.entries) {
        const k = literalOf(key, src);
        if (typeof k !== 'string' && typeof k !== 'number') throw new PySyntaxError('dictionary keys must be strings or numbers', 0);
        out[String(k)] = literalOf(value, src);
      }
      return out;
    }
    case 'unary': {
      const v = literalOf(e.operand, src);
      if ((e.op === '-' || e.op === '+') && typeof v === 'number') return e.op === '-' ? -v : v;
      throw new PySyntaxError(`not a literal: unary ${e.op}`, 0);
    }
    default:
      throw new PySyntaxError(`not a literal: ${e.kind} in ${JSON.stringify(src.slice(0, 60))}`, 0);
  }
}

/**
 * Read a Python literal (`{'a': 1, 'b': [2, 3.5]}`, `[('x', 1)]`, `None`), as written by `str()` on a
 * Python value. Tuples and sets become arrays. Throws PySyntaxError for anything that is not a literal.
 */
export function parsePythonLiteral(src: string): PyLiteral {
  return literalOf(parsePythonExpr(src), src);
}

/** Names of functions called in an expression: `int`, `is_int`, `math.floor` (dotted when an attribute). */
export function calledFunctions(src: string): string[] {
  const tokens = tokenizePython(src);
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const next = tokens[i + 1];
    if (t?.type !== 'name' || next?.type !== 'op' || next.text !== '(' || PYTHON_KEYWORDS.has(t.text)) continue;
    let name = t.text;
    let j = i;
    // Walk back over `a.b.` so `np.arange(` reports `np.arange`.
    while (tokens[j - 1]?.text === '.' && tokens[j - 2]?.type === 'name') {
      name = `${tokens[j - 2]?.text ?? ''}.${name}`;
      j -= 2;
    }
    if (!out.includes(name)) out.push(name);
  }
  return out;
}

/** Every identifier used in an expression (not attribute names after a dot), in order of first use. */
export function namesUsed(src: string): string[] {
  const tokens = tokenizePython(src);
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t?.type !== 'name' || tokens[i - 1]?.text === '.' || PYTHON_KEYWORDS.has(t.text)) continue;
    if (!out.includes(t.text)) out.push(t.text);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Functions and their statements
// ---------------------------------------------------------------------------------------------

/** One logical line of source. */
export interface PyStatement {
  /** Offset of the start of the physical line holding the first token (indentation included). */
  lineStart: number;
  /** Offset just after the newline that ends the statement (or the end of the text). */
  lineEnd: number;
  indent: string;
  /** Tokens of the statement, without its trailing comment and newline. */
  tokens: PyToken[];
  /** A comment at the end of the statement's last line, if any. */
  comment: PyToken | undefined;
}

export interface PyFunction {
  name: string;
  /** The `def` statement (header only). */
  header: PyStatement;
  /** Offsets of the text between the parentheses of the parameter list. */
  paramsStart: number;
  paramsEnd: number;
  params: string[];
  bodyIndent: string;
  /** Statements directly in the body (not nested in `if`/`for`/…), in order; comment-only lines excluded. */
  statements: PyStatement[];
  /** Every statement of the body, nested ones included. */
  allStatements: PyStatement[];
  docstring: PyToken | undefined;
  /** Offset just after the last body statement. */
  bodyEnd: number;
}

function lineStartOf(src: string, offset: number): number {
  const nl = Math.max(src.lastIndexOf('\n', offset - 1), src.lastIndexOf('\r', offset - 1));
  return nl + 1;
}

/** Logical lines of a source text; lines holding only a comment are returned with no tokens. */
export function pythonStatements(src: string): PyStatement[] {
  const tokens = tokenizePython(src);
  const out: PyStatement[] = [];
  let current: PyToken[] = [];
  for (const t of tokens) {
    if (t.type !== 'newline') {
      current.push(t);
      continue;
    }
    const first = current[0];
    if (first !== undefined) {
      const lineStart = lineStartOf(src, first.start);
      const last = current[current.length - 1];
      const comment = last?.type === 'comment' ? last : undefined;
      const body = current.filter((x) => x.type !== 'comment');
      out.push({
        lineStart,
        lineEnd: t.end,
        indent: src.slice(lineStart, first.start),
        tokens: body,
        comment,
      });
    }
    current = [];
  }
  return out;
}

/**
 * Find a top-level-or-nested `def <name>(...):` whose body is an indented block. Returns undefined when
 * there is no such function. Throws PySyntaxError when the source cannot be tokenized.
 */
export function findFunction(src: string, name: string): PyFunction | undefined {
  const statements = pythonStatements(src);
  const idx = statements.findIndex((s) => s.tokens[0]?.text === 'def' && s.tokens[1]?.text === name && s.tokens[2]?.text === '(');
  const header = statements[idx];
  if (header === undefined) return undefined;
  const open = header.tokens[2];
  // The parameter list ends at the matching parenthesis.
  let depth = 0;
  let closeIdx = -1;
  for (let i = 2; i < header.tokens.length; i++) {
    const t = header.tokens[i];
    if (t?.type !== 'op') continue;
    if (t.text === '(' || t.text === '[' || t.text === '{') depth++;
    if (t.text === ')' || t.text === ']' || t.text === '}') {
      depth--;
      if (depth === 0) {
        closeIdx = i;
        break;
      }
    }
  }
  const close = header.tokens[closeIdx];
  const lastHeader = header.tokens[header.tokens.length - 1];
  if (open === undefined || close === undefined || lastHeader?.text !== ':') return undefined;
  const params: string[] = [];
  depth = 0;
  let currentParam: string[] = [];
  for (let i = 3; i < closeIdx; i++) {
    const t = header.tokens[i];
    if (t === undefined) continue;
    if (t.type === 'op' && (t.text === '(' || t.text === '[' || t.text === '{')) depth++;
    if (t.type === 'op' && (t.text === ')' || t.text === ']' || t.text === '}')) depth--;
    if (depth === 0 && t.type === 'op' && t.text === ',') {
      params.push(currentParam.join(''));
      currentParam = [];
    } else {
      currentParam.push(t.text);
    }
  }
  if (currentParam.length > 0) params.push(currentParam.join(''));

  const body: PyStatement[] = [];
  for (let i = idx + 1; i < statements.length; i++) {
    const s = statements[i];
    if (s === undefined) break;
    if (s.tokens.length === 0) {
      // Comment-only lines never end a block.
      continue;
    }
    if (s.indent.length <= header.indent.length) break;
    body.push(s);
  }
  const firstBody = body[0];
  if (firstBody === undefined) return undefined;
  const bodyIndent = firstBody.indent;
  const direct = body.filter((s) => s.indent === bodyIndent);
  const firstTok = firstBody.tokens[0];
  const docstring = firstBody.tokens.length === 1 && firstTok?.type === 'string' ? firstTok : undefined;
  const lastBody = body[body.length - 1];
  return {
    name,
    header,
    paramsStart: open.end,
    paramsEnd: close.start,
    params: params.map((p) => p.trim()).filter((p) => p !== ''),
    bodyIndent,
    statements: direct,
    allStatements: body,
    docstring,
    bodyEnd: lastBody?.lineEnd ?? firstBody.lineEnd,
  };
}

/** Python keywords: never valid as variable names. */
export const PYTHON_KEYWORDS: ReadonlySet<string> = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del',
  'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal',
  'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield',
]);

/** True for a valid Python identifier that is not a keyword (ASCII only, as template variable names are). */
export function isPythonIdentifier(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !PYTHON_KEYWORDS.has(name);
}

/** Text of a docstring that is safe inside `"""…"""`. */
export function escapeDocstring(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/"""/g, '\\"\\"\\"').replace(/"$/, '\\"');
}
