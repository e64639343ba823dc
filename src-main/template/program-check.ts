/**
 * A fast structural check of a Python program, run on every imported row (100k+ of them, too many to
 * send through the interpreter during an import). It catches what breaks programs in data files —
 * unterminated strings, unbalanced brackets, an empty program, a mangled first line — and says on
 * which line. The full parse happens later, in the sandbox, when the template is audited.
 */
export interface ProgramProblem {
  line: number;
  message: string;
}

const CLOSERS: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

export function quickProgramCheck(source: string): ProgramProblem | undefined {
  if (source.trim() === '') return { line: 1, message: 'the program is empty' };
  const stack: { ch: string; line: number }[] = [];
  let line = 1;
  let statements = 0;
  let lineHasCode = false;
  const n = source.length;
  for (let i = 0; i < n; i++) {
    const ch = source[i] as string;
    if (ch === '\n') {
      if (lineHasCode) statements++;
      lineHasCode = false;
      line++;
      continue;
    }
    if (ch === '#') {
      while (i + 1 < n && source[i + 1] !== '\n') i++;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\\') continue;
    lineHasCode = true;
    if (ch === '"' || ch === "'") {
      const triple = source.startsWith(ch.repeat(3), i);
      const quote = triple ? ch.repeat(3) : ch;
      const startLine = line;
      let j = i + quote.length;
      let closed = false;
      while (j < n) {
        const c = source[j];
        if (c === '\\') {
          if (source[j + 1] === '\n') line++;
          j += 2;
          continue;
        }
        if (c === '\n') {
          if (!triple) break;
          line++;
        }
        if (source.startsWith(quote, j)) {
          closed = true;
          break;
        }
        j++;
      }
      if (!closed) return { line: startLine, message: `unterminated ${triple ? 'triple-quoted ' : ''}string` };
      i = j + quote.length - 1;
      continue;
    }
    if (ch === '(' || ch === '[' || ch === '{') stack.push({ ch, line });
    else if (ch === ')' || ch === ']' || ch === '}') {
      const open = stack.pop();
      if (!open) return { line, message: `unmatched '${ch}'` };
      if (open.ch !== CLOSERS[ch]) return { line, message: `'${ch}' does not match '${open.ch}' opened on line ${open.line}` };
    }
  }
  if (lineHasCode) statements++;
  const open = stack.pop();
  if (open) return { line: open.line, message: `'${open.ch}' is never closed` };
  if (statements === 0) return { line: 1, message: 'the program has only comments' };
  // Python refuses indented first statements; data files often have a stray indent from copy-paste.
  const first = source.split('\n').find((l) => l.trim() !== '' && !l.trim().startsWith('#'));
  if (first !== undefined && /^\s/.test(first)) return { line: source.split('\n').indexOf(first) + 1, message: 'unexpected indent on the first statement' };
  return undefined;
}
