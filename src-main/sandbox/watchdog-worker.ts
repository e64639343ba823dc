/**
 * Watchdog thread of a sandbox child (bundled to dist/sandbox-watchdog.mjs). The child's main thread
 * is inside Python while a program runs, so the deadline is kept here. The main thread bumps a
 * counter as each item starts; this thread polls it. When one item has been running past the soft
 * limit it raises KeyboardInterrupt through Pyodide's interrupt buffer; if the program swallows that
 * and is still on the same item at the hard limit, it kills the whole process (the parent respawns it).
 *
 * control[0]: item counter, bumped as each item starts; control[1]: soft ms; control[2]: hard ms;
 * control[3]: 1 while an item runs, 0 when idle.
 */
import { workerData } from 'node:worker_threads';

const { control: controlBuffer, interrupt: interruptBuffer } = workerData as { control: SharedArrayBuffer; interrupt: SharedArrayBuffer };
const control = new Int32Array(controlBuffer);
const interrupt = new Uint8Array(interruptBuffer);
const SIGINT = 2;
/** Nothing to wake on: this Int32 never changes, so Atomics.wait is a precise sleep. */
const sleeper = new Int32Array(new SharedArrayBuffer(4));

let seen = -1;
let since = 0;
let interrupted = false;
for (;;) {
  const soft = Atomics.load(control, 1) || 1000;
  const hard = Math.max(soft + 1, Atomics.load(control, 2) || 1800);
  // Poll often enough that a runaway item is interrupted within ~10 % of its soft limit.
  Atomics.wait(sleeper, 0, 0, Math.max(5, Math.min(50, soft / 10)));
  const now = performance.now();
  const tick = Atomics.load(control, 0);
  if (tick !== seen || Atomics.load(control, 3) === 0) {
    seen = tick;
    since = now;
    interrupted = false;
    continue;
  }
  const running = now - since;
  if (running >= hard) process.kill(process.pid, 'SIGKILL');
  if (running >= soft && !interrupted) {
    interrupt[0] = SIGINT;
    interrupted = true;
  }
}
