/**
 * The desktop app's smoke run (`npm run smoke:electron`, or the app started with `--smoke=<report.json>`):
 * the real app, end to end, once. Steps, each timed and reported:
 *   1. the backend process answered `init` with `ready` (database open, starter pack loaded);
 *   2. the window shows the app (the renderer loaded over app:// and rendered);
 *   3. the sandbox is warm (`sandbox.ready`);
 *   4. one practice problem answered from the page, through the preload, the IPC relay and the backend:
 *      a wrong answer is graded wrong, the revealed answer is graded correct;
 *   5. a one-page worksheet printed to PDF with the app's own printToPDF path.
 * Electron's objects come in as `SmokeDeps` (main.electron.ts), so this sequence runs in Node tests
 * against the real backend and Chromium's print engine.
 */
import type { ApiResponse } from '../api/contract.std.js';

export interface SmokeDeps {
  /** Resolves once the backend process is ready (rejects if it could not start). */
  backendReady: Promise<void>;
  /** Resolves on the first `sandbox.ready` event (subscribed before the run begins). */
  sandboxReady: Promise<void>;
  /** Resolves once the window's page has rendered the app. */
  pageReady(): Promise<void>;
  /** A call made by the page itself (window.imApi.call), as every UI call is made. */
  pageCall(method: string, args: unknown): Promise<ApiResponse<unknown>>;
  /** A call straight to the backend (the page's worksheets.export would open a save dialog). */
  backendCall(method: string, args: unknown): Promise<ApiResponse<unknown>>;
  /** The app's PDF printing: the print HTML to PDF bytes. */
  printPdf(html: string, paper: 'A4' | 'Letter'): Promise<Uint8Array>;
  /** One line per finished step, for the terminal. */
  log(line: string): void;
  now(): number;
}

export interface SmokeStep {
  name: string;
  ms: number;
  detail: string;
}

export interface SmokeReport {
  ok: boolean;
  steps: SmokeStep[];
  /** The step that failed or timed out, and why. */
  failed: { step: string; error: string } | null;
  /** The printed PDF, when step 5 was reached. */
  pdf: Uint8Array | null;
}

export const SMOKE_STEP_NAMES = ['backend ready', 'window shows the app', 'sandbox ready', 'practice problem answered', 'one-page PDF printed'] as const;

/** `--smoke=<file>` (or `--smoke <file>`) on the command line: where the report goes. */
export function smokeReportPath(argv: readonly string[]): string | null {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg.startsWith('--smoke=')) return arg.slice('--smoke='.length) || null;
    if (arg === '--smoke') return argv[i + 1] ?? null;
  }
  return null;
}

/** Pages in a PDF as Chromium writes it (each page an uncompressed `/Type /Page` object). */
export function pdfPageCount(bytes: Uint8Array): number {
  const text = Buffer.from(bytes).toString('latin1');
  if (!text.startsWith('%PDF-')) return 0;
  return text.match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
}

class StepFailed extends Error {}

/** The value of an answer (the contract's types are checked by the backend; here only used). */
function value(response: ApiResponse<unknown>, what: string): unknown {
  if (!response.ok) throw new StepFailed(`${what}: ${response.error.code}: ${response.error.message}`);
  return response.value;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new StepFailed(`${what} did not happen within ${ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

interface ProblemView {
  templateId: string;
  seed: number;
  text: string;
}

interface Verdict {
  verdict: string;
}

export async function runSmoke(deps: SmokeDeps, options: { stepTimeoutMs?: number } = {}): Promise<SmokeReport> {
  const stepTimeoutMs = options.stepTimeoutMs ?? 90_000;
  const steps: SmokeStep[] = [];
  let pdf: Uint8Array | null = null;
  let current: string = SMOKE_STEP_NAMES[0];
  const step = async (name: (typeof SMOKE_STEP_NAMES)[number], run: () => Promise<string>): Promise<void> => {
    current = name;
    const t0 = deps.now();
    const detail = await withTimeout(run(), stepTimeoutMs, name);
    const ms = Math.round(deps.now() - t0);
    steps.push({ name, ms, detail });
    deps.log(`smoke: ${name} (${ms} ms)${detail === '' ? '' : `: ${detail}`}`);
  };
  try {
    await step('backend ready', async () => {
      await deps.backendReady;
      return '';
    });
    await step('window shows the app', () => deps.pageReady().then(() => ''));
    await step('sandbox ready', async () => {
      // The event may have come before this step began: the app's own info says so too.
      const info = value(await deps.pageCall('app.info', {}), 'app.info') as { sandboxReady: boolean; templates: number };
      if (!info.sandboxReady) await deps.sandboxReady;
      return `${info.templates} templates`;
    });
    let templateId = '';
    await step('practice problem answered', async () => {
      const learner = value(await deps.pageCall('learners.create', { name: `Smoke test ${Date.now()}` }), 'learners.create') as { id: number };
      const problem = value(await deps.pageCall('practice.next', { learnerId: learner.id, scope: { kind: 'mixed' } }), 'practice.next') as ProblemView;
      templateId = problem.templateId;
      const attempt = { learnerId: learner.id, templateId: problem.templateId, seed: problem.seed, elapsedMs: 1000, hintsUsed: 0 };
      const wrong = value(await deps.pageCall('practice.submit', { ...attempt, answer: '-987654321' }), 'practice.submit (wrong)') as Verdict;
      if (wrong.verdict === 'correct') throw new StepFailed(`-987654321 was graded correct for ${problem.templateId}`);
      const { answerText } = value(await deps.pageCall('practice.reveal', { learnerId: learner.id, templateId: problem.templateId, seed: problem.seed }), 'practice.reveal') as { answerText: string };
      const right = value(await deps.pageCall('practice.submit', { ...attempt, answer: answerText }), 'practice.submit (right)') as Verdict;
      if (right.verdict !== 'correct') throw new StepFailed(`the revealed answer ${JSON.stringify(answerText)} was graded ${right.verdict}`);
      return `${problem.templateId} seed ${problem.seed}: ${JSON.stringify(answerText)} graded correct, -987654321 graded ${wrong.verdict}`;
    });
    await step('one-page PDF printed', async () => {
      const spec = { title: 'Smoke test', seed: 1, versions: 1, key: 'none', workingSpace: 'none', items: [{ templateId, count: 2 }] };
      const result = value(await deps.backendCall('worksheets.export', { spec, format: 'pdf' }), 'worksheets.export') as { files: { name: string; print?: { html: string; paper: 'A4' | 'Letter' } }[] };
      const print = result.files[0]?.print;
      if (print === undefined) throw new StepFailed('worksheets.export gave no print HTML for the desktop app');
      pdf = await deps.printPdf(print.html, print.paper);
      const pages = pdfPageCount(pdf);
      if (pages !== 1) throw new StepFailed(`the worksheet printed to ${pages} pages, not 1`);
      return `${result.files[0]?.name ?? 'worksheet.pdf'}, 1 page, ${pdf.byteLength.toLocaleString('en')} bytes`;
    });
    return { ok: true, steps, failed: null, pdf };
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    deps.log(`smoke: FAILED at "${current}": ${error}`);
    return { ok: false, steps, failed: { step: current, error }, pdf };
  }
}
