/**
 * `infinitymath export`: templates or training data as JSONL.
 *   --format native|infinitymath|chat|alpaca|robustness   (default native)
 *   --per-template N   instances per template for chat/alpaca/robustness (default 5)
 *   --only all|healthy|approved|approved-healthy        (default all)
 *   --dedupe           skip repeated problem texts (instances) or audited duplicates (templates)
 * Ctrl-C stops after the templates in flight and keeps a valid file of what was written.
 */
import { EXPORT_FORMATS, type ExportFormat, type LibraryFilter } from '../../api/library-contract.std.js';
import { EXPORT_ONLY, runExport, type ExportOnly } from '../../export/export-runner.js';
import { TEMPLATE_STATUSES } from '../../storage/storage.types.js';
import { CliError } from '../cli-error.js';
import { outputPath } from '../output-path.js';
import type { CliContext } from '../context.js';

export interface ExportCommandArgs {
  out: string | undefined;
  /** Replace an existing file (`--force`). */
  force?: boolean;
  pack: string | undefined;
  topic: string | undefined;
  status: string | undefined;
  json: boolean;
  format?: string | undefined;
  perTemplate?: string | undefined;
  only?: string | undefined;
  dedupe?: boolean | undefined;
}

const USAGE = 'usage: infinitymath export --out file.jsonl [--format native|infinitymath|chat|alpaca|robustness] [--per-template N] [--only all|healthy|approved|approved-healthy] [--dedupe] [--pack P] [--topic T] [--status S]';

function parseFormat(raw: string | undefined): ExportFormat {
  if (raw === undefined) return 'native';
  const format = EXPORT_FORMATS.find((f) => f === raw);
  if (format === undefined) throw new CliError(`export: unknown --format "${raw}"; expected one of ${EXPORT_FORMATS.join(', ')}`, 2);
  return format;
}

function parseOnly(raw: string | undefined): ExportOnly {
  if (raw === undefined) return 'all';
  const only = EXPORT_ONLY.find((o) => o === raw);
  if (only === undefined) throw new CliError(`export: unknown --only "${raw}"; expected one of ${EXPORT_ONLY.join(', ')}`, 2);
  return only;
}

function parsePerTemplate(raw: string | undefined): number {
  if (raw === undefined) return 5;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new CliError(`export: --per-template expects a whole number from 1 to 1000, got "${raw}"`, 2);
  return n;
}

export async function exportCommand(ctx: CliContext, args: ExportCommandArgs): Promise<void> {
  if (!args.out) throw new CliError(`export: where to? ${USAGE}`, 2);
  const format = parseFormat(args.format);
  const only = parseOnly(args.only);
  const perTemplate = parsePerTemplate(args.perTemplate);
  const status = args.status === undefined ? undefined : TEMPLATE_STATUSES.find((s) => s === args.status);
  if (args.status !== undefined && status === undefined) throw new CliError(`export: --status expects ${TEMPLATE_STATUSES.join(', ')}, got "${args.status}"`, 2);
  const filter: LibraryFilter = {
    ...(args.pack ? { packId: args.pack } : {}),
    ...(args.topic ? { topic: args.topic } : {}),
    ...(status ? { status } : {}),
  };
  const out = outputPath('export', args.out, args.force ?? false);
  const needsSandbox = format === 'chat' || format === 'alpaca' || format === 'robustness';
  const pool = needsSandbox ? await ctx.pool() : undefined;
  const controller = new AbortController();
  const onSigint = (): void => controller.abort();
  process.once('SIGINT', onSigint);
  try {
    const summary = await runExport(ctx.database.db, pool, {
      filter,
      format,
      perTemplate,
      only,
      dedupe: args.dedupe ?? false,
      out,
      overwrite: args.force ?? false,
      signal: controller.signal,
      onProgress: (done, total) => ctx.progress(`exporting ${done}/${total}`),
    });
    // `written` is the number of lines, as before the instance formats existed.
    const result = { written: summary.records, ...summary, format };
    const what = needsSandbox ? `${summary.records} ${format} records from ${summary.templates} templates` : `${summary.records} templates`;
    const skipped = summary.skippedDuplicates > 0 ? ` (${summary.skippedDuplicates} duplicates skipped)` : '';
    process.stdout.write(args.json ? `${JSON.stringify(result)}\n` : `${summary.cancelled ? 'Cancelled: wrote' : 'Exported'} ${what} to ${summary.out}${skipped}\n`);
  } finally {
    process.off('SIGINT', onSigint);
  }
}
