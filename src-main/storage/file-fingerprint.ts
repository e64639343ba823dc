/**
 * A cheap identity for a (possibly multi-gigabyte) import file: SHA-256 over its size, its first
 * 64 KiB and its last 64 KiB. Reading two small blocks is instant, and it tells apart an appended,
 * truncated or replaced file from the one an interrupted import was reading, even after a rename or
 * a `touch`. (An edit confined to the middle of a large file goes unnoticed; acceptable for resuming.)
 */
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

export const FINGERPRINT_BLOCK = 64 * 1024;

export interface FileFingerprint {
  size: number;
  mtimeMs: number;
  fingerprint: string;
}

export function fingerprintFile(file: string): FileFingerprint {
  const fd = openSync(file, 'r');
  try {
    const stat = fstatSync(fd);
    const hash = createHash('sha256');
    hash.update(`size:${stat.size}\n`);
    hash.update(readBlock(fd, 0, Math.min(FINGERPRINT_BLOCK, stat.size)));
    const tailStart = Math.max(0, stat.size - FINGERPRINT_BLOCK);
    hash.update(readBlock(fd, tailStart, stat.size - tailStart));
    return { size: stat.size, mtimeMs: stat.mtimeMs, fingerprint: hash.digest('hex') };
  } finally {
    closeSync(fd);
  }
}

function readBlock(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buffer, done, length - done, position + done);
    if (n === 0) break; // the file shrank while we read: hash what is there
    done += n;
  }
  return buffer.subarray(0, done);
}
