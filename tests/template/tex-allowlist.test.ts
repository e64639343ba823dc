/**
 * The math allowlist holds only what both renderers know: every allowed command, environment, rewrite
 * and Unicode mapping renders with KaTeX (throwOnError) and compiles with pdflatex in the LaTeX
 * export's preamble; every text character declared printable prints without "not set up for use
 * with LaTeX". And the scanner refuses what must be refused, wherever it hides.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import katex from 'katex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStarterTemplates } from '../../src-main/library/starter-pack.js';
import { MATH_COMMANDS, MATH_ENVIRONMENTS, MATH_REWRITES, UNICODE_MATH } from '../../src-main/template/tex-allowlist.std.js';
import { isTexTextChar, sanitizeMathTex, texProblems, texText } from '../../src-main/template/tex-safety.std.js';

/** How each command is used (the bare command for symbols). */
const USAGE: Record<string, string> = {
  frac: '\\frac{1}{2}', dfrac: '\\dfrac{1}{2}', tfrac: '\\tfrac{1}{2}', cfrac: '\\cfrac{1}{2}', binom: '\\binom{n}{k}', dbinom: '\\dbinom{n}{k}',
  tbinom: '\\tbinom{n}{k}', sqrt: '\\sqrt[3]{2}', over: '{a \\over b}', choose: '{n \\choose k}',
  hat: '\\hat{x}', widehat: '\\widehat{xy}', bar: '\\bar{x}', overline: '\\overline{AB}', underline: '\\underline{x}', vec: '\\vec{v}',
  overrightarrow: '\\overrightarrow{AB}', overleftarrow: '\\overleftarrow{AB}', overleftrightarrow: '\\overleftrightarrow{AB}', tilde: '\\tilde{x}',
  widetilde: '\\widetilde{xy}', dot: '\\dot{x}', ddot: '\\ddot{x}', acute: '\\acute{x}', grave: '\\grave{x}', breve: '\\breve{x}', check: '\\check{x}',
  mathring: '\\mathring{x}', overbrace: '\\overbrace{a+b}', underbrace: '\\underbrace{a+b}', overset: '\\overset{a}{=}', underset: '\\underset{a}{=}',
  stackrel: '\\stackrel{a}{=}', xrightarrow: '\\xrightarrow{f}', xleftarrow: '\\xleftarrow{f}', boxed: '\\boxed{1}',
  mathbf: '\\mathbf{x}', mathrm: '\\mathrm{x}', mathit: '\\mathit{x}', mathsf: '\\mathsf{x}', mathtt: '\\mathtt{x}', mathcal: '\\mathcal{X}',
  mathbb: '\\mathbb{R}', mathfrak: '\\mathfrak{g}', boldsymbol: '\\boldsymbol{x}', text: '\\text{cm}', textbf: '\\textbf{a}', textit: '\\textit{a}',
  textrm: '\\textrm{a}', textsf: '\\textsf{a}', texttt: '\\texttt{a}', textup: '\\textup{a}', textnormal: '\\textnormal{a}',
  emph: '\\text{\\emph{a}}', operatorname: '\\operatorname{lcm}', displaystyle: '\\displaystyle x', textstyle: '\\textstyle x',
  scriptstyle: '\\scriptstyle x', scriptscriptstyle: '\\scriptscriptstyle x', bf: '{\\bf x}', rm: '{\\rm x}', it: '{\\it x}',
  left: '\\left( x \\right)', right: '\\left[ x \\right]', middle: '\\left( x \\middle| y \\right)', big: '\\big(', Big: '\\Big(', bigg: '\\bigg(',
  Bigg: '\\Bigg(', bigl: '\\bigl(', bigr: '\\bigr)', Bigl: '\\Bigl(', Bigr: '\\Bigr)', biggl: '\\biggl(', biggr: '\\biggr)',
  hspace: 'a\\hspace{1em}b', phantom: '\\phantom{x}', hphantom: '\\hphantom{x}', vphantom: '\\vphantom{x}',
  pmod: 'a \\equiv b \\pmod{3}', bmod: 'a \\bmod 3', mod: 'a \\mod 3', pod: 'a \\pod{3}', not: 'a \\not= b', hline: '\\begin{array}{c}\\hline a\\end{array}',
  cr: '\\begin{matrix} a \\cr b \\end{matrix}', mathop: '\\mathop{\\rm lcm}', mathbin: 'a \\mathbin{\\star} b', mathrel: 'a \\mathrel{\\sim} b',
  mathord: '\\mathord{+}', begin: '\\begin{matrix} a \\end{matrix}', end: '\\begin{matrix} a \\end{matrix}',
};

