/**
 * A worksheet of hostile templates, exported as LaTeX and compiled by a teacher as they would
 * (`pdflatex -interaction=nonstopmode`), reads no host file and writes none: every file pdflatex
 * opens is checked in its recorder file (`-recorder`, the `.fls`) and, where strace exists, in the
 * system calls themselves. Each attack from issue 11 item 5 and its variants is in the sheet: `\input`
 * of the host's hostname file and of a canary file, `\immediate\openout`/`\write`, `\write18`, `^^`
 * escapes that spell `\input`, `\csname`, `\def`, `\catcode`, `filecontents`, `\openin`/`\read`,
 * TeX hidden in prose, in a drawn value, in the teacher's title and instructions, broken math,
 * control characters and characters LaTeX cannot print.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxPool } from '../../src-main/sandbox/pool.js';
import type { Template } from '../../src-main/template/template.types.js';
import { generateWorksheet, templateLookup } from '../../src-main/worksheet/generate-worksheet.js';
import { renderWorksheetTex } from '../../src-main/worksheet/worksheet-tex.std.js';
import { createTestPool } from '../helpers/sandbox.js';

let pool: SandboxPool;
let work: string;
let outside: string;
const CANARY = 'CANARYc4n4ry';

const hostile = (id: string, text: string, extra: Partial<Template> = {}): Template => ({
  id: `hostile.${id}`,
  generic_problem: text,
  program: 'def solution(a):\n    return a + 1\n',
  variables: { a: 3 },
  domains: { a: { kind: 'int', min: 2, max: 9 } },
  answer_format: 'integer',
  ...extra,
});

/** TEXMF trees from kpathsea (where a TeX installation's own files live), plus the system's font config. */
function texRoots(): string[] {
  const raw = execFileSync('kpsewhich', ['-var-value=TEXMF'], { encoding: 'utf8' }).trim();
  const dirs = raw.replace(/[{}!]/g, '').split(/[,:]/).filter((d) => d.startsWith('/'));
  const more = ['TEXMFSYSVAR', 'TEXMFSYSCONFIG', 'TEXMFVAR', 'TEXMFCONFIG', 'TEXMFCNF'].flatMap((v) =>
    execFileSync('kpsewhich', [`-var-value=${v}`], { encoding: 'utf8' }).replace(/[{}!]/g, '').split(/[,:;]/),
  );
  return [...dirs, ...more, '/usr/share/texlive', '/usr/share/texmf', '/etc/texmf', '/var/lib/texmf']
    .map((d) => d.trim())
    .filter((d) => d.startsWith('/'))
    .map((d) => path.resolve(d));
}

const inside = (file: string, dir: string): boolean => file === dir || file.startsWith(`${dir}${path.sep}`);

beforeAll(async () => {
  pool = await createTestPool();
  work = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'im-tex-hostile-')));
  outside = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'im-tex-canary-')));
  fs.writeFileSync(path.join(outside, 'canary.tex'), `${CANARY}\n`);
});
afterAll(async () => {
  await pool.close();
  fs.rmSync(work, { recursive: true, force: true });
  fs.rmSync(outside, { recursive: true, force: true });
});

