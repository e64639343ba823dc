import { describe, expect, it } from 'vitest';
import { findMathRegions, renderText } from '../../src-main/template/render.js';
import type { Domain, Template, VariableValue } from '../../src-main/template/template.types.js';

function template(generic: string, variables: Record<string, VariableValue>, extra: Partial<Template> = {}): Template {
  return { id: 'test.render', generic_problem: generic, program: 'x', variables, ...extra };
}

/** The math spans of `text`, as text. */
function spans(text: string, bare: readonly string[] = []): string[] {
  return findMathRegions(text, new Set(bare)).map((r) => text.slice(r.start, r.end));
}

const money: Domain = { kind: 'money', min: 1, max: 100, step: 1 };
const cents: Domain = { kind: 'money', min: 1, max: 100, step: 0.25 };
const pct: Domain = { kind: 'percent', min: 5, max: 50, step: 5 };
const int: Domain = { kind: 'int', min: -99999, max: 99999 };

describe('findMathRegions: `$` as money vs math', () => {
  it.each<[string, string[]]>([
    // money
    ['It costs $12. Then $3 more.', []],
    ['He paid $12.50, and tax is $1.20.', []],
    ['A house for $80,000 and then $50,000 in repairs.', []],
    ['Tickets are $5/$10.', []],
    ['He buys 2 $5 loaves of bread, 2 3$ boxes of cereal.', []],
    ['Zaid earns 6000$ per month and gives 200$ to his daughter.', []],
    ['Each book sells at 20$, and she sold 3.', []],
    ['She gives {a}$ to him and {b}$ to her.', []],
    ['She gives <a>$ to him and <b> $ to her.', []],
    ['It costs $.50 a day, or $.20 with a card.', []],
    ['Pay \\$5 now and \\$6 later.', []],
    ['costs ${a} and ${b}.', []],
    // math
    ['He paid $5 and $x$ is the unknown.', ['$x$']],
    ['Let $x = 5$. Then $y$.', ['$x = 5$', '$y$']],
    ['Solve ${a}x + {b} = 0$.', ['${a}x + {b} = 0$']],
    ['costs ${a}. Then ${b}$ more', ['${b}$']],
    ['Find $12 + 7$.', ['$12 + 7$']],
    ['a 50$\\%$ chance', ['$\\%$']],
    ['a television that costs $\\$$1500', ['$\\$$']],
    ['is $ \\frac{47}{288} $. Next', ['$ \\frac{47}{288} $']],
    ['$$x^2$$ and $y$', ['$$x^2$$', '$y$']],
    ['\\(a+1\\) and \\[b\\]', ['\\(a+1\\)', '\\[b\\]']],
    ['$x \\$ y$ here', ['$x \\$ y$']],
    ['$\\text{cost} = \\$5$', ['$\\text{cost} = \\$5$']],
    // neither
    ['$x + 1 never closes', []],
    ['$x\n\ny$', []],
    ['a line break \\\\(b) is not math', []],
  ])('%j', (text, expected) => {
    expect(spans(text)).toEqual(expected);
  });

  it('reads bare-style names after `$` as money when told the names', () => {
    const text = 'A shirt costs $shirt_price. A hat costs $hat_price.';
    expect(spans(text, ['shirt_price', 'hat_price'])).toEqual([]);
    // Without the names `$shirt_price` looks like TeX, which is why render passes them.
    expect(spans(text)).toEqual(['$shirt_price. A hat costs $']);
    expect(spans('He gives gift$ to him and tip$ to her.', ['gift', 'tip'])).toEqual([]);
  });

  it('gives content bounds inside the delimiters', () => {
    expect(findMathRegions('a \\(xy\\) b')).toEqual([{ start: 2, end: 8, contentStart: 4, contentEnd: 6 }]);
  });
});

describe('renderText in prose', () => {
  it('formats money and percent and never doubles signs', () => {
    const t = template('A coat costs {price} and is on sale for {off} off. A hat is ${hat}, a scarf \\${scarf}, tax {tax}%.', {
      price: 80, off: 25, hat: 12, scarf: 7, tax: 8,
    });
    const d = { price: money, off: pct, hat: money, scarf: money, tax: pct };
    expect(renderText(t, d, { price: 120, off: 15, hat: 9, scarf: 4, tax: 10 })).toBe(
      'A coat costs $120 and is on sale for 15% off. A hat is $9, a scarf \\$4, tax 10%.',
    );
  });

  it('keeps cents when the domain has them and uses separators from 10,000', () => {
    const t = template('Pens cost {p} each; she has {n} stamps and {m} coins.', { p: 1.5, n: 12500, m: 1250 });
    expect(renderText(t, { p: cents, n: int, m: int }, { p: 2.5, n: 12500, m: 1250 })).toBe(
      'Pens cost $2.50 each; she has 12,500 stamps and 1250 coins.',
    );
  });

  it('reproduces the original text with the original values', () => {
    const t = template('{name} buys {n} apples at ${price} each, {pct}% of them red.', { name: 'Mia', n: 12, price: 3, pct: 25 });
    const d: Record<string, Domain> = { name: { kind: 'list', list: 'names' }, n: int, price: money, pct: pct };
    expect(renderText(t, d, t.variables)).toBe('Mia buys 12 apples at $3 each, 25% of them red.');
  });

  it('treats {{a}} in prose as one (mustache) placeholder', () => {
    const t = template('{{name}} has {{n}} apples and {n} pears.', { name: 'Mia', n: 3 });
    expect(renderText(t, {}, { name: 'Ada', n: 4 })).toBe('Ada has 4 apples and 4 pears.');
  });

  it('keeps a TeX group around a placeholder in prose', () => {
    const t = template('Total: \\textbf{{n}} apples.', { n: 3 });
    expect(renderText(t, {}, { n: 4 })).toBe('Total: \\textbf{4} apples.');
  });

  it('leaves braces that are not variables alone', () => {
    const t = template('Use {cm} units: {n} of them.', { n: 3 });
    expect(renderText(t, { n: int }, { n: 5 })).toBe('Use {cm} units: 5 of them.');
  });

  it('variables without a domain are printed as they are', () => {
    const t = template('There are {m} minutes in an hour.', { m: 60 });
    expect(renderText(t, {}, { m: 60 })).toBe('There are 60 minutes in an hour.');
  });
});