const ENV_USAGE: Record<string, string> = {
  array: '\\begin{array}{cc} a & b \\\\ c & d \\end{array}',
  gathered: '\\begin{gathered} a \\\\ b \\end{gathered}',
  aligned: '\\begin{aligned} a &= b \\\\ c &= d \\end{aligned}',
};
const envSample = (env: string): string => ENV_USAGE[env] ?? `\\begin{${env}} a & b \\\\ c & d \\end{${env}}`;

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'im-tex-allowlist-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Compiles a body in the LaTeX export's preamble; returns the log's error lines (empty: it compiled cleanly). */
function compileErrors(name: string, body: string): string[] {
  const tex = ['\\documentclass{article}', '\\usepackage[T1]{fontenc}', '\\usepackage[utf8]{inputenc}', '\\usepackage{amsmath,amssymb}', '\\begin{document}', body, '\\end{document}', ''].join('\n');
  fs.writeFileSync(path.join(dir, `${name}.tex`), tex);
  const run = spawnSync('pdflatex', ['-interaction=nonstopmode', '-no-shell-escape', `${name}.tex`], { cwd: dir, encoding: 'utf8' });
  if (run.error) throw new Error(`pdflatex not found (${run.error.message}): apt-get install -y texlive-latex-base`, { cause: run.error });
  const log = fs.readFileSync(path.join(dir, `${name}.log`), 'latin1').split('\n');
  // "! Undefined control sequence." is followed by the line that has it: keep both.
  return log.flatMap((l, i) => (l.startsWith('!') || /not set up for use with LaTeX/.test(l) ? [`${l} ${log[i + 1] ?? ''}`] : []));
}

const katexError = (tex: string): string | null => {
  try {
    katex.renderToString(tex, { throwOnError: true, strict: 'ignore', trust: false });
    return null;
  } catch (err) {
    return String(err);
  }
};

