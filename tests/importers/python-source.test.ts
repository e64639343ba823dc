import { describe, expect, it } from 'vitest';
import {
  calledFunctions,
  escapeDocstring,
  findFunction,
  isPythonIdentifier,
  namesUsed,
  parsePythonExpr,
  parsePythonLiteral,
  PySyntaxError,
  tokenizePython,
} from '../../src-main/importers/python-source.js';

describe('tokenizePython', () => {
  it('separates names, numbers, strings, operators, comments and logical newlines', () => {
    const src = 'x = 1_000 + .5  # note\ns = f"a\\"b" \'c\'\ny = (1,\n     2)\n';
    const toks = tokenizePython(src).map((t) => [t.type, t.text]);
    expect(toks).toEqual([
      ['name', 'x'],
      ['op', '='],
      ['number', '1_000'],
      ['op', '+'],
      ['number', '.5'],
      ['comment', '# note'],
      ['newline', '\n'],
      ['name', 's'],
      ['op', '='],
      ['string', 'f"a\\"b"'],
      ['string', "'c'"],
      ['newline', '\n'],
      ['name', 'y'],
      ['op', '='],
      ['op', '('],
      ['number', '1'],
      ['op', ','],
      ['number', '2'],
      ['op', ')'],
      ['newline', '\n'],
    ]);
    const num = tokenizePython('1_000')[0];
    expect(num?.value).toBe(1000);
  });

  it('keeps triple-quoted strings with newlines as one token', () => {
    const toks = tokenizePython('"""a\nb # not a comment"""\n');
    expect(toks.map((t) => t.type)).toEqual(['string', 'newline']);
    expect(toks[0]?.value).toBe('a\nb # not a comment');
  });

  it('throws a PySyntaxError for an unterminated string', () => {
    expect(() => tokenizePython('x = "abc\n')).toThrow(PySyntaxError);
  });
});

describe('parsePythonLiteral', () => {
  it('reads dicts, lists, tuples, strings, numbers and constants', () => {
    expect(parsePythonLiteral("{'a': 1, 'b': [2, -3.5], \"c\": ('x', None, True)}")).toEqual({ a: 1, b: [2, -3.5], c: ['x', null, true] });
  });

  it('refuses expressions that are not literals', () => {
    expect(() => parsePythonLiteral('{"a": x}')).toThrow(/not a literal/);
    expect(() => parsePythonLiteral('[1, 2')).toThrow(PySyntaxError);
  });
});

describe('parsePythonExpr', () => {
  it('parses calls, attributes, keyword arguments, subscripts and precedence', () => {
    expect(parsePythonExpr('np.arange(0.5, 2, step=0.5)')).toEqual({
      kind: 'call',
      fn: { kind: 'attr', obj: { kind: 'name', id: 'np' }, attr: 'arange' },
      args: [
        { kind: 'num', value: 0.5, raw: '0.5' },
        { kind: 'num', value: 2, raw: '2' },
      ],
      kwargs: [{ name: 'step', value: { kind: 'num', value: 0.5, raw: '0.5' } }],
    });
    const e = parsePythonExpr('a + b * -c ** 2');
    expect(e).toMatchObject({ kind: 'binop', op: '+', right: { kind: 'binop', op: '*', right: { kind: 'unary', op: '-', operand: { kind: 'binop', op: '**' } } } });
    expect(parsePythonExpr('xs[:4]')).toMatchObject({ kind: 'subscript', index: { kind: 'slice', lower: undefined, upper: { kind: 'num', value: 4 } } });
    expect(parsePythonExpr('1 if a < b else 2')).toMatchObject({ kind: 'ifexp', test: { kind: 'binop', op: '<' } });
  });

  it('refuses comprehensions and lambdas with a clear message', () => {
    expect(() => parsePythonExpr('[x for x in y]')).toThrow(/comprehensions are not supported/);
    expect(() => parsePythonExpr('lambda x: x')).toThrow(/lambda is not supported/);
  });
});

describe('calledFunctions and namesUsed', () => {
  it('lists called functions (dotted for attributes), never keywords', () => {
    expect(calledFunctions('int(math.floor(x)) + is_int(y) and (a) or not (b)')).toEqual(['int', 'math.floor', 'is_int']);
  });

  it('lists identifiers, not attribute names or keywords', () => {
    expect(namesUsed('math.floor(x) + y if y in z else x')).toEqual(['math', 'x', 'y', 'z']);
  });
});

describe('findFunction', () => {
  const code = [
    '',
    'import math',
    'def solution():',
    '    """Doc with 3 numbers"""',
    '    a = 5  # five apples',
    '    # a comment line',
    '    if a > 2:',
    '        b = 7',
    '    total = (a +',
    '             2)',
    '    return total',
    '',
    'print(solution())',
  ].join('\n');

  it('finds the header, parameters, docstring and body statements', () => {
    const fn = findFunction(code, 'solution');
    expect(fn).toBeDefined();
    if (!fn) return;
    expect(fn.params).toEqual([]);
    expect(code.slice(fn.paramsStart, fn.paramsEnd)).toBe('');
    expect(fn.docstring?.value).toBe('Doc with 3 numbers');
    expect(fn.bodyIndent).toBe('    ');
    // Direct statements: docstring, a = 5, if, total = ..., return
    expect(fn.statements.map((s) => s.tokens[0]?.text)).toEqual(['"""Doc with 3 numbers"""', 'a', 'if', 'total', 'return']);
    expect(fn.allStatements).toHaveLength(6);
    const a = fn.statements[1];
    expect(a?.comment?.text).toBe('# five apples');
    expect(code.slice(a?.lineStart, a?.lineEnd)).toBe('    a = 5  # five apples\n');
    const total = fn.statements[3];
    expect(code.slice(total?.lineStart, total?.lineEnd)).toBe('    total = (a +\n             2)\n');
  });

  it('reads parameters and returns undefined when there is no such function', () => {
    expect(findFunction('def solution(a, b=2, *args):\n    return a\n', 'solution')?.params).toEqual(['a', 'b=2', '*args']);
    expect(findFunction('def other():\n    return 1\n', 'solution')).toBeUndefined();
    expect(findFunction('def solution(): return 1\n', 'solution')).toBeUndefined();
  });
});

describe('small helpers', () => {
  it('checks identifiers', () => {
    expect(isPythonIdentifier('price_2')).toBe(true);
    expect(isPythonIdentifier('2price')).toBe(false);
    expect(isPythonIdentifier('lambda')).toBe(false);
  });

  it('escapes text for a docstring', () => {
    expect(escapeDocstring('a """quoted""" \\ path "x"')).toBe('a \\"\\"\\"quoted\\"\\"\\" \\\\ path "x\\"');
  });
});
