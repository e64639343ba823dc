/**
 * `npm run bench`: speed figures, each against a reference measured in the same run on the same
 * machine (timings on shared machines are noisy; ratios are what we compare). Not part of `npm test`.
 *
 * 1. Verified instances/s (draw → run in the sandbox → judge → render) on the starter pack and on the
 *    auto-templatized gsm-hard programs, against native python3 running the same programs on the same
 *    values in a tight in-process loop, and against one python3 process per instance.
 * 2. Import of a synthetic InfinityMATH-shaped file (101,380 rows, ~190 MB, generated here) against a
 *    plain loop of JSON.parse over the same lines, with peak RSS.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateInstances } from '../../src-main/engine/generate.js';
import { prepareTemplate, type PreparedTemplate } from '../../src-main/engine/prepared-template.js';
import { templatizePot } from '../../src-main/importers/pot-templatize.js';
import { readStarterTemplates } from '../../src-main/library/starter-pack.js';
import { packageRoot } from '../../src-main/paths.js';
import { SandboxPool } from '../../src-main/sandbox/pool.js';
import type { Instance, Template } from '../../src-main/template/template.types.js';
import { writeSyntheticFile } from '../helpers/synthetic-infinitymath.js';
import { corpusFile } from '../corpora/corpora-dir.js';
import { uiBench } from './ui-bench.js';
import { worksheetBench, worksheetBenchRows } from '../worksheet/worksheet-bench.js';
import { auditBench } from './audit-bench.js';
import { searchBench } from './search-bench.js';

const root = packageRoot();
const dataDir = path.join(root, 'bench-data');
fs.mkdirSync(dataDir, { recursive: true });
const rows: string[][] = [];

function fmt(x: number, digits = 0): string {
  return x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

interface EngineRun {
  instances: Instance[];
  prepared: PreparedTemplate[];
  seconds: number;
}

async function runEngine(pool: SandboxPool, templates: Template[], perTemplate: number): Promise<EngineRun> {
  const started = performance.now();
  const instances: Instance[] = [];
  const prepared: PreparedTemplate[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < templates.length) {
      const t = templates[next++];
      if (!t) return;
      const p = await prepareTemplate(pool, t);
      prepared.push(p);
      const seeds = Array.from({ length: perTemplate }, (_, i) => i + 1);
      const report = await generateInstances(pool, p, seeds);
      for (const o of report.outcomes) if (o.instance) instances.push(o.instance);
    }
  };
  await Promise.all(Array.from({ length: pool.size * 3 }, worker));
  return { instances, prepared, seconds: (performance.now() - started) / 1000 };
}

/** The real interpreter, not a version manager's shell shim (which would add its own start-up to every process). */
const PYTHON = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).stdout.trim() || 'python3';

function pythonInProcess(run: EngineRun): number {
  const byTemplate = new Map(run.prepared.map((p) => [p.template.id, p]));
  const jobs = new Map<string, { program: string; entry: string; values: Record<string, unknown>[] }>();
  for (const inst of run.instances) {
    const p = byTemplate.get(inst.templateId);
    if (!p) continue;
    const job = jobs.get(inst.templateId) ?? { program: p.template.program, entry: p.template.entry ?? 'solution', values: [] };
    job.values.push(inst.values);
    jobs.set(inst.templateId, job);
  }
  const file = path.join(os.tmpdir(), `im-bench-jobs-${process.pid}.json`);
  fs.writeFileSync(file, JSON.stringify([...jobs.values()]));
  const r = spawnSync(PYTHON, [path.join(root, 'tests', 'bench', 'python-reference.py'), file], { encoding: 'utf8' });
  fs.rmSync(file, { force: true });
  if (r.status !== 0) throw new Error(`python reference failed: ${r.stderr}`);
  const out = JSON.parse(r.stdout) as { instances: number; seconds: number };
  return out.instances / out.seconds;
}

/** One python3 process per instance, two at a time (the machine's two cores). */
async function pythonPerProcess(run: EngineRun, sample: number): Promise<number> {
  const byTemplate = new Map(run.prepared.map((p) => [p.template.id, p]));
  const picked = run.instances.filter((_, i) => i % Math.max(1, Math.floor(run.instances.length / sample)) === 0).slice(0, sample);
  const started = performance.now();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < picked.length) {
      const inst = picked[next++];
      const p = inst ? byTemplate.get(inst.templateId) : undefined;
      if (!inst || !p) continue;
      const code = `${p.template.program}\nimport json\nprint(${p.template.entry ?? 'solution'}(**json.loads(${JSON.stringify(JSON.stringify(inst.values))})))\n`;
      await new Promise<void>((resolve, reject) => {
        const child = spawn(PYTHON, ['-c', code], { stdio: ['ignore', 'ignore', 'ignore'] });
        child.once('exit', () => resolve());
        child.once('error', reject);
      });
    }
  };
  await Promise.all([worker(), worker()]);
  return picked.length / ((performance.now() - started) / 1000);
}

