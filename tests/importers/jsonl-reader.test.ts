import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJsonlLines } from '../../src-main/importers/jsonl-reader.js';
import type { JsonlLine, ReadJsonlOptions } from '../../src-main/importers/jsonl-reader.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'jsonl-reader-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

let fileNo = 0;
async function file(content: string | Buffer): Promise<string> {
  const p = path.join(dir, `f${fileNo++}.jsonl`);
  await writeFile(p, content);
  return p;
}

async function all(p: string, opts: ReadJsonlOptions): Promise<JsonlLine[]> {
  const out: JsonlLine[] = [];
  for await (const line of readJsonlLines(p, opts)) out.push(line);
  return out;
}

function texts(lines: JsonlLine[]): (string | { tooLong: number })[] {
  return lines.map((l) => ('tooLong' in l ? { tooLong: l.bytes } : l.text));
}

describe('readJsonlLines', () => {
  it('splits lines and reports byte ranges, byteEnd just after the newline', async () => {
    const p = await file('{"a":1}\n{"b":22}\n');
    const lines = await all(p, { maxLineBytes: 100 });
    expect(lines).toEqual([
      { lineNo: 1, byteStart: 0, byteEnd: 8, text: '{"a":1}' },
      { lineNo: 2, byteStart: 8, byteEnd: 17, text: '{"b":22}' },
    ]);
  });

  it('handles CRLF, blank lines and a missing final newline', async () => {
    const p = await file('one\r\n\r\ntwo\r\nthree');
    const lines = await all(p, { maxLineBytes: 100 });
    expect(texts(lines)).toEqual(['one', '', 'two', 'three']);
    expect(lines.map((l) => [l.byteStart, l.byteEnd])).toEqual([
      [0, 5],
      [5, 7],
      [7, 12],
      [12, 17],
    ]);
  });

  it('drops a UTF-8 BOM on line 1 only, keeping byte offsets true to the file', async () => {
    const p = await file(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"x":1}\n\uFEFFkeep\n')]));
    const lines = await all(p, { maxLineBytes: 100 });
    expect(texts(lines)).toEqual(['{"x":1}', '\uFEFFkeep']);
    expect(lines[0]).toMatchObject({ byteStart: 0, byteEnd: 11 });
  });

  it('decodes multi-byte characters cut by chunk boundaries', async () => {
    const text = 'é€😀 naïve ünïcödé\n日本語のテキスト\n';
    const p = await file(text);
    for (const hwm of [1, 2, 3, 5, 7, 64]) {
      const lines = await all(p, { maxLineBytes: 1000, highWaterMark: hwm });
      expect(texts(lines)).toEqual(['é€😀 naïve ünïcödé', '日本語のテキスト']);
    }
  });

  it('skips a too-long line without keeping it, reports its size, and carries on', async () => {
    const long = 'x'.repeat(5000);
    const p = await file(`short\n${long}\r\nafter\n`);
    const lines = await all(p, { maxLineBytes: 100, highWaterMark: 64 });
    expect(texts(lines)).toEqual(['short', { tooLong: 5000 }, 'after']);
    expect(lines[1]).toMatchObject({ lineNo: 2, byteStart: 6, byteEnd: 6 + 5002 });
    expect(lines[2]).toMatchObject({ lineNo: 3, byteStart: 5008 });
  });

  it('reports a too-long last line without a newline', async () => {
    const p = await file(`ok\n${'y'.repeat(300)}`);
    const lines = await all(p, { maxLineBytes: 10, highWaterMark: 16 });
    expect(texts(lines)).toEqual(['ok', { tooLong: 300 }]);
    expect(lines[1]).toMatchObject({ byteEnd: 303 });
  });

  it('accepts a line of exactly maxLineBytes (the CR does not count) and refuses one byte more', async () => {
    const p = await file(`${'a'.repeat(10)}\r\n${'b'.repeat(11)}\n`);
    for (const hwm of [4, 11, 12, 1024]) {
      const lines = await all(p, { maxLineBytes: 10, highWaterMark: hwm });
      expect(texts(lines)).toEqual(['a'.repeat(10), { tooLong: 11 }]);
    }
  });

  it('resumes from a stored byteEnd and line number', async () => {
    const p = await file('l1\nl2\nl3\nl4\n');
    const first = await all(p, { maxLineBytes: 10 });
    const second = first[1];
    if (second === undefined) throw new Error('expected a second line');
    const rest = await all(p, { maxLineBytes: 10, startByte: second.byteEnd, startLine: second.lineNo + 1 });
    expect(rest).toEqual(first.slice(2));
  });

  it('stops when the signal is aborted', async () => {
    const p = await file('a\nb\nc\n');
    const ctrl = new AbortController();
    const seen: string[] = [];
    await expect(async () => {
      for await (const line of readJsonlLines(p, { maxLineBytes: 10, signal: ctrl.signal })) {
        if ('text' in line) seen.push(line.text);
        ctrl.abort();
      }
    }).rejects.toThrow(/abort/i);
    expect(seen).toEqual(['a']);
  });

  it('refuses a non-positive maxLineBytes', async () => {
    const p = await file('a\n');
    await expect(all(p, { maxLineBytes: 0 })).rejects.toThrow(/maxLineBytes must be a positive integer/);
  });

  it('yields nothing for an empty file', async () => {
    const p = await file('');
    expect(await all(p, { maxLineBytes: 10 })).toEqual([]);
  });
});

describe('readJsonlLines and bytes that are not UTF-8', () => {
  const cases: [string, number[]][] = [
    ['a broken two-byte sequence', [0xc3, 0x28]],
    ['an overlong encoding of "/"', [0xc0, 0xaf]],
    ['a UTF-16 surrogate encoded in UTF-8', [0xed, 0xa0, 0x80]],
    ['a byte that never appears in UTF-8', [0xff]],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['a sequence cut short by the end of the line', [0xe2, 0x82]],
  ];
  for (const [what, bytes] of cases) {
    it(`reports ${what} with its byte and character offset, and still gives the text`, async () => {
      const prefix = Buffer.from('{"id":"é🍎-');
      const p = await file(Buffer.concat([Buffer.from('{"ok":1}\n'), prefix, Buffer.from(bytes), Buffer.from('\n{"ok":2}\n')]));
      const lines = await all(p, { maxLineBytes: 100 });
      expect(lines.map((l) => 'text' in l && l.invalidUtf8 !== undefined)).toEqual([false, true, false]);
      const bad = lines[1];
      if (bad === undefined || !('text' in bad) || bad.invalidUtf8 === undefined) throw new Error('expected an invalid line');
      expect(bad.invalidUtf8.byteOffset).toBe(prefix.length);
      expect(bad.invalidUtf8.charOffset).toBe('{"id":"é🍎-'.length);
      expect(bad.invalidUtf8.bytes.startsWith(bytes[0]?.toString(16) ?? '?')).toBe(true);
      expect(bad.text.startsWith('{"id":"é🍎-\ufffd')).toBe(true);
    });
  }

  it('passes every valid sequence, up to four bytes, and a BOM on line 1', async () => {
    const p = await file(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"t":"aé€🍎\u{10ffff}"}\n')]));
    const lines = await all(p, { maxLineBytes: 100 });
    expect(lines).toEqual([{ lineNo: 1, byteStart: 0, byteEnd: 26, text: '{"t":"aé€🍎\u{10ffff}"}' }]);
  });
});
