/**
 * Other people's files, as an attacker or a broken exporter writes them, into a real SQLite library:
 * one row nested 20,000 deep, bytes that are not UTF-8 in an id, a NUL in problem text, an escape
 * character in an id, TeX that reads files — each is reported for its own line (line, field, why) and
 * every other row of the file is imported. TeX the LaTeX export would not typeset is kept and flagged.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFile } from '../../src-main/importers/import-runner.js';
import { fieldAt, nestingBeyond } from '../../src-main/importers/json-scan.js';
import { MAX_ROW_DEPTH, UNSAFE_TEX_FLAG } from '../../src-main/template/text-checks.js';
import { listFlags } from '../../src-main/storage/curation.repo.js';
import { openDatabase, type AppDatabase } from '../../src-main/storage/database.js';
import { countTemplates, getTemplate } from '../../src-main/storage/templates.repo.js';
import { syntheticRow } from '../helpers/synthetic-infinitymath.js';

let dir: string;
let app: AppDatabase;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'im-import-hard-'));
  app = openDatabase(path.join(dir, 'lib.sqlite'));
});
afterEach(() => {
  app.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const row = (i: number, extra: Record<string, unknown> = {}): string => JSON.stringify({ ...syntheticRow(i), ...extra });
/** `text` as UTF-8 with `marker` replaced by raw bytes. */
const withBytes = (text: string, marker: string, bytes: number[]): Buffer => {
  const [before = '', after = ''] = text.split(marker);
  return Buffer.concat([Buffer.from(before), Buffer.from(bytes), Buffer.from(after)]);
};
const deep = (levels: number): string => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;