describe('a hostile sheet exported as LaTeX', () => {
  it('compiles, shows the hostile TeX as text, and pdflatex reads no host file and writes none', async () => {
    const canary = path.join(outside, 'canary.tex');
    const templates = [
      hostile('input', `Add $\\input{/etc/hostname}$ and $\\input{${canary}}$ to {a}.`),
      hostile('openout', 'Count $\\immediate\\openout5=pwned.tex \\immediate\\write5{owned}\\immediate\\closeout5 x$ up to {a}.'),
      hostile('write18', 'Run $\\immediate\\write18{touch pwned18}$ {a} times.'),
      hostile('hat-escape', `Use $^^5cinput{${canary}}$ and $x^^5c$ with {a}.`),
      hostile('csname', `Try $\\csname input\\endcsname{${canary}}$ or $\\def\\x{\\input{${canary}}}\\x$ on {a}.`),
      hostile('catcode', 'Make $\\catcode`\\^^M=13 x$ and $\\let\\y=\\input$ with {a}.'),
      hostile('filecontents', 'Write $\\begin{filecontents}{pwned.tex}owned\\end{filecontents}$ for {a}.'),
      hostile('openin', `Read $$\\openin3=${canary} \\read3 to \\z \\z$$ and \\(\\input{${canary}}\\) and \\[\\input{${canary}}\\] for {a}.`),
      hostile('prose', `Outside math: \\input{${canary}} \\immediate\\write18{touch pwned} % comment }}} {{ \\end{document} ^^5cinput{${canary}} #1 & ~ _ for {a}.`),
      hostile('text-arg', `In text: $\\text{\\input{${canary}}}$ and $\\mathbf{\\input{${canary}}}$ for {a}.`),
      hostile('broken', 'Broken math: $\\frac{1}{$ and $\\left( x$ and $x^^$ and $a \\\\ b$ for {a}.'),
      hostile('chars', 'Odd characters: \u0000\u001b\u0007 🍎 漢字 ４２ ‮ ½ and $\u0001x$ for {a}.'),
      hostile('value', 'Hello {name}, what is {a} plus one?', {
        variables: { a: 3, name: 'Ann' },
        domains: { a: { kind: 'int', min: 2, max: 9 }, name: { kind: 'choice', values: [`$\\input{${canary}}$`, `\\input{${canary}}`] } },
      }),
      hostile('fine', 'An honest one: what is $\\frac{3}{4}$ of {a} times $\\sqrt{16}$, at $12.50 each?'),
    ];
    const sheet = await generateWorksheet(
      pool,
      {
        title: `Title \\input{${canary}} $\\input{${canary}}$`,
        instructions: `Instructions $\\input{${canary}}$ \\input{${canary}} %`,
        seed: 5,
        versions: 2,
        items: templates.map((t) => ({ templateId: t.id, count: 1 })),
        key: 'appended',
        workingSpace: 'none',
      },
      templateLookup(templates),
    );
    expect(sheet.versions[0]?.problems).toHaveLength(templates.length);
    const tex = renderWorksheetTex(sheet);
    fs.writeFileSync(path.join(work, 'sheet.tex'), tex);

    const strace = spawnSync('strace', ['-V']).status === 0;
    const command = ['pdflatex', '-interaction=nonstopmode', '-halt-on-error', '-recorder', 'sheet.tex'];
    const run = strace
      ? spawnSync('strace', ['-f', '-qq', '-e', 'trace=open,openat,creat', '-o', path.join(outside, 'trace.txt'), ...command], { cwd: work, encoding: 'utf8' })
      : spawnSync(command[0] ?? 'pdflatex', command.slice(1), { cwd: work, encoding: 'utf8' });
    const log = fs.readFileSync(path.join(work, 'sheet.log'), 'latin1');
    expect(run.status, log.split('\n').filter((l) => l.startsWith('!')).join('\n')).toBe(0);
    expect(log).not.toMatch(/^! /m);

    // The recorder file: what TeX itself opened.
    const roots = texRoots();
    const fls = fs.readFileSync(path.join(work, 'sheet.fls'), 'utf8').split('\n');
    const pwd = fls.find((l) => l.startsWith('PWD '))?.slice(4) ?? work;
    const opened = fls.flatMap((l) => {
      const m = /^(INPUT|OUTPUT) (.+)$/.exec(l);
      return m?.[1] && m[2] ? [{ kind: m[1], file: path.resolve(pwd, m[2]) }] : [];
    });
    expect(opened.length).toBeGreaterThan(5);
    const strayInputs = opened.filter((o) => o.kind === 'INPUT' && !inside(o.file, work) && !roots.some((r) => inside(o.file, r)));
    expect(strayInputs).toEqual([]);
    const outputs = [...new Set(opened.filter((o) => o.kind === 'OUTPUT').map((o) => path.relative(work, o.file)))].sort();
    expect(outputs).toEqual(['sheet.aux', 'sheet.log', 'sheet.pdf']);
    expect(opened.filter((o) => inside(o.file, outside) || o.file === '/etc/hostname')).toEqual([]);
    expect(fs.readdirSync(work).sort()).toEqual(['sheet.aux', 'sheet.fls', 'sheet.log', 'sheet.pdf', 'sheet.tex']);

    if (strace) {
      // The system calls: no successful open of the canary or /etc/hostname; every file opened for
      // writing is in the working folder, or is the distribution's own font cache (kpathsea runs
      // mktexpk/mktextfm for a font size it has not built yet: they work in /tmp/mtNNN.tmp and
      // install into TEXMFVAR).
      const calls = fs.readFileSync(path.join(outside, 'trace.txt'), 'utf8').split('\n');
      const ok = calls.filter((l) => /\b(open|openat|creat)\(/.test(l) && !/= -1 /.test(l));
      expect(ok.length).toBeGreaterThan(10);
      const fileOf = (l: string): string => path.resolve(work, /"([^"]*)"/.exec(l)?.[1] ?? '');
      expect(ok.filter((l) => fileOf(l) === canary || fileOf(l) === '/etc/hostname')).toEqual([]);
      const writes = ok.filter((l) => /O_WRONLY|O_RDWR|O_CREAT|creat\(/.test(l)).map(fileOf);
      const fontCache = (f: string): boolean => /^\/tmp\/mt\d+\.tmp\//.test(f) || roots.some((r) => inside(f, r));
      expect(writes.filter((f) => !inside(f, work) && !fontCache(f) && f !== '/dev/null' && f !== '/dev/tty')).toEqual([]);
    }

    // What the teacher sees: the hostile TeX as text, never what it would have read.
    const text = execFileSync('pdftotext', [path.join(work, 'sheet.pdf'), '-'], { encoding: 'utf8' });
    expect(text).not.toContain(CANARY);
    const hostname = fs.existsSync('/etc/hostname') ? fs.readFileSync('/etc/hostname', 'utf8').trim() : '';
    if (hostname.length >= 4) expect(text).not.toContain(hostname);
    expect(text).toContain('\\input{/etc/hostname}');
    expect(text).toContain('\\immediate\\openout5=pwned.tex');
    expect(text).toContain('[U+1F34E]');
    // The honest problem's math is typeset (a fraction and a root), its money printed as money.
    expect(tex).toMatch(/\$\\frac\{3\}\{4\}\$ of \d+ times \$\\sqrt\{16\}\$, at \\\$12\.50 each\?/);
  });
});
