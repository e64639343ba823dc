import fs from 'node:fs';
import { countTemplates, listStoredTemplates } from '../../storage/templates.repo.js';
import { serializeTemplate } from '../../template/native-format.js';
import { CliError } from '../cli-error.js';
import type { CliContext } from '../context.js';

export async function exportCommand(ctx: CliContext, args: { out: string | undefined; pack: string | undefined; topic: string | undefined; status: string | undefined; json: boolean }): Promise<void> {
  if (!args.out) throw new CliError('export: where to? usage: infinitymath export --out file.jsonl [--pack P] [--status healthy]', 2);
  const db = ctx.database.db;
  const filter = {
    ...(args.pack ? { packId: args.pack } : {}),
    ...(args.topic ? { topic: args.topic } : {}),
    ...(args.status ? { status: args.status as 'healthy' } : {}),
  };
  const total = countTemplates(db, filter);
  const out = fs.createWriteStream(args.out);
  let written = 0;
  for (let offset = 0; offset < total; offset += 1000) {
    for (const s of listStoredTemplates(db, { ...filter, limit: 1000, offset, orderBy: 'id' })) {
      if (!out.write(`${serializeTemplate(s.template)}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      written++;
    }
    ctx.progress(`exporting ${written}/${total}`);
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  const result = { written, out: args.out };
  process.stdout.write(args.json ? `${JSON.stringify(result)}\n` : `Exported ${written} templates to ${args.out}\n`);
}
