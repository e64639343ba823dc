/**
 * Streaming line reader for large JSONL files (InfinityMATH is 190 MB / 101k lines).
 *
 * Lines are split on byte 10 with Buffer.indexOf and decoded with one `toString('utf8', …)` each, so a
 * multi-byte character is never cut in half (the split happens on bytes, the decoding per whole line).
 * Every line reports its byte range: `byteEnd` is the offset just after its newline, so a runner can
 * store it and resume later with `startByte: byteEnd, startLine: lineNo + 1`.
 *
 * A line longer than `maxLineBytes` is never held in memory: the reader drops what it has and skips to
 * the next newline, then reports `{ tooLong: true, bytes }`. Blank lines are yielded (the caller decides).
 *
 * A line that is not valid UTF-8 carries `invalidUtf8` (where its first bad byte is) beside its text
 * decoded with replacement characters, so a caller can refuse the row and say where, rather than store
 * U+FFFD in place of what the file said. The check is `buffer.isUtf8` (simdutf): a few milliseconds per
 * 100 MB; only a failing line pays for finding the offset.
 */
import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';

export type JsonlLine =
  | { lineNo: number; byteStart: number; byteEnd: number; text: string; invalidUtf8?: InvalidUtf8 }
  | { lineNo: number; byteStart: number; byteEnd: number; tooLong: true; bytes: number };

export interface InvalidUtf8 {
  /** Offset of the first byte that is not valid UTF-8, from the start of the line's content. */
  byteOffset: number;
  /** How many characters of `text` come before it (the decoded prefix is exact up to there). */
  charOffset: number;
  /** The offending bytes (up to 4), in hex: `c3 28`. */
  bytes: string;
}

export interface ReadJsonlOptions {
  /** Lines whose content (without CR/LF) exceeds this many bytes are skipped and reported as tooLong. */
  maxLineBytes: number;
  /** Byte offset to start reading from (a previous line's `byteEnd`). Default 0. */
  startByte?: number;
  /** Line number of the first line read. Default 1. */
  startLine?: number;
  signal?: AbortSignal;
  /** Read chunk size; 1 MiB by default. Exposed so tests can force lines across chunk boundaries. */
  highWaterMark?: number;
}

const LF = 10;
const CR = 13;
const BOM = [0xef, 0xbb, 0xbf] as const;

function hasBom(buf: Buffer, at: number): boolean {
  return buf[at] === BOM[0] && buf[at + 1] === BOM[1] && buf[at + 2] === BOM[2];
}

