import { auditLibrary } from '../../audit/audit-runner.js';
import type { TemplateAudit } from '../../audit/audit-template.js';
import type { CliContext } from '../context.js';
import { table, truncate } from '../table.js';

export async function auditCommand(
  ctx: CliContext,
  args: { samples: number; pack: string | undefined; topic: string | undefined; search: string | undefined; json: boolean; verbose: boolean },
): Promise<void> {
  const pool = await ctx.pool();
  const controller = new AbortController();
  const onSigint = (): void => controller.abort();
  process.once('SIGINT', onSigint);
  const flagged: TemplateAudit[] = [];
  try {
    const summary = await auditLibrary(
      ctx.database.db,
      pool,
      { ...(args.pack ? { packId: args.pack } : {}), ...(args.topic ? { topic: args.topic } : {}), ...(args.search ? { search: args.search } : {}) },
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
    if (args.json) {
      process.stdout.write(`${JSON.stringify({ summary })}\n`);
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
    if (summary.topReasons.length > 0) {
      lines.push('', 'Top reasons:', ...summary.topReasons.map((r) => `  ${String(r.count).padStart(6)}  ${r.reason}`));
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    process.off('SIGINT', onSigint);
  }
}
