/**
 * `infinitymath author problems.jsonl --model <name> --endpoint <url>`: batch authoring over a JSONL of
 * problems with answers (GSM8K: `question`, `answer` ending in `#### n`) against an OpenAI-compatible
 * server. Progress goes to stderr, one report line per item to `--out` (default `<input>.author-report.jsonl`),
 * a summary at the end. Rerunning with the same --out resumes: lines already reported are skipped (the
 * key is the input line number). It parses its own options (main.ts hands it the raw arguments).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runBatch, type BatchSummary } from '../../authoring/batch.js';
import type { ChatModel } from '../../authoring/chat-model.js';
import { createOpenAiChatModel } from '../../authoring/openai-chat-model.js';
import type { SandboxPool } from '../../sandbox/pool.js';
import { CliError } from '../cli-error.js';
import { openContext } from '../context.js';

export const AUTHOR_USAGE = `usage: infinitymath author <problems.jsonl> --model NAME --endpoint URL
  [--question-field question] [--answer-field answer] [--concurrency 4] [--rounds 2] [--out report.jsonl]
  [--pack ID] [--limit N] [--samples K] [--api-key KEY] [--timeout SECONDS] [--db PATH] [--json]
  --rounds is the number of bug-fix rounds after the first request; --pack defaults to authored.<file name>.
  Resuming: items whose input line is already in the --out report (or whose template is in the pack) are skipped.`;

export interface AuthorCommandDeps {
  /** Tests share one sandbox pool across runs. */
  pool?: () => Promise<SandboxPool>;
  /** Tests script the model without a server. */
  model?: ChatModel;
  stderr?: (text: string) => void;
  stdout?: (text: string) => void;
}

function whole(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < min || n > max) throw new CliError(`author: --${name} expects a whole number from ${min} to ${max}, got "${value}"`, 2);
  return n;
}

function formatSummary(s: BatchSummary): string {
  const fixed = Object.entries(s.fixed)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, n]) => `${k.replace(/_/g, ' ')}: ${n}`);
  const failedBy = Object.entries(s.failedBy).map(([k, n]) => `${k} ${n}`);
  return [
    `${s.total} item(s): ${s.done} done now, ${s.resumed} skipped (done by an earlier run)`,
    `  templated in round 1: ${s.templated}`,
    ...fixed.map((f) => `  ${f}`),
    `  failed: ${s.failed}${failedBy.length > 0 ? ` (${failedBy.join(', ')})` : ''}`,
  ].join('\n');
}

export async function authorCommand(argv: readonly string[], deps: AuthorCommandDeps = {}): Promise<BatchSummary | undefined> {
  const err = deps.stderr ?? ((t: string) => process.stderr.write(t));
  const out = deps.stdout ?? ((t: string) => process.stdout.write(t));
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        db: { type: 'string' },
        json: { type: 'boolean', default: false },
        model: { type: 'string' },
        endpoint: { type: 'string' },
        'api-key': { type: 'string' },
        'question-field': { type: 'string' },
        'answer-field': { type: 'string' },
        concurrency: { type: 'string' },
        rounds: { type: 'string' },
        out: { type: 'string' },
        pack: { type: 'string' },
        limit: { type: 'string' },
        samples: { type: 'string' },
        timeout: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (e) {
    throw new CliError(`author: ${(e as Error).message.split('\n')[0] ?? ''}\n${AUTHOR_USAGE}`, 2);
  }
  const v = parsed.values;
  if (v.help) {
    out(`${AUTHOR_USAGE}\n`);
    return undefined;
  }
  const input = parsed.positionals[0];
  if (input === undefined) throw new CliError(`author: give the problems file\n${AUTHOR_USAGE}`, 2);
  if (parsed.positionals.length > 1) throw new CliError(`author: one input file only, got ${parsed.positionals.length}`, 2);
  if (deps.model === undefined && (v.model === undefined || v.endpoint === undefined)) {
    throw new CliError('author: --model NAME and --endpoint URL are required (e.g. --model qwen2.5-coder --endpoint http://127.0.0.1:11434/v1)', 2);
  }
  const concurrency = whole('concurrency', v.concurrency, 4, 1, 64);
  const fixRounds = whole('rounds', v.rounds, 2, 0, 10);
  const limit = v.limit === undefined ? undefined : whole('limit', v.limit, 0, 1, 10_000_000);
  const samples = whole('samples', v.samples, 20, 0, 1000);
  const timeoutMs = whole('timeout', v.timeout, 120, 1, 600) * 1000;
  const stem = path.basename(input).replace(/\.[^.]*$/, '').replace(/[^A-Za-z0-9_-]+/g, '-') || 'problems';
  const packId = v.pack ?? `authored.${stem}`;
  if (!/^[A-Za-z0-9_.-]{1,100}$/.test(packId)) throw new CliError(`author: --pack "${packId}" may hold only letters, digits, ".", "_" and "-"`, 2);
  const report = path.resolve(v.out ?? `${input}.author-report.jsonl`);
  let model: ChatModel;
  try {
    model = deps.model ?? createOpenAiChatModel({ baseURL: v.endpoint ?? '', model: v.model ?? '', timeoutMs, ...(v['api-key'] !== undefined ? { apiKey: v['api-key'] } : {}) });
  } catch (e) {
    throw new CliError(`author: ${(e as Error).message}`, 2);
  }

  const ctx = openContext(v.db, { json: v.json });
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.once('SIGINT', stop);
  try {
    const pool = await (deps.pool ?? ctx.pool)();
    err(`author: ${input} → pack ${packId}, report ${report} (model ${model.label})\n`);
    let summary: BatchSummary;
    try {
      summary = await runBatch(ctx.database.db, pool, model, input, report, {
        ...(v['question-field'] !== undefined ? { questionField: v['question-field'] } : {}),
        ...(v['answer-field'] !== undefined ? { answerField: v['answer-field'] } : {}),
        concurrency,
        fixRounds,
        samples,
        ...(limit !== undefined ? { limit } : {}),
        pack: { id: packId, name: `Authored from ${path.basename(input)}` },
        signal: controller.signal,
        onItem: (r, s) => {
          err(`author: ${s.done + s.resumed}/${s.total} line ${r.line}: ${r.status}${r.why !== null ? ` (${r.why.slice(0, 120)})` : ''}\n`);
        },
      });
    } catch (e) {
      throw new CliError(`author: ${(e as Error).message}`);
    }
    if (v.json) out(`${JSON.stringify({ report, packId, ...summary })}\n`);
    else err(`${formatSummary(summary)}\nreport: ${report}\n`);
    return summary;
  } finally {
    process.removeListener('SIGINT', stop);
    await ctx.close();
  }
}