/** Length of the UTF-8 sequence that starts at `i` if it is valid (1–4), else 0 (RFC 3629: no overlongs, no surrogates, ≤ U+10FFFF). */
function validSequenceAt(b: Buffer, i: number): number {
  const c = b[i] ?? 0;
  if (c < 0x80) return 1;
  const cont = (k: number): boolean => ((b[i + k] ?? 0) & 0xc0) === 0x80;
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    const c1 = b[i + 1] ?? 0;
    if ((c === 0xe0 && c1 < 0xa0) || (c === 0xed && c1 > 0x9f)) return 0;
    return cont(1) && cont(2) ? 3 : 0;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    const c1 = b[i + 1] ?? 0;
    if ((c === 0xf0 && c1 < 0x90) || (c === 0xf4 && c1 > 0x8f)) return 0;
    return cont(1) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

/** Where the first invalid byte of `content` is (only called for content `isUtf8` refused). */
export function locateInvalidUtf8(content: Buffer): InvalidUtf8 {
  let i = 0;
  while (i < content.length) {
    const n = validSequenceAt(content, i);
    if (n === 0) break;
    i += n;
  }
  const bytes = [...content.subarray(i, Math.min(content.length, i + 4))].map((x) => x.toString(16).padStart(2, '0')).join(' ');
  return { byteOffset: i, charOffset: content.toString('utf8', 0, i).length, bytes };
}

export async function* readJsonlLines(path: string, opts: ReadJsonlOptions): AsyncGenerator<JsonlLine> {
  const { maxLineBytes, signal } = opts;
  if (!Number.isInteger(maxLineBytes) || maxLineBytes < 1) {
    throw new RangeError(`maxLineBytes must be a positive integer, got ${String(maxLineBytes)}`);
  }
  const startByte = opts.startByte ?? 0;
  if (!Number.isInteger(startByte) || startByte < 0) {
    throw new RangeError(`startByte must be a non-negative integer, got ${String(startByte)}`);
  }
  signal?.throwIfAborted();
  let lineNo = opts.startLine ?? 1;

  const stream = createReadStream(path, {
    start: startByte,
    highWaterMark: opts.highWaterMark ?? 1 << 20,
    ...(signal ? { signal } : {}),
  });

  /** Parts of the current line seen in earlier chunks (kept only while the line is within the limit). */
  let parts: Buffer[] = [];
  let partsLen = 0;
  /** True once the current line went over the limit: its bytes are counted, not kept. */
  let skipping = false;
  let skippedLen = 0;
  let skippedLastByte: number | undefined;
  let lineStart = startByte;
  let chunkStart = startByte;
  // Room for a CR before the LF and a BOM on line 1, so that the exact check happens at the line's end.
  const keepLimit = maxLineBytes + 1 + BOM.length;

  /** Complete the current line; `tail` is its part in the current chunk, without the LF. */
  const finish = (lineEnd: number, hasNewline: boolean, tail: Buffer): JsonlLine => {
    const byteEnd = lineEnd + (hasNewline ? 1 : 0);
    let line: JsonlLine;
    if (skipping) {
      const last = tail.length > 0 ? tail[tail.length - 1] : skippedLastByte;
      const bytes = skippedLen + tail.length - (last === CR ? 1 : 0);
      line = { lineNo, byteStart: lineStart, byteEnd, tooLong: true, bytes };
    } else {
      const buf = parts.length > 0 ? Buffer.concat([...parts, tail], partsLen + tail.length) : tail;
      const start = lineStart === 0 && hasBom(buf, 0) ? BOM.length : 0;
      let end = buf.length;
      if (end > start && buf[end - 1] === CR) end--;
      const bytes = end - start;
      if (bytes > maxLineBytes) line = { lineNo, byteStart: lineStart, byteEnd, tooLong: true, bytes };
      else {
        const content = buf.subarray(start, end);
        const text = content.toString('utf8');
        line = isUtf8(content) ? { lineNo, byteStart: lineStart, byteEnd, text } : { lineNo, byteStart: lineStart, byteEnd, text, invalidUtf8: locateInvalidUtf8(content) };
      }
    }
    parts = [];
    partsLen = 0;
    skipping = false;
    skippedLen = 0;
    skippedLastByte = undefined;
    lineStart = byteEnd;
    lineNo++;
    return line;
  };

  for await (const raw of stream) {
    const chunk = raw as Buffer;
    let idx = 0;
    while (idx < chunk.length) {
      const nl = chunk.indexOf(LF, idx);
      if (nl === -1) {
        const rest = chunk.subarray(idx);
        if (skipping) {
          skippedLen += rest.length;
          skippedLastByte = rest[rest.length - 1];
        } else if (partsLen + rest.length > keepLimit) {
          skipping = true;
          skippedLen = partsLen + rest.length;
          skippedLastByte = rest[rest.length - 1];
          parts = [];
          partsLen = 0;
        } else {
          parts.push(rest);
          partsLen += rest.length;
        }
        break;
      }
      const line = finish(chunkStart + nl, true, chunk.subarray(idx, nl));
      signal?.throwIfAborted();
      yield line;
      idx = nl + 1;
    }
    chunkStart += chunk.length;
  }
  if (partsLen > 0 || skipping) {
    const line = finish(chunkStart, false, Buffer.alloc(0));
    signal?.throwIfAborted();
    yield line;
  }
}