describe('renderText inside math', () => {
  it('inserts values as TeX groups and keeps LaTeX intact', () => {
    const t = template('Solve $x^2 + {b}x + {c} = 0$ and simplify $\\frac{a}{d}$.', { a: 1, b: 2, c: 3, d: 4 });
    expect(renderText(t, { a: int, b: int, c: int, d: int }, { a: 12, b: -3, c: 12500, d: 5 })).toBe(
      'Solve $x^2 + {-3}x + {12{,}500} = 0$ and simplify $\\frac{12}{5}$.',
    );
  });

  it('does not double-wrap a placeholder already alone in braces', () => {
    const t = template('$\\frac{{a}}{{b}}$', { a: 1, b: 2 });
    expect(renderText(t, {}, { a: 12, b: 5 })).toBe('$\\frac{12}{5}$');
  });

  it('escapes money and percent inside math and reads `${a}…$` as math', () => {
    const t = template('Solve ${a}x = {p}$ where \\(r = {r}\\) and $$y = {q}$$.', { a: 2, p: 10, r: 5, q: 3 });
    const d = { a: int, p: money, r: pct, q: int };
    expect(renderText(t, d, { a: 7, p: 12500, r: 20, q: 4 })).toBe(
      'Solve ${7}x = {\\$12{,}500}$ where \\(r = {20\\%}\\) and $$y = {4}$$.',
    );
  });

  it('does not add \\% when the math already has it', () => {
    const t = template('It rose by ${p}\\%$ this year.', { p: 10 });
    expect(renderText(t, { p: pct }, { p: 15 })).toBe('It rose by ${15}\\%$ this year.');
    // With spaces, `$ {p}` reads as money (a closer after a space is not trusted), yet nothing is doubled.
    const u = template('It rose by $ {p}\\% $ this year.', { p: 10 });
    expect(renderText(u, { p: pct }, { p: 15 })).toBe('It rose by $ 15\\% $ this year.');
  });

  it('a `$` that closes math is not a currency sign for the next placeholder', () => {
    const t = template('Let $x$ be {price}.', { price: 5 });
    expect(renderText(t, { price: money }, { price: 8 })).toBe('Let $x$ be $8.');
    const u = template('Let $x=1$${price} more.', { price: 5 });
    expect(renderText(u, { price: money }, { price: 8 })).toBe('Let $x=1$$8 more.');
  });
});

describe('renderText styles', () => {
  it('angle style', () => {
    const t = template('<name> has <n> apples.', { name: 'Mia', n: 3 }, { placeholder_style: 'angle' });
    expect(renderText(t, { n: int }, { name: 'Ada', n: 12 })).toBe('Ada has 12 apples.');
  });

  it('bare style, detected: `$price` stays prose and gets no second `$`', () => {
    const t = template('name buys num_apples apples at $price each. Then $tax more.', { name: 'Mia', num_apples: 3, price: 2, tax: 1 });
    const d = { num_apples: int, price: money, tax: money };
    expect(renderText(t, d, { name: 'Ada', num_apples: 12, price: 4, tax: 2 })).toBe('Ada buys 12 apples at $4 each. Then $2 more.');
  });

  it('bare style does not replace parts of longer words', () => {
    const t = template('price_total is more than price.', { price: 3, price_total: 9 }, { placeholder_style: 'bare' });
    expect(renderText(t, {}, { price: 4, price_total: 12 })).toBe('12 is more than 4.');
  });

  it('throws a specific error when a value is missing', () => {
    const t = template('{a} and {b}', { a: 1, b: 2 });
    expect(() => renderText(t, {}, { a: 1 })).toThrow('renderText(test.render): no value for variable "b" (values have: a)');
  });

  it('re-prepares an edited template object', () => {
    const t = template('{a} apples', { a: 1 });
    expect(renderText(t, {}, { a: 2 })).toBe('2 apples');
    t.generic_problem = 'Now $x = {a}$';
    expect(renderText(t, {}, { a: 2 })).toBe('Now $x = {2}$');
    t.generic_problem = 'a apples, n pears';
    t.placeholder_style = 'bare';
    expect(renderText(t, {}, { a: 2 })).toBe('2 apples, n pears');
    t.variables = { a: 1, n: 3 };
    expect(renderText(t, {}, { a: 2, n: 4 })).toBe('2 apples, 4 pears');
  });
});
