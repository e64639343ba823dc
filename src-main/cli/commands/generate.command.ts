import { randomInt } from 'node:crypto';
import { openOutput } from '../../export/export-destination.js';
import { generateInstances } from '../../engine/generate.js';
import { prepareTemplate } from '../../engine/prepared-template.js';
import { putInstances } from '../../storage/instances.repo.js';
import { getTemplate, listStoredTemplates } from '../../storage/templates.repo.js';
import type { Instance, Template } from '../../template/template.types.js';
import { CliError } from '../cli-error.js';
import type { CliContext } from '../context.js';
import { outputPath } from '../output-path.js';

export async function generateCommand(
  ctx: CliContext,
  args: { id: string | undefined; all: boolean; topic: string | undefined; count: number; seed: number | undefined; out: string | undefined; json: boolean; force?: boolean },
): Promise<void> {
  const db = ctx.database.db;
  const outFile = args.out === undefined ? undefined : outputPath('generate', args.out, args.force ?? false);
  let templates: Template[];
  if (args.id) {
    const stored = getTemplate(db, args.id);
    if (!stored) throw new CliError(`generate: no template with id "${args.id}" (try: infinitymath list --search …)`);
    templates = [stored.template];
  } else if (args.all || args.topic) {
    templates = listStoredTemplates(db, { ...(args.topic ? { topic: args.topic } : {}), limit: 10_000, orderBy: 'id' }).map((s) => s.template);
    if (templates.length === 0) throw new CliError(`generate: no templates${args.topic ? ` with topic "${args.topic}"` : ''}`);
  } else {
    throw new CliError('generate: give a template id, --all or --topic T', 2);
  }
  const seed = args.seed ?? randomInt(1, 2 ** 31 - 1);
  const seeds = Array.from({ length: args.count }, (_, i) => seed + i);
  const pool = await ctx.pool();
  const output = outFile === undefined ? undefined : openOutput(outFile, args.force ?? false);
  const out = output?.stream;
  let produced = 0;
  let failed = 0;
  let done = 0;
  // Templates in flight: enough to keep every sandbox process busy.
  let next = 0;
  const results: Instance[][] = new Array<Instance[]>(templates.length);
  const failures: string[] = [];
  const worker = async (): Promise<void> => {
    while (next < templates.length) {
      const i = next++;
      const t = templates[i];
      if (!t) return;
      const prepared = await prepareTemplate(pool, t);
      const report = await generateInstances(pool, prepared, seeds);
      const instances = report.outcomes.flatMap((o) => (o.instance ? [o.instance] : []));
      for (const o of report.outcomes) if (!o.instance) failures.push(`${t.id} seed ${o.seed}: ${o.rejection?.reason ?? 'no valid draw'}`);
      putInstances(db, instances);
      results[i] = instances;
      produced += instances.length;
      failed += report.outcomes.length - instances.length;
      ctx.progress(`generating ${++done}/${templates.length} templates`);
    }
  };
  try {
    await Promise.all(Array.from({ length: pool.size * 2 }, worker));
  } catch (err) {
    await output?.abort();
    throw err;
  }
  // Output in template order, whatever order the pool finished in.
  for (const instances of results) {
    for (const inst of instances ?? []) {
      const line = JSON.stringify(inst);
      if (out) out.write(`${line}\n`);
      else if (args.json) process.stdout.write(`${line}\n`);
      else process.stdout.write(`[${inst.templateId} #${inst.seed}] ${inst.text}\n  answer: ${inst.answerText}\n\n`);
    }
  }
  await output?.commit();
  const summary = `${produced} instances from ${templates.length} template(s), seeds ${seed}..${seed + args.count - 1}${failed ? `, ${failed} seeds without a valid draw` : ''}${args.out ? `, written to ${args.out}` : ''}`;
  if (!args.json || args.out) process.stderr.write(`${summary}\n`);
  for (const f of failures.slice(0, 5)) process.stderr.write(`  ${f}\n`);
  if (produced === 0) throw new CliError('generate: no valid instance could be drawn');
}
