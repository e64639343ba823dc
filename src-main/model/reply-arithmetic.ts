/**
 * Arithmetic written out in a reply: numbers joined by operators (`40 + 2`, `6 \times 7`, `84 / 2`,
 * "forty plus two"), evaluated with the usual precedence. The leak guard masks a chain whose value is
 * the answer: writing the answer as a sum to compute is still giving it away, and doing the last step
 * is what the tutor's prompt forbids. How far it goes, on purpose: only chains of plain numbers and
 * the four operations, no brackets, no powers, no variables; a chain stops at `=` (`40 + 2 = ▮▮` keeps
 * `40 + 2` only if that is not the answer). A chain the problem itself states is not masked.
 */
import type { NumberToken } from './number-tokens.js';

export interface Chain {
  start: number;
  end: number;
  value: number;
  /** The chain in a canonical form (`40+2`), to compare with the problem's own. */
  key: string;
}

type Op = '+' | '-' | '*' | '/';

const OPERATOR = /^\s*(\+|-|×|\*|·|⋅|∙|÷|\/|\\times|\\cdot|\\div|\\ast|x(?=\s)|plus|minus|times|multiplied\s+by|divided\s+by|over)\s*$/i;
/** An operator at the end of a text: the chain may go on in the next chunk. */
const OPEN_OPERATOR = /^\s*(\+|-|×|\*|·|⋅|∙|÷|\/|\\times|\\cdot|\\div|\\ast|x|plus|minus|times|multiplied(?:\s+by)?|divided(?:\s+by)?|over)?\s*$/i;

function opOf(word: string): Op {
  const w = word.toLowerCase().replace(/\s+/g, ' ');
  if (w === '+' || w === 'plus') return '+';
  if (w === '-' || w === 'minus') return '-';
  if (w === '÷' || w === '/' || w === '\\div' || w === 'divided by' || w === 'over') return '/';
  return '*';
}

function evaluate(values: readonly number[], ops: readonly Op[]): number {
  // Products and quotients first, then sums, left to right.
  const terms: number[] = [values[0] ?? 0];
  const signs: ('+' | '-')[] = ['+'];
  ops.forEach((op, i) => {
    const v = values[i + 1] ?? 0;
    if (op === '*' || op === '/') {
      const last = terms.length - 1;
      terms[last] = op === '*' ? (terms[last] ?? 0) * v : (terms[last] ?? 0) / v;
    } else {
      terms.push(v);
      signs.push(op);
    }
  });
  return terms.reduce((sum, t, i) => (signs[i] === '-' ? sum - t : sum + t), 0);
}

/**
 * Every chain of two or more numbers joined by operators, in order. With `open`, a number followed
 * by an operator at the end of the text also counts (a chain still arriving), spanning to the end.
 */
export function arithmeticChains(text: string, tokens: readonly NumberToken[], open = false): Chain[] {
  const chains: Chain[] = [];
  let k = 0;
  while (k < tokens.length) {
    const first = tokens[k];
    if (first === undefined) break;
    const values = [first.written.value];
    const ops: Op[] = [];
    let last = first;
    let j = k + 1;
    for (; j < tokens.length; j++) {
      const next = tokens[j];
      if (next === undefined) break;
      const m = OPERATOR.exec(text.slice(last.end, next.start));
      if (!m?.[1]) break;
      ops.push(opOf(m[1]));
      values.push(next.written.value);
      last = next;
    }
    const tail = text.slice(last.end);
    if (open && j >= tokens.length && tail.trim() !== '' && OPEN_OPERATOR.test(tail)) {
      chains.push({ start: first.start, end: text.length, value: Number.NaN, key: '' });
    } else if (ops.length > 0) {
      const value = evaluate(values, ops);
      if (Number.isFinite(value)) chains.push({ start: first.start, end: last.end, value, key: values.map((v, i) => `${i > 0 ? ops[i - 1] : ''}${v}`).join('') });
    }
    k = j;
  }
  return chains;
}
