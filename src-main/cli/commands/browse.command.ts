/** `list` and `show`: reading the library. */
import { getAudit } from '../../storage/audits.repo.js';
import { countTemplates, getTemplate, listTemplates, searchTemplates } from '../../storage/templates.repo.js';
import { CliError } from '../cli-error.js';
import type { CliContext } from '../context.js';
import { table, truncate } from '../table.js';

export function listCommand(ctx: CliContext, args: { topic: string | undefined; search: string | undefined; pack: string | undefined; status: string | undefined; limit: number; json: boolean }): void {
  const db = ctx.database.db;
  const filter = {
    ...(args.topic ? { topic: args.topic } : {}),
    ...(args.pack ? { packId: args.pack } : {}),
    ...(args.status ? { status: args.status as 'healthy' } : {}),
    ...(args.search ? { search: args.search } : {}),
  };
  const rows = listTemplates(db, { ...filter, limit: args.limit, orderBy: args.search ? 'relevance' : 'id' });
  const total = countTemplates(db, filter);
  if (args.json) {
    process.stdout.write(`${JSON.stringify({ total, templates: rows })}\n`);
    return;
  }
  process.stdout.write(
    `${table(
      ['id', 'topic', 'grade', 'status', 'problem'],
      rows.map((r) => [r.id, r.topic ?? '', r.gradeMin === null ? '' : `${r.gradeMin}-${r.gradeMax ?? ''}`, r.status, truncate(r.genericProblem, 70)]),
    )}\n${rows.length} of ${total} shown\n`,
  );
}

export function showCommand(ctx: CliContext, args: { id: string | undefined; json: boolean }): void {
  if (!args.id) throw new CliError('show: which template? usage: infinitymath show <template-id>', 2);
  const stored = getTemplate(ctx.database.db, args.id);
  if (!stored) {
    const near = searchTemplates(ctx.database.db, args.id.replace(/[._-]/g, ' '), 3).map((h) => h.id);
    throw new CliError(`show: no template with id "${args.id}"${near.length ? ` (did you mean ${near.join(', ')}?)` : ''}`);
  }
  const audit = getAudit(ctx.database.db, args.id);
  if (args.json) {
    process.stdout.write(`${JSON.stringify({ ...stored, audit })}\n`);
    return;
  }
  const t = stored.template;
  const lines = [
    `${t.id}  (pack ${stored.packId}, status ${stored.status}${stored.review !== 'none' ? `, ${stored.review}` : ''})`,
    [t.strand, t.topic, t.grade ? `grades ${t.grade.min}-${t.grade.max}` : undefined, t.difficulty ? `difficulty ${t.difficulty}` : undefined]
      .filter(Boolean)
      .join(' · '),
    '',
    ...(t.original_problem ? ['Original problem:', `  ${t.original_problem}`, ''] : []),
    'Generic problem:',
    `  ${t.generic_problem}`,
    '',
    'Variables:',
    ...Object.entries(t.variables).map(([k, v]) => `  ${k} = ${JSON.stringify(v)}${t.domains?.[k] ? `   domain ${JSON.stringify(t.domains[k])}` : ''}`),
    ...(t.constraints?.length ? ['', 'Constraints:', ...t.constraints.map((c) => `  ${c}`)] : []),
    '',
    `Original answer: ${t.original_answer === undefined ? '(none)' : JSON.stringify(t.original_answer)}${t.answer_format ? `   format ${t.answer_format}` : ''}`,
    '',
    'Program:',
    ...t.program.split('\n').map((l) => `  ${l}`),
  ];
  if (audit) {
    lines.push(
      '',
      `Audit (${new Date(audit.runAt).toISOString()}${audit.current ? '' : ', of an older version'}): ${audit.status}, ${audit.valid}/${audit.samples} valid draws`,
      ...audit.reasons.map((r) => `  - ${r}`),
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
