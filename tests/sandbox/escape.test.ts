/**
 * Template programs are untrusted: these tests try to break out of the sandbox by every route we
 * know and check the effect on the host (files, environment, network, processes), not just the
 * error message.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxPool } from '../../src-main/sandbox/pool.js';
import type { RunResult } from '../../src-main/sandbox/protocol.js';
import { createTestPool } from '../helpers/sandbox.js';

let pool: SandboxPool;
let hostDir: string;
let secretFile: string;
let server: net.Server;
let port = 0;
let connections = 0;
const SECRET = `s3cret-${process.pid}-${Date.now()}`;

beforeAll(async () => {
  hostDir = fs.mkdtempSync(path.join(os.tmpdir(), 'im-escape-'));
  secretFile = path.join(hostDir, 'secret.txt');
  fs.writeFileSync(secretFile, SECRET);
  // The parent has a secret in its environment; no child may see it.
  process.env.IM_TEST_SECRET = SECRET;
  server = net.createServer((sock) => {
    connections++;
    sock.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  port = typeof addr === 'object' && addr ? addr.port : 0;
  pool = await createTestPool();
});

afterAll(async () => {
  await pool.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  delete process.env.IM_TEST_SECRET;
  fs.rmSync(hostDir, { recursive: true, force: true });
});

let n = 0;
async function runOne(source: string, values: Record<string, number | string> = {}): Promise<RunResult> {
  // Generous limits: these probes wait on sockets and imports, and a loaded CI machine must not turn a
  // refused escape into a timeout (the time limits have their own tests in runaway.test.ts).
  const out = await pool.run({ key: `escape-${n++}`, source }, [values], { softMs: 15_000, hardMs: 20_000 });
  const r = out.results[0];
  if (!r) throw new Error('no result');
  return r;
}

/** Runs a script that tries `attempts` one after another, each in try/except, and returns what each got. */
async function probe(attempts: Record<string, string>): Promise<Record<string, string>> {
  const body = Object.entries(attempts)
    .map(
      ([name, code]) =>
        `    try:\n${code
          .split('\n')
          .map((l) => `        ${l}`)
          .join('\n')}\n        out[${JSON.stringify(name)}] = 'OK ' + str(r)[:300]\n    except BaseException as e:\n        out[${JSON.stringify(name)}] = 'ERR ' + type(e).__name__ + ': ' + str(e)[:200]`,
    )
    .join('\n');
  const source = `import json\ndef solution():\n    out = {}\n${body}\n    return json.dumps(out)\n`;
  const r = await runOne(source);
  expect(r.status).toBe('ok');
  if (r.value?.t !== 'str') throw new Error(`probe returned ${JSON.stringify(r)}`);
  return JSON.parse(r.value.v) as Record<string, string>;
}

// Removes our import blocker first, so each attempt tests the process-level isolation itself.
const UNBLOCK = 'import sys\nsys.meta_path[:] = [f for f in sys.meta_path if type(f).__name__ != "_BlockImports"]\n';

