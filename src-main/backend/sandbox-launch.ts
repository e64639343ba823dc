/**
 * How the desktop backend starts its sandbox pool: how many children, and with which binary.
 *
 * The binary. The backend runs in an Electron utilityProcess, where Electron has replaced
 * `child_process.fork` with a wrapper (lib/node/init.ts in electron/electron, loaded into every Node
 * environment Electron creates, utility processes included): it sets ELECTRON_RUN_AS_NODE=1 on top of
 * the environment we pass (Object.create of it, so our empty environment stays empty otherwise) and,
 * on macOS, when `execPath` is left out, runs the child in the app's Helper binary
 * (`process.helperExecPath`, a background app with no Dock icon). Elsewhere it falls back to
 * `process.execPath`, which in a utility process is the app's own binary. Passing the main binary as
 * `execPath` defeats that: on macOS every sandbox child then appears in the Dock. So under Electron
 * we leave `execPath` out and still name ELECTRON_RUN_AS_NODE ourselves (the children need nothing else).
 *
 * The size. Each child holds 120–230 MB (a Pyodide heap and its snapshot); a pool as large as the
 * cores would take 2–3.7 GB on a 16-thread laptop and starve the window. The desktop pool is
 * min(4, cores − 1): one core stays for the UI, and four keep practice and worksheets instant.
 */
export interface SandboxLaunch {
  poolSize: number;
  execPath?: string;
  extraEnv?: Record<string, string>;
}

export interface LaunchRequest {
  /** From the parent's `init` (tests keep it small). */
  poolSize?: number | undefined;
  /** From the parent's `init`: an explicit binary for the children (tests, or a custom runtime). */
  execPath?: string | undefined;
}

export interface Runtime {
  /** `process.versions.electron !== undefined`. */
  electron: boolean;
  /** `os.availableParallelism()`. */
  cores: number;
}

export const DESKTOP_POOL_MAX = 4;

export function desktopPoolSize(cores: number): number {
  return Math.max(1, Math.min(DESKTOP_POOL_MAX, Math.floor(cores) - 1));
}

export function sandboxLaunch(request: LaunchRequest, runtime: Runtime): SandboxLaunch {
  const poolSize = request.poolSize ?? desktopPoolSize(runtime.cores);
  // Electron's binary behaves as Node only with this variable; the children get no other environment.
  if (request.execPath !== undefined) return { poolSize, execPath: request.execPath, extraEnv: { ELECTRON_RUN_AS_NODE: '1' } };
  if (runtime.electron) return { poolSize, extraEnv: { ELECTRON_RUN_AS_NODE: '1' } };
  return { poolSize };
}
