/**
 * `infinitymath audit`: health of every template the options select, K draws each, with a library-wide
 * duplicate scan. `--report FILE.html` then writes the dataset report over the same selection as one
 * self-contained page. Ctrl-C stops after the templates in flight; what was audited is kept.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { LibraryFilter } from '../../api/library-contract.std.js';
import { auditLibrary } from '../../audit/audit-runner.js';
import type { TemplateAudit } from '../../audit/audit-template.js';
import { computeReport } from '../../report/dataset-report.js';
import { renderReportHtml } from '../../report/report-html.js';
import { openOutput } from '../../export/export-destination.js';
import { CliError } from '../cli-error.js';
import { outputPath } from '../output-path.js';
import type { CliContext } from '../context.js';
import { table, truncate } from '../table.js';

export interface AuditCommandArgs {
  samples: number;
  pack: string | undefined;
  topic: string | undefined;
  search: string | undefined;
  json: boolean;
  verbose: boolean;
  /** Where to write the HTML dataset report (after the audit). */
  report?: string | undefined;
  /** Replace an existing report (`--force`). */
  force?: boolean;
}

export async function auditCommand(ctx: CliContext, args: AuditCommandArgs): Promise<void> {
  if (args.samples < 1) throw new CliError('audit: --samples must be at least 1', 2);
  const report = args.report === undefined ? undefined : path.resolve(args.report);
  if (report !== undefined && !fs.existsSync(path.dirname(report))) throw new CliError(`audit: --report: no such folder: ${path.dirname(report)}`, 2);
  // Checked before the audit (which may take minutes), and again when the report is written.
  if (report !== undefined) outputPath('audit --report', report, args.force ?? false);
  const filter: LibraryFilter = {
    ...(args.pack ? { packId: args.pack } : {}),
    ...(args.topic ? { topic: args.topic } : {}),
    ...(args.search ? { search: args.search } : {}),
  };
  const pool = await ctx.pool();
  const controller = new AbortController();
  const onSigint = (): void => controller.abort();
  process.once('SIGINT', onSigint);
  const flagged: TemplateAudit[] = [];
  try {
    const summary = await auditLibrary(
      ctx.database.db,
      pool,
      filter,
      {
        samples: args.samples,
        signal: controller.signal,
        onProgress: (done, total) => ctx.progress(`auditing ${done}/${total}`),
        onAudit: (a) => {
          if (args.json) process.stdout.write(`${JSON.stringify(a)}\n`);
          else if (a.status !== 'healthy') flagged.push(a);
        },
      },
    );
    if (report !== undefined) {
      const file = openOutput(outputPath('audit --report', report, args.force ?? false), args.force ?? false);
      file.stream.write(renderReportHtml(computeReport(ctx.database.db, filter), { filter, generatedAt: Date.now() }));
      await file.commit();
    }
    if (args.json) {
      process.stdout.write(`${JSON.stringify({ summary, ...(report !== undefined ? { report } : {}) })}\n`);
      return;
    }
    flagged.sort((a, b) => (a.status === b.status ? a.templateId.localeCompare(b.templateId) : a.status === 'broken' ? -1 : 1));
    const shown = args.verbose ? flagged : flagged.slice(0, 40);
    const lines: string[] = [];
    if (shown.length > 0) {
      lines.push(
        table(
          ['template', 'status', 'valid', 'orig ok', 'reasons'],
          shown.map((a) => [a.templateId, a.status, `${a.valid}/${a.samples}`, a.reproducesOriginal === null ? '-' : a.reproducesOriginal ? 'yes' : 'NO', truncate(a.reasons.join('; '), 90)]),
        ),
        flagged.length > shown.length ? `… and ${flagged.length - shown.length} more (--verbose shows all)` : '',
        '',
      );
    }
    lines.push(
      `${summary.cancelled ? 'Cancelled after' : 'Audited'} ${summary.audited} of ${summary.total} templates, ${args.samples} draws each:`,
      table(
        ['healthy', 'warning', 'broken', 'reproduce original', 'do not reproduce'],
        [[summary.byStatus.healthy, summary.byStatus.warning, summary.byStatus.broken, summary.reproduced, summary.notReproduced]],
      ),
    );
    if (Object.keys(summary.needsModule).length > 0) lines.push(`Needs modules: ${Object.entries(summary.needsModule).map(([m, n]) => `${m} ×${n}`).join(', ')}`);
    if (summary.duplicates > 0) lines.push(`Duplicates or near-duplicates of earlier templates: ${summary.duplicates}`);
    if (summary.topReasons.length > 0) {
      lines.push('', 'Top reasons:', ...summary.topReasons.map((r) => `  ${String(r.count).padStart(6)}  ${r.reason}`));
    }
    if (report !== undefined) lines.push('', `Report: ${report}`);
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    process.off('SIGINT', onSigint);
  }
}
