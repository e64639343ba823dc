/**
 * How `npm run smoke:electron` starts the real app (smoke-launch-main.ts runs it): Electron's binary on
 * the package, with `--smoke=<report>` (smoke-run.ts), a throw-away library folder, and on Linux without
 * a display under `xvfb-run`. A pure function, so the command is tested on any machine.
 */
export interface SmokeLaunchInput {
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  /** Electron's binary (electron-install.ts decides which). */
  electron: string;
  /** The package root: what `electron .` runs. */
  appDir: string;
  reportFile: string;
  /** A fresh folder for the smoke run's library (INFINITYMATH_DATA_DIR). */
  dataDir: string;
  /** Whether xvfb-run is on PATH. */
  hasXvfbRun: boolean;
}

export type SmokeLaunch = { ok: true; command: string; args: string[]; env: Record<string, string> } | { ok: false; message: string };

export function smokeLaunch(input: SmokeLaunchInput): SmokeLaunch {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(input.env)) if (v !== undefined) env[k] = v;
  // The user's own library is never touched, and the run is not the main process of some other tool.
  env.INFINITYMATH_DATA_DIR = input.dataDir;
  delete env.INFINITYMATH_DB;
  delete env.ELECTRON_RUN_AS_NODE;
  const appArgs = [input.appDir, `--smoke=${input.reportFile}`];
  const headless = input.platform === 'linux' && (env.DISPLAY ?? '') === '' && (env.WAYLAND_DISPLAY ?? '') === '';
  if (!headless) return { ok: true, command: input.electron, args: appArgs, env };
  if (!input.hasXvfbRun) {
    return { ok: false, message: 'no display to open the window on, and no xvfb-run to make one: install it (Debian/Ubuntu: apt-get install xvfb) or run from a desktop session' };
  }
  return { ok: true, command: 'xvfb-run', args: ['-a', '-s', '-screen 0 1280x900x24', input.electron, ...appArgs], env };
}
