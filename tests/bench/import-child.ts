/**
 * One measurement of the import benchmark, in its own process so its peak RSS is its own:
 * `parse` streams the file and JSON.parses every line (the reference); `import` runs the real import.
 */
import fs from 'node:fs';
import { importFile } from '../../src-main/importers/import-runner.js';
import { readJsonlLines } from '../../src-main/importers/jsonl-reader.js';
import { openDatabase } from '../../src-main/storage/database.js';

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
