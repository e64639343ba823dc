/**
 * Entry point of the backend process (bundled to dist/backend.mjs). Electron's main process starts
 * it with utilityProcess.fork so the database, the importers and the sandbox pool never block the
 * window; tests start the same bundle with child_process.fork.
 */
import process from 'node:process';
import { createAppContext } from '../app/create-app-context.js';
import { runBackend } from './backend-server.js';
import { parentTransport } from './backend-transport.js';

runBackend(parentTransport(process), createAppContext, {
  exit: (code) => process.exit(code),
  log: (line) => process.stderr.write(`${line}\n`),
});
