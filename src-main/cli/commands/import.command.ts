import fs from 'node:fs';
import { detectFileFormat, importFile } from '../../importers/import-runner.js';
import { IMPORT_FORMATS, type ImportFormat } from '../../importers/row-mappers.js';
import { CliError } from '../cli-error.js';
import type { CliContext } from '../context.js';
import { table } from '../table.js';

function parseMap(entries: string[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const e of entries) {
    const eq = e.indexOf('=');
    if (eq <= 0 || eq === e.length - 1) throw new CliError(`--map expects field=key (e.g. generic=general_question), got "${e}"`, 2);
    map[e.slice(0, eq)] = e.slice(eq + 1);
  }
  return map;
}

export async function importCommand(
  ctx: CliContext,
  args: { file: string | undefined; format: string | undefined; map: string[]; pack: string | undefined; json: boolean; progressJson: boolean },
): Promise<void> {
  if (!args.file) throw new CliError('import: which file? usage: infinitymath import <file.jsonl> [--format F] [--map field=key]', 2);
  if (args.format !== undefined && !(IMPORT_FORMATS as readonly string[]).includes(args.format)) {
    throw new CliError(`import: unknown --format "${args.format}"; expected one of ${IMPORT_FORMATS.join(', ')}`, 2);
  }
  if (!fs.existsSync(args.file)) throw new CliError(`import: no such file: ${args.file}`);
  const format = (args.format as ImportFormat | undefined) ?? (await detectFileFormat(args.file));
  const controller = new AbortController();
  const onSigint = (): void => controller.abort();
  process.once('SIGINT', onSigint);
  try {
    const report = await importFile(ctx.database.db, args.file, {
      format,
      map: parseMap(args.map),
      ...(args.pack ? { packId: args.pack } : {}),
      signal: controller.signal,
      // Only program-of-thought records need the sandbox during import (to verify the templatized programs).
      ...(format === 'pot' ? { pool: await ctx.pool() } : {}),
      onProgress: (p) => {
        ctx.progress(`importing ${Math.round((100 * p.bytesRead) / Math.max(1, p.totalBytes))}%  rows ${p.rowsRead}  stored ${p.imported}  skipped ${p.skipped}`);
        // Machine-readable progress for GUIs and tests (one JSON object per committed batch).
        if (args.progressJson) process.stderr.write(`progress ${JSON.stringify(p)}\n`);
      },
    });
    if (args.json) {
      process.stdout.write(`${JSON.stringify(report)}\n`);
      return;
    }
    const lines = [
      `${report.cancelled ? 'Cancelled' : 'Imported'} ${report.file} as ${report.format} into pack ${report.packId}${report.resumedFromLine ? ` (resumed at line ${report.resumedFromLine})` : ''}`,
      table(['rows read', 'inserted', 'updated', 'unchanged', 'skipped'], [[report.rowsRead, report.inserted, report.updated, report.unchanged, report.skipped]]),
    ];
    const reasons = Object.entries(report.skippedByReason);
    if (reasons.length > 0) lines.push('', 'Skipped, by reason:', table(['reason', 'rows'], reasons.map(([r, n]) => [r, n ?? 0])));
    if (report.errors.length > 0) {
      lines.push('', `First errors (of ${report.skipped}):`);
      for (const e of report.errors.slice(0, 10)) lines.push(`  line ${e.lineNo}: ${e.reason}: ${e.detail ?? ''}`);
    }
    if (report.flaggedUnsafeTex > 0) {
      lines.push('', `Flagged ${report.flaggedUnsafeTex} template(s) "unsafe LaTeX": their math uses TeX the LaTeX export prints as text (see their flags in the Library).`);
    }
    const d = report.details;
    if (d.templatize) lines.push('', `Auto-templatize: ${JSON.stringify(d.templatize)}`);
    if (d.recognised) lines.push('', `Recognised keys: ${JSON.stringify(d.recognised)}`);
    if (d.unrecognisedKeys && Object.keys(d.unrecognisedKeys).length > 0) lines.push(`Unrecognised keys (kept under meta): ${JSON.stringify(d.unrecognisedKeys)}`);
    if (d.placeholderStyles) lines.push(`Placeholder styles: ${JSON.stringify(d.placeholderStyles)}`);
    if (d.unsupportedHelpers && Object.keys(d.unsupportedHelpers).length > 0) lines.push(`Unsupported helpers: ${JSON.stringify(d.unsupportedHelpers)}`);
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    process.off('SIGINT', onSigint);
  }
}