describe('the sandbox keeps template programs away from the host', () => {
  it('refuses the JS bridges at the Python level with a clear status', async () => {
    for (const mod of ['js', 'pyodide_js', 'pyodide.ffi', 'pyodide', 'micropip']) {
      const r = await runOne(`import ${mod}\ndef solution():\n    return 1\n`);
      expect(r.status, mod).toBe('forbidden');
      expect(r.error?.message).toContain('not available to templates');
    }
  });

  it('cannot reach process, require or Function through the bridges even with the blocker removed', async () => {
    const got = await probe({
      ctor: `${UNBLOCK}import pyodide_js\nr = pyodide_js.constructor.constructor("return process")()`,
      ctor2: `${UNBLOCK}import pyodide_js\nr = pyodide_js.loadPackage.constructor("return globalThis")()`,
      jsprocess: `${UNBLOCK}import js\nr = js.process.env`,
      jsrequire: `${UNBLOCK}import js\nr = js.require("fs")`,
      globalthis: `${UNBLOCK}import js\nr = js.globalThis.process`,
      ffi: `${UNBLOCK}from pyodide.ffi import run_js\nr = run_js("process.env")`,
      code: `${UNBLOCK}from pyodide.code import run_js\nr = run_js("1+1")`,
    });
    for (const [name, outcome] of Object.entries(got)) {
      expect(outcome, name).toMatch(/^ERR/);
    }
    expect(got.ctor).toContain('Code generation from strings disallowed');
  });

  it('cannot read or write the user’s files', async () => {
    const target = path.join(hostDir, 'written-by-template.txt');
    const got = await probe({
      read: `r = open(${JSON.stringify(secretFile)}).read()`,
      passwd: `r = open("/etc/passwd").read()`,
      write: `open(${JSON.stringify(target)}, "w").write("pwned")\nr = "wrote"`,
      mount: `${UNBLOCK}import pyodide_js\npyodide_js.mountNodeFS("/mnt", ${JSON.stringify(hostDir)})\nr = open("/mnt/secret.txt").read()`,
      nodefs: `${UNBLOCK}import pyodide_js\nFS = pyodide_js.FS\nFS.mkdirTree("/mnt2")\nFS.mount(FS.filesystems.NODEFS, pyodide_js.ffi.to_js({"root": ${JSON.stringify(hostDir)}}) if False else __import__("pyodide").ffi.to_js({"root": ${JSON.stringify(hostDir)}}, dict_converter=__import__("js").Object.fromEntries), "/mnt2")\nr = open("/mnt2/secret.txt").read()`,
    });
    for (const [name, outcome] of Object.entries(got)) {
      if (name === 'write') continue; // writing into the in-memory scratch FS is allowed; the host must be untouched
      expect(outcome, name).toMatch(/^ERR/);
      expect(outcome, name).not.toContain(SECRET);
    }
    expect(fs.existsSync(target)).toBe(false);
    expect(fs.readFileSync(secretFile, 'utf8')).toBe(SECRET);
  });

  it('does not see the environment', async () => {
    const got = await probe({
      environ: 'import os\nr = dict(os.environ)',
      module: `${UNBLOCK}import pyodide_js\nr = pyodide_js._module.ENV`,
    });
    for (const outcome of Object.values(got)) expect(outcome).not.toContain(SECRET);
    expect(got.environ).not.toContain('IM_TEST_SECRET');
  });

  it('cannot reach the network (a loopback server sees no connection)', async () => {
    const url = `http://127.0.0.1:${port}/`;
    const got = await probe({
      socket: `import socket\ns = socket.create_connection(("127.0.0.1", ${port}), timeout=0.5)\ns.sendall(b"hello")\nr = s.recv(10)`,
      urllib: `import urllib.request\nr = urllib.request.urlopen(${JSON.stringify(url)}, timeout=0.5).read()`,
      fetch: `${UNBLOCK}import js\nr = js.fetch(${JSON.stringify(url)})`,
      loadpkg: `${UNBLOCK}import pyodide_js\nr = pyodide_js.loadPackage("numpy")`,
      pyfetch: `${UNBLOCK}from pyodide.http import pyfetch\nr = pyfetch(${JSON.stringify(url)})`,
    });
    // loadPackage returns a promise that fails later; everything else must fail outright.
    for (const [name, outcome] of Object.entries(got)) {
      if (name !== 'loadpkg' && name !== 'pyfetch') expect(outcome, name).toMatch(/^ERR/);
    }
    // Give any stray connection attempt a turn of the event loop to arrive, then count.
    await runOne('def solution():\n    return 1\n');
    expect(connections).toBe(0);
  });

  it('cannot start processes', async () => {
    const marker = path.join(hostDir, 'spawned.txt');
    const got = await probe({
      subprocess: `import subprocess\nr = subprocess.run(["touch", ${JSON.stringify(marker)}])`,
      system: `import os\nr = os.system("touch ${marker}")`,
      fork: 'import os\nr = os.fork()',
      popen: `import os\nr = os.popen("id").read()`,
    });
    // Even with the Python-level refusal undone, the host's child_process stays out of reach: the
    // interpreter dies (the pool replaces it) and the marker file never appears.
    const raw = await runOne(`import importlib, os\nimportlib.reload(os)\ndef solution():\n    return os.system("touch ${marker}")\n`);
    expect(['error', 'crash', 'forbidden']).toContain(raw.status);
    for (const [name, outcome] of Object.entries(got)) expect(outcome, name).toMatch(/^ERR/);
    expect(got.system).toContain('not available to templates');
    expect(fs.existsSync(marker)).toBe(false);
  });
});
