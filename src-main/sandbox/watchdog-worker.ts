/**
 * Watchdog thread of a sandbox child (bundled to dist/sandbox-watchdog.mjs). The child's main thread
 * is inside Python while a program runs, so the deadline is kept here: at the soft limit it raises
 * KeyboardInterrupt through Pyodide's interrupt buffer; if the program swallows that and is still
 * running at the hard limit, it kills the whole process (the parent then respawns it).
 *
 * control[0]: sequence number, bumped on every arm/disarm; control[1]: soft ms (0 = disarmed);
 * control[2]: hard ms.
 */
import { workerData } from 'node:worker_threads';

const { control: controlBuffer, interrupt: interruptBuffer } = workerData as { control: SharedArrayBuffer; interrupt: SharedArrayBuffer };
const control = new Int32Array(controlBuffer);
const interrupt = new Uint8Array(interruptBuffer);
const SIGINT = 2;

let seq = Atomics.load(control, 0);
for (;;) {
  const soft = Atomics.load(control, 1);
  if (soft === 0) {
    Atomics.wait(control, 0, seq);
    seq = Atomics.load(control, 0);
    continue;
  }
  if (Atomics.wait(control, 0, seq, soft) !== 'timed-out') {
    seq = Atomics.load(control, 0);
    continue;
  }
  interrupt[0] = SIGINT;
  const hard = Atomics.load(control, 2);
  if (Atomics.wait(control, 0, seq, Math.max(1, hard - soft)) !== 'timed-out') {
    seq = Atomics.load(control, 0);
    continue;
  }
  process.kill(process.pid, 'SIGKILL');
}