function gsmHardTemplates(): Template[] {
  const file = corpusFile('pal/gsmhardv2.jsonl');
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .flatMap((line, i) => {
      const r = templatizePot(JSON.parse(line), { lineNo: i + 1, fileId: 'gsmhardv2' });
      return r.template ? [r.template] : [];
    });
}

async function engineBench(pool: SandboxPool, label: string, templates: Template[], perTemplate: number): Promise<void> {
  const run = await runEngine(pool, templates, perTemplate);
  const ours = run.instances.length / run.seconds;
  const cpython = pythonInProcess(run);
  const perProcess = await pythonPerProcess(run, 200);
  rows.push(
    [`${label}: verified instances/s (${fmt(run.instances.length)} instances, pool of ${pool.size})`, fmt(ours), '', ''],
    ['  vs native python3, same programs and values, in-process loop', fmt(cpython), `${fmt(ours / cpython, 3)}×`, '≥ 0.4×'],
    ['  vs one python3 process per instance (2 at a time)', fmt(perProcess, 1), `${fmt(ours / perProcess, 1)}×`, '≥ 100×'],
  );
}

function runChild(args: string[]): { ms: number; maxRssMB: number; rows: number } {
  const r = spawnSync(process.execPath, [path.join(root, 'dist', 'bench-import.mjs'), ...args], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`import child failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as { ms: number; maxRssMB: number; rows: number };
}

function importBench(): void {
  const file = path.join(dataDir, 'infinitymath-synthetic.jsonl');
  const ROWS = 101_380;
  if (!fs.existsSync(file)) {
    process.stderr.write(`writing ${file} (${ROWS} rows)…\n`);
    writeSyntheticFile(file, ROWS, { padTo: 1870 });
  }
  const mb = fs.statSync(file).size / 1e6;
  const parse = runChild(['parse', file]);
  const imp = runChild(['import', file, path.join(dataDir, 'import-bench.sqlite')]);
  const checks = runChild(['checks', file]);
  rows.push(
    [`import of ${fmt(ROWS)} InfinityMATH-shaped rows (${fmt(mb)} MB): seconds`, fmt(imp.ms / 1000, 2), '', ''],
    ['  vs streaming JSON.parse of the same lines', fmt(parse.ms / 1000, 2), `${fmt(imp.ms / parse.ms, 2)}×`, '≤ 3×'],
    ['  of which the checks of untrusted rows (UTF-8, nesting, control characters, TeX): seconds', fmt(checks.ms / 1000, 2), `${fmt((100 * checks.ms) / imp.ms, 1)} %`, ''],
    ['  peak RSS of the import (MB)', fmt(imp.maxRssMB), '', '≤ 500 MB'],
  );
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const want = (name: string): boolean => only.length === 0 || only.includes(name);
  const pool = await SandboxPool.create({ cacheDir: path.join(root, '.cache', 'bench') });
  await pool.warm();
  try {
    if (want('starter')) await engineBench(pool, 'starter pack', readStarterTemplates().templates, 50);
    if (want('gsmhard')) await engineBench(pool, 'gsm-hard, auto-templatized', gsmHardTemplates(), 20);
    if (want('worksheet')) rows.push(...worksheetBenchRows(await worksheetBench(pool)));
    if (want('audit')) rows.push(...(await auditBench(pool)));
  } finally {
    await pool.close();
  }
  if (want('import')) importBench();
  if (want('search')) rows.push(...(await searchBench()));
  if (want('ui')) {
    const ui = await uiBench();
    rows.push(
      ['browser mode: server start → problem visible in Chromium (ms)', fmt(ui.coldStartMs), '', '≤ 1,000 ms'],
      ['  vs a bare Node static server: start → page loaded (ms)', fmt(ui.staticStartMs), `${fmt(ui.coldStartMs / ui.staticStartMs, 1)}×`, ''],
      [`submit → feedback on screen, p95 of ${ui.samples} (ms)`, fmt(ui.submitP95Ms, 1), '', '≤ 20 ms'],
      ['  vs a bare API round trip from the page, p95 (ms)', fmt(ui.fetchP95Ms, 1), `${fmt(ui.submitP95Ms / ui.fetchP95Ms, 1)}×`, ''],
    );
  }
  const header = ['measure', 'value', 'ratio', 'goal'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]): string => `| ${r.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  process.stdout.write(
    [`node ${process.version}, ${os.cpus().length} cores, ${new Date().toISOString().slice(0, 10)}`, line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n',
  );
}

await main();