describe('the math allowlist', () => {
  const samples = [...MATH_COMMANDS].map((c) => USAGE[c] ?? `\\${c}`);

  it('every allowed command, environment and rewrite renders with KaTeX', () => {
    // A rewrite is checked as the export writes it (KaTeX lacks `\\mbox`; LaTeX lacks `\\bold`).
    const rewritten = Object.keys(MATH_REWRITES).map((k) => sanitizeMathTex(`a \\${k}{b}`).tex);
    const failures = [...samples, ...[...MATH_ENVIRONMENTS].map(envSample), ...rewritten, ...Object.keys(UNICODE_MATH)]
      .map((s) => [s, katexError(s)] as const)
      .filter(([, e]) => e !== null);
    expect(failures).toEqual([]);
  });

  it('every allowed command, environment, rewrite and Unicode mapping compiles with pdflatex, as the sanitizer writes it', () => {
    const lines = [...samples, ...[...MATH_ENVIRONMENTS].map(envSample), ...Object.keys(MATH_REWRITES).map((k) => `a \\${k} b`), ...Object.keys(UNICODE_MATH).map((u) => `a ${u} b`)].map(
      (s, i) => {
        const { tex, problems } = sanitizeMathTex(s);
        expect(problems, s).toEqual([]);
        return `${i}: $${tex}$\\par`;
      },
    );
    expect(compileErrors('commands', lines.join('\n'))).toEqual([]);
  });

  it('every character declared printable prints in text, and in \\text{} inside math', () => {
    const chars: string[] = [];
    for (let cp = 0xa0; cp < 0x10000; cp++) {
      const ch = String.fromCodePoint(cp);
      if (isTexTextChar(ch)) chars.push(ch);
    }
    expect(chars.length).toBeGreaterThan(300);
    const text = texText(chars.join(' '));
    const math = sanitizeMathTex(`\\text{${chars.slice(0, 60).join('')}} ${chars.slice(60, 120).join('')}`);
    expect(math.problems).toEqual([]);
    expect(compileErrors('chars', `${text}\\par $${math.tex}$`)).toEqual([]);
  });

  it('characters LaTeX cannot print are written another way, never passed through', () => {
    expect(texText('４２ apples')).toBe('42 apples');
    expect(texText('π r')).toBe('\\ensuremath{\\pi} r');
    expect(texText('an 🍎 a day')).toBe('an \\texttt{[U+1F34E]} a day');
    expect(texText('a\u0000b\u001bc\u200bd\te\nf')).toBe('abcd e f');
    expect(texText('50% of \\$3 {x} ^^5c #1 ~ _ <a|b>')).toBe(
      '50\\% of \\textbackslash{}\\$3 \\{x\\} \\textasciicircum{}\\textasciicircum{}5c \\#1 \\textasciitilde{} \\_ \\textless{}a\\textbar{}b\\textgreater{}',
    );
    expect(compileErrors('fallbacks', texText('４２ π 🍎 漢字 ‮ 50% \\$3 {x} ^^5c #1 ~ _ <a|b> ¾'))).toEqual([]);
  });
});

describe('what the scanner refuses', () => {
  it('names every control sequence outside the allowlist, and TeX below the token level', () => {
    expect(texProblems('Read $\\input{/etc/hostname}$ and $\\immediate\\openout5=x.tex \\write5{y}$.')).toEqual(['\\input', '\\immediate', '\\openout', '\\write']);
    expect(texProblems('$^^5cinput{/etc/hostname}$')).toEqual(['^^ (a TeX character escape)']);
    expect(texProblems('$\\csname input\\endcsname{x}$ $\\catcode`\\@=11$ $\\def\\x{y}$')).toEqual(['\\csname', '\\endcsname', '\\catcode', '\\@', '\\def', '\\x']);
    expect(texProblems('$\\begin{filecontents}{x.tex}y\\end{filecontents}$')).toEqual(['\\begin{filecontents}', '\\end{filecontents}']);
    expect(texProblems('$\\@input{x}$ $\\text{\\input{x}}$')).toEqual(['\\@', '\\input']);
    expect(texProblems('$x \\$')).toEqual([]); // `\$` outside math is a dollar: no region, nothing refused
    expect(texProblems('$a\u0007b$')).toEqual(['the control character U+0007']);
  });

  it('escapes what only changes meaning: a comment, a parameter, a stray alignment tab', () => {
    expect(sanitizeMathTex('x % y').tex).toBe('x \\% y');
    expect(sanitizeMathTex('#1 & a').tex).toBe('\\#1 \\& a');
    expect(sanitizeMathTex('\\begin{cases} a & b \\end{cases} & c').tex).toBe('\\begin{cases} a & b \\end{cases} \\& c');
    expect(sanitizeMathTex('a \\\\ b').tex).toBe('a   b');
    expect(sanitizeMathTex('\\bold{x} \\lt y \\degree').tex).toBe('\\mathbf{x} < y ^{\\circ}');
  });

  it('passes every starter template untouched (none is flagged)', () => {
    const flagged = readStarterTemplates().templates.flatMap((t) => {
      const p = texProblems([t.generic_problem, t.original_problem ?? '', t.answer_unit ?? '', ...(t.choices ?? [])].join('\n'));
      return p.length > 0 ? [`${t.id}: ${p.join(', ')}`] : [];
    });
    expect(flagged).toEqual([]);
  });
});
