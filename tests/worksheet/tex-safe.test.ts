/**
 * Problem text to LaTeX, region by region: allowed math stays math (as written, Unicode mapped),
 * anything else is printed as visible text with the reason — including what KaTeX would accept but
 * LaTeX must not run (`\def`, `\color`, `\cancel`), and what parses in neither (`\frac{1}{`).
 */
import { describe, expect, it } from 'vitest';
import { mathTextToTex, mathTextToTexReport } from '../../src-main/worksheet/tex-safe.std.js';

describe('problem text to LaTeX', () => {
  it('keeps allowed math as math and money as money', () => {
    expect(mathTextToTex('What is $\\frac{3}{4}$ of $12.50?')).toBe('What is $\\frac{3}{4}$ of \\$12.50?');
    expect(mathTextToTex('Solve $$x^2 = 4$$ and \\(y \\le 3\\) and \\[\\sqrt{2}\\].')).toBe('Solve \\[x^2 = 4\\] and $y \\le 3$ and \\[\\sqrt{2}\\].');
    expect(mathTextToTex('A $3 × 4$ grid at 20°')).toBe('A $3 \\times  4$ grid at 20°');
    expect(mathTextToTex('$\\text{5 cm × 2}$')).toBe('$\\text{5 cm × 2}$');
  });

  it('prints refused math as typewriter text and says why', () => {
    const r = mathTextToTexReport('Read $\\input{/etc/hostname}$ now.');
    expect(r.tex).toBe('Read \\texttt{\\$\\textbackslash{}input\\{/etc/hostname\\}\\$} now.');
    expect(r.refused).toEqual(['\\input is not allowed in math']);
  });

  it('refuses what KaTeX accepts but the allowlist does not have', () => {
    for (const [tex, reason] of [
      ['$\\def\\x{1}\\x$', '\\def is not allowed in math'],
      ['$\\color{red}{x}$', '\\color is not allowed in math'],
      ['$\\cancel{x}$', '\\cancel is not allowed in math'],
      ['$\\gdef\\y{2}$', '\\gdef is not allowed in math'],
    ] as const) {
      const r = mathTextToTexReport(tex);
      expect(r.refused, tex).toContain(reason);
      expect(r.tex.startsWith('\\texttt{'), tex).toBe(true);
    }
  });

  it('prints math that does not parse as text, so the document still compiles', () => {
    for (const tex of ['$\\frac{1}{$', '$\\left( x$', '$x^{2$', '$a}b$']) {
      const r = mathTextToTexReport(tex);
      expect(r.refused.some((x) => x.startsWith('math that does not parse')), tex).toBe(true);
      expect(r.tex.startsWith('\\texttt{'), tex).toBe(true);
    }
  });
});
