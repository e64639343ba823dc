#!/usr/bin/env node
/**
 * `npm run web` (dist/web.mjs): InfinityMATH Studio in a browser, for machines where the desktop app
 * cannot be installed. Starts the engine and the loopback server and prints exactly one line on
 * stdout, the address to open (with this launch's token). Runs until SIGINT, SIGTERM or SIGHUP.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createAppContext } from '../app/create-app-context.js';
import { packageRoot } from '../paths.js';
import { adoptionNotice, adoptOldLibrary } from '../userdata/adopt-old-library.js';
import { currentUserEnv } from '../userdata/user-dirs.js';
import { openBrowser } from './open-browser.js';
import { parseWebArgs, WEB_USAGE, WebArgsError } from './web-args.js';
import { startWebServer } from './web-server.js';

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
  let server;
  try {
    server = await startWebServer({ ctx, staticDir, port: args.port });
  } catch (err) {
    await ctx.close();
    throw err;
  }
  process.stdout.write(`InfinityMATH Studio (browser mode): ${server.launchUrl}\n`);
  if (args.open) openBrowser(server.launchUrl);

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
}

main(process.argv.slice(2)).catch((err: unknown) => {
  const usage = err instanceof WebArgsError;
  process.stderr.write(`infinitymath web: ${err instanceof Error ? err.message : String(err)}${usage ? ' (see --help)' : ''}\n`);
  process.exit(usage ? 2 : 1);
});
