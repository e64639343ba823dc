#!/usr/bin/env node
/**
 * `npm run web` (dist/web.mjs): InfinityMATH Studio in a browser, for machines where the desktop app
 * cannot be installed. Starts the engine and the loopback server and prints exactly one line on
 * stdout, the address to open (with the library's token: the same at every start, see
 * stable-address.ts). Runs until SIGINT, SIGTERM or SIGHUP.
 *
 * The port: `--port N` (N > 0) is used and remembered; `--port 0` is any free port, this time only;
 * without `--port`, the library's remembered port. If that one is taken (another program, or this
 * library already running), a free port is used for this run, said on stderr, and the remembered
 * port is kept: next time it is likely free again, and bookmarks point at it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createAppContext } from '../app/create-app-context.js';
import { packageRoot } from '../paths.js';
import { adoptionNotice, adoptOldLibrary } from '../userdata/adopt-old-library.js';
import { currentUserEnv } from '../userdata/user-dirs.js';
import { openBrowser } from './open-browser.js';
import { MAX_COOKIE_AGE_SECONDS } from './request-guards.js';
import { loadStableAddress, rememberPort } from './stable-address.js';
import { parseWebArgs, WEB_USAGE, WebArgsError } from './web-args.js';
import { PortInUseError, startWebServer, type WebServer } from './web-server.js';

/** How long a graceful shutdown may take before the process gives up and exits anyway. */
const SHUTDOWN_GRACE_MS = 10_000;

async function main(argv: string[]): Promise<void> {
  const args = parseWebArgs(argv);
  if (args.help) {
    process.stdout.write(WEB_USAGE);
    return;
  }
  const staticDir = path.join(packageRoot(), 'dist', 'renderer');
  if (!fs.existsSync(path.join(staticDir, 'index.html'))) {
    throw new Error(`the user interface is not built (${path.join(staticDir, 'index.html')} is missing): run npm run build`);
  }
  // A library an earlier version kept elsewhere comes to the default place once (and says so once).
  const notice = adoptionNotice(adoptOldLibrary(args.dbPath, currentUserEnv()));
  if (notice !== null) process.stderr.write(`infinitymath web: ${notice}\n`);
  const ctx = await createAppContext({ dbPath: args.dbPath, mode: 'browser' });
  let server: WebServer;
  try {
    const address = loadStableAddress(args.dbPath, { rotate: args.newAddress });
    if (args.newAddress) process.stderr.write('infinitymath web: this library has a new address; bookmarks of the old one no longer work\n');
    const start = (port: number): Promise<WebServer> =>
      startWebServer({ ctx, staticDir, port, token: address.secret, cookieName: address.cookieName, cookieMaxAgeSeconds: MAX_COOKIE_AGE_SECONDS });
    const wanted = args.port ?? address.port ?? 0;
    try {
      server = await start(wanted);
    } catch (err) {
      // Only the remembered port falls back; a port asked for on the command line stays an error.
      if (!(err instanceof PortInUseError) || args.port !== null) throw err;
      server = await start(0);
      process.stderr.write(`infinitymath web: port ${wanted} (this library's usual port) is in use; serving on port ${server.port} for this run\n`);
    }
    if (args.port !== 0 && (args.port !== null || address.port === null)) rememberPort(args.dbPath, server.port);
  } catch (err) {
    await ctx.close();
    throw err;
  }

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      // A second Ctrl-C means "now".
      process.exit(130);
    }
    stopping = true;
    process.stderr.write(`infinitymath web: ${signal}, shutting down\n`);
    setTimeout(() => {
      process.stderr.write('infinitymath web: shutdown took too long, exiting\n');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    // Stop taking requests first, then the engine (which also cancels a running import), then wait
    // for the last responses to go out.
    const serverClosed = server.close();
    ctx
      .close()
      .then(() => serverClosed)
      .then(
        () => process.exit(0),
        (err: unknown) => {
          process.stderr.write(`infinitymath web: ${err instanceof Error ? err.message : String(err)}\n`);
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // The terminal that started us was closed.
  process.on('SIGHUP', stop);
  // Printed only once the signals are handled: whoever reads the address may stop us at once.
  process.stdout.write(`InfinityMATH Studio (browser mode): ${server.launchUrl}\n`);
  if (args.open) openBrowser(server.launchUrl);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  const usage = err instanceof WebArgsError;
  process.stderr.write(`infinitymath web: ${err instanceof Error ? err.message : String(err)}${usage ? ' (see --help)' : ''}\n`);
  process.exit(usage ? 2 : 1);
});
