/**
 * One measurement of the import benchmark, in its own process so its peak RSS is its own:
 * `parse` streams the file and JSON.parses every line (the reference); `import` runs the real import;
 * `checks` times only the import's checks of untrusted rows (UTF-8, nesting depth, control characters,
 * TeX for the LaTeX export) over every line, so their share of the import is measured, not guessed.
 */
import { isUtf8 } from 'node:buffer';
import fs from 'node:fs';
import { importFile } from '../../src-main/importers/import-runner.js';
import { nestingBeyond } from '../../src-main/importers/json-scan.js';
import { readJsonlLines } from '../../src-main/importers/jsonl-reader.js';
import { createRowMapper } from '../../src-main/importers/row-mappers.js';
import { openDatabase } from '../../src-main/storage/database.js';
import { controlCharacterProblem, MAX_ROW_DEPTH, texWarnings } from '../../src-main/template/text-checks.js';

const [mode, file, dbFile] = process.argv.slice(2);
if (!mode || !file) throw new Error('usage: import-child parse|import FILE [DB]');
const started = performance.now();
let rows = 0;
if (mode === 'parse') {
  for await (const line of readJsonlLines(file, { maxLineBytes: 4 * 1024 * 1024 })) {
    if ('text' in line && line.text.trim() !== '') {
      JSON.parse(line.text);
      rows++;
    }
  }
} else if (mode === 'checks') {
  // UTF-8: the whole file, in the reader's 1 MiB chunks (the reader checks each line's bytes the same way).
  let checkMs = 0;
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.alloc(1 << 20);
  for (let n = fs.readSync(fd, buf); n > 0; n = fs.readSync(fd, buf)) {
    const t = performance.now();
    isUtf8(buf.subarray(0, n));
    checkMs += performance.now() - t;
  }
  fs.closeSync(fd);
  const mapper = createRowMapper('infinitymath', 'bench');
  for await (const line of readJsonlLines(file, { maxLineBytes: 4 * 1024 * 1024 })) {
    if (!('text' in line) || line.text.trim() === '') continue;
    let t = performance.now();
    nestingBeyond(line.text, MAX_ROW_DEPTH);
    checkMs += performance.now() - t;
    const outcome = mapper.map(JSON.parse(line.text), line.lineNo);
    if (!outcome.ok) continue;
    t = performance.now();
    controlCharacterProblem(outcome.template);
    texWarnings(outcome.template);
    checkMs += performance.now() - t;
    rows++;
  }
  process.stdout.write(`${JSON.stringify({ mode, rows, ms: checkMs, maxRssMB: process.resourceUsage().maxRSS / 1024 })}\n`);
  process.exit(0);
} else {
  if (!dbFile) throw new Error('import needs a database path');
  fs.rmSync(dbFile, { force: true });
  const app = openDatabase(dbFile);
  const report = await importFile(app.db, file, { format: 'infinitymath' });
  rows = report.inserted;
  app.close();
}
const ms = performance.now() - started;
process.stdout.write(`${JSON.stringify({ mode, rows, ms, maxRssMB: process.resourceUsage().maxRSS / 1024 })}\n`);