describe('hostile rows in an import', () => {
  it('refuses each bad row for itself, says where, and imports every other row', async () => {
    const lines: Buffer[] = [
      Buffer.from(row(1)),
      // 20,000 levels of nesting in an extra key (the InfinityMATH mapper keeps unknown keys under meta).
      Buffer.from(`${row(2).slice(0, -1)},"extra":${deep(20_000)}}`),
      Buffer.from(row(3)),
      // An id whose bytes are not UTF-8 (0xC3 followed by "(" is a broken two-byte sequence).
      withBytes(row(4, { id: 'bad-XX-id' }), 'XX', [0xc3, 0x28]),
      Buffer.from(row(5)),
      // A NUL in the problem text, an ESC in the id, a lone CR in the text.
      Buffer.from(row(6, { generalized_problem: 'There are num_boxes boxes.\u0000 How many?' })),
      Buffer.from(row(7, { id: 'esc-\u001b[31m-id' })),
      Buffer.from(row(8, { generalized_problem: 'There are num_boxes boxes.\rHow many?' })),
      // Tab, newline and CRLF are ordinary text.
      Buffer.from(row(9, { generalized_problem: 'There are\tnum_boxes boxes.\r\nHow many\nin all?' })),
      // Nesting up to the limit is fine.
      Buffer.from(`${row(10).slice(0, -1)},"extra":${deep(MAX_ROW_DEPTH - 1)}}`),
      Buffer.from(row(11)),
    ];
    const file = path.join(dir, 'hostile.jsonl');
    fs.writeFileSync(file, Buffer.concat(lines.flatMap((l) => [l, Buffer.from('\n')])));
    const report = await importFile(app.db, file, { format: 'infinitymath', batchSize: 3 });

    expect(report.errors.map((e) => [e.lineNo, e.reason])).toEqual([
      [2, 'too-deep'],
      [4, 'invalid-utf8'],
      [6, 'control-character'],
      [7, 'control-character'],
      [8, 'control-character'],
    ]);
    const detail = (line: number): string => report.errors.find((e) => e.lineNo === line)?.detail ?? '';
    expect(detail(2)).toMatch(/^extra\.a\.a.*: nested more than 64 levels deep \(at character \d+\)$/);
    const line4 = lines[3] ?? Buffer.alloc(0);
    const badAt = line4.indexOf(Buffer.from([0xc3, 0x28]));
    const line4Start = lines.slice(0, 3).reduce((n, l) => n + l.length + 1, 0);
    expect(detail(4)).toBe(`id: invalid UTF-8 at byte ${badAt} of the line (file offset ${line4Start + badAt}; bytes c3 28 2d 69)`);
    expect(detail(6)).toMatch(/^generic_problem: control character U\+0000 at character 27 /);
    expect(detail(7)).toBe('id: control character U+001B at character 8 ("im.esc-⟨U+001B⟩[31m-id"; only tab and newline are allowed in ids and text)');
    expect(detail(8)).toMatch(/^generic_problem: control character U\+000D /);
    expect(report.inserted).toBe(6);
    expect(countTemplates(app.db, { packId: report.packId })).toBe(6);
    // Nothing of a refused row was stored, not even with replacement characters.
    const bodies = app.db.prepare('SELECT body FROM templates').pluck().all() as string[];
    expect(bodies.some((b) => b.includes('\ufffd') || b.includes('\\u0000') || b.includes('\\u001b'))).toBe(false);
    expect(getTemplate(app.db, 'im.synthetic-9')?.template.generic_problem).toBe('There are\tnum_boxes boxes.\r\nHow many\nin all?');
    // The row nested up to the limit is stored with its nesting intact.
    const meta = getTemplate(app.db, 'im.synthetic-10')?.template.meta as { infinitymath?: { extra?: Record<string, unknown> } } | undefined;
    expect(JSON.stringify(meta?.infinitymath?.extra?.extra)).toBe(deep(MAX_ROW_DEPTH - 1));
  });

  it('flags templates whose math LaTeX export would not typeset, once, and keeps them', async () => {
    const file = path.join(dir, 'tex.jsonl');
    const tex = 'Read $\\input{/etc/hostname}$ and $\\immediate\\write18{rm -rf ~}$ with num_boxes boxes.';
    fs.writeFileSync(file, `${[row(1), row(2, { generalized_problem: tex }), row(3, { generalized_problem: 'Honest $\\frac{num_boxes}{2}$ boxes.' })].join('\n')}\n`);
    const first = await importFile(app.db, file, { format: 'infinitymath' });
    expect(first.inserted).toBe(3);
    expect(first.flaggedUnsafeTex).toBe(1);
    const flags = listFlags(app.db, 'im.synthetic-2');
    expect(flags.map((f) => [f.reason, f.resolvedAt])).toEqual([[UNSAFE_TEX_FLAG, null]]);
    expect(flags[0]?.note).toContain('generic_problem: \\input, \\immediate, \\write');
    expect(listFlags(app.db, 'im.synthetic-3')).toEqual([]);
    expect(app.db.prepare("SELECT review FROM templates WHERE id = 'im.synthetic-2'").pluck().get()).toBe('none');
    // Re-importing the same file flags nothing again.
    fs.appendFileSync(file, `${row(4)}\n`);
    const again = await importFile(app.db, file, { format: 'infinitymath' });
    expect(again.flaggedUnsafeTex).toBe(0);
    expect(listFlags(app.db, 'im.synthetic-2')).toHaveLength(1);
  });
});

describe('scanning a JSON line without parsing it', () => {
  it('finds nesting beyond a limit, not counting brackets inside strings', () => {
    expect(nestingBeyond('{"a":[1,{"b":2}]}', 3)).toBe(-1);
    expect(nestingBeyond('{"a":[1,{"b":2}]}', 2)).toBe(8);
    expect(nestingBeyond('{"a":"[[[[[[\\"[[[[{{{{"}', 1)).toBe(-1);
    expect(nestingBeyond('{"a":"\\\\"}', 1)).toBe(-1);
    expect(nestingBeyond(deep(1_000_000), 64)).toBe(64 * 5);
  });

  it('names the field that holds a character', () => {
    const text = '{"id":"x1","meta":{"tags":["a","bé"],"n":5},"text":"hi"}';
    expect(fieldAt(text, text.indexOf('x1'))).toBe('id');
    expect(fieldAt(text, text.indexOf('bé'))).toBe('meta.tags[1]');
    expect(fieldAt(text, text.indexOf('5'))).toBe('meta.n');
    expect(fieldAt(text, text.indexOf('hi'))).toBe('text');
    expect(fieldAt(text, 0)).toBeUndefined();
  });
});
