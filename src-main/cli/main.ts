#!/usr/bin/env node
/**
 * `infinitymath`: the engine from the command line. Every command has `--json` for scripts, and bad
 * input ends with a one-line reason and a non-zero exit (2 for usage errors, 1 for the rest).
 */
import { parseArgs } from 'node:util';
import { defaultDatabasePath } from '../paths.js';
import { CliError } from './cli-error.js';
import { openContext } from './context.js';
import { auditCommand } from './commands/audit.command.js';
import { listCommand, showCommand } from './commands/browse.command.js';
import { exportCommand } from './commands/export.command.js';
import { generateCommand } from './commands/generate.command.js';
import { importCommand } from './commands/import.command.js';
import { worksheetCommand } from './commands/worksheet.command.js';
import { authorCommand } from './commands/author.command.js';
import { backupCommand, restoreCommand } from './commands/backup.command.js';

const USAGE = `usage: infinitymath <command> [options]

commands:
  import <file> [--format infinitymath|gsm-symbolic|pot|native] [--map field=key]... [--pack ID] [--progress-json]
  generate <template-id> | --all | --topic T  [--count N] [--seed S] [--out file.jsonl]
  show <template-id>
  list [--topic T] [--search TEXT] [--pack ID] [--status S] [--limit N]
  audit [--samples K] [--pack ID] [--topic T] [--search TEXT] [--verbose] [--report report.html]
  export --out file.jsonl [--force] [--format native|infinitymath|chat|alpaca|robustness] [--per-template N]
         [--only all|healthy|approved|approved-healthy] [--dedupe] [--pack ID] [--topic T] [--status S]
  worksheet (--topic T | --template ID...) --out FILE [--count N] [--versions V] [--seed S]
            [--format pdf|html|tex] [--key none|separate|appended] [--paper A4|Letter]
  author <problems.jsonl> --model NAME --endpoint URL [--concurrency N] [--rounds N] [--out report.jsonl] [--pack ID]
         [--limit N] [--question-field F] [--answer-field F] [--api-key KEY] [--timeout S]
  backup FILE [--force]      the whole library to FILE (safe while the app runs)
  restore FILE [--force]     the library from FILE; an existing one is replaced only with --force (a copy is kept)

options for every command:
  --db PATH   the library database (default: $INFINITYMATH_DB, or ${defaultDatabasePath()})
  --json      machine-readable output
  --force     replace an existing output file (--out, --report); without it, a command refuses to overwrite
`;

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new CliError(`--${name} expects a whole number, got "${value}"`, 2);
  return n;
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  // The worksheet command reads its own options (it has many of its own).
  if (command === 'worksheet') {
    await worksheetCommand(rest);
    return;
  }
  if (command === 'author') {
    await authorCommand(rest);
    return;
  }
  if (command === 'backup' || command === 'restore') {
    await (command === 'backup' ? backupCommand(rest) : restoreCommand(rest));
    return;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      strict: true,
      options: {
        db: { type: 'string' },
        json: { type: 'boolean', default: false },
        format: { type: 'string' },
        map: { type: 'string', multiple: true, default: [] },
        pack: { type: 'string' },
        all: { type: 'boolean', default: false },
        topic: { type: 'string' },
        count: { type: 'string' },
        seed: { type: 'string' },
        out: { type: 'string' },
        search: { type: 'string' },
        status: { type: 'string' },
        limit: { type: 'string' },
        samples: { type: 'string' },
        verbose: { type: 'boolean', default: false },
        'per-template': { type: 'string' },
        only: { type: 'string' },
        dedupe: { type: 'boolean', default: false },
        report: { type: 'string' },
        'progress-json': { type: 'boolean', default: false },
        force: { type: 'boolean', default: false },
      },
    });
  } catch (err) {
    throw new CliError(`${command}: ${(err as Error).message.split('\n')[0] ?? ''}`, 2);
  }
  const v = parsed.values;
  const first = parsed.positionals[0];
  const known = ['import', 'generate', 'show', 'list', 'audit', 'export'];
  if (!known.includes(command)) throw new CliError(`unknown command "${command}"; expected one of ${known.join(', ')} (see --help)`, 2);
  if (v.status !== undefined && !['unknown', 'healthy', 'warning', 'broken'].includes(v.status)) {
    throw new CliError(`--status expects unknown, healthy, warning or broken, got "${v.status}"`, 2);
  }
  const ctx = openContext(v.db, { json: v.json });
  try {
    switch (command) {
      case 'import':
        await importCommand(ctx, { file: first, format: v.format, map: v.map, pack: v.pack, json: v.json, progressJson: v['progress-json'] });
        break;
      case 'generate':
        await generateCommand(ctx, {
          id: first,
          all: v.all,
          topic: v.topic,
          count: positiveInt('count', v.count, 1),
          seed: v.seed === undefined ? undefined : positiveInt('seed', v.seed, 0),
          out: v.out,
          json: v.json,
          force: v.force,
        });
        break;
      case 'show':
        showCommand(ctx, { id: first, json: v.json });
        break;
      case 'list':
        listCommand(ctx, { topic: v.topic, search: v.search, pack: v.pack, status: v.status, limit: positiveInt('limit', v.limit, 50), json: v.json });
        break;
      case 'audit':
        await auditCommand(ctx, { samples: positiveInt('samples', v.samples, 20), pack: v.pack, topic: v.topic, search: v.search, json: v.json, verbose: v.verbose, report: v.report, force: v.force });
        break;
      case 'export':
        await exportCommand(ctx, {
          out: v.out,
          pack: v.pack,
          topic: v.topic,
          status: v.status,
          json: v.json,
          format: v.format,
          perTemplate: v['per-template'],
          only: v.only,
          dedupe: v.dedupe,
          force: v.force,
        });
        break;
    }
  } finally {
    await ctx.close();
  }
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (err: unknown) => {
    if (err instanceof CliError) {
      process.stderr.write(`infinitymath: ${err.message}\n`);
      process.exit(err.exitCode);
    }
    process.stderr.write(`infinitymath: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
