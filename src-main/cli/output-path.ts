/**
 * Every CLI command that writes a file checks its destination first, before any work: an existing
 * file is replaced only with `--force`, and never through a symbolic link (export-destination.ts).
 */
import path from 'node:path';
import { DestinationError, resolveDestination } from '../export/export-destination.js';
import { CliError } from './cli-error.js';

export function outputPath(command: string, file: string, force: boolean): string {
  const absolute = path.resolve(file);
  try {
    return resolveDestination(absolute, absolute, { kind: 'anywhere' }, force);
  } catch (err) {
    if (err instanceof DestinationError && err.reason === 'exists') throw new CliError(`${command}: ${absolute} already exists; add --force to replace it`);
    throw new CliError(`${command}: ${err instanceof Error ? err.message : String(err)}`);
  }
}
