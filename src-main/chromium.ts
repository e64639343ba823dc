/**
 * Where Chromium is and how to start it headless on machines with a closed network: used to print PDFs
 * (worksheets) and by the browser tests and benchmarks. Without the background-networking flags,
 * Chromium keeps trying to reach Google's hosts and those refused connections pile up.
 */
import fs from 'node:fs';

export const CHROMIUM_FLAGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumPath(): string {
  const exe = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(exe)) throw new Error(`Chromium not found at ${exe}: install it (apt-get install -y chromium) or set CHROMIUM_PATH`);
  return exe;
}
