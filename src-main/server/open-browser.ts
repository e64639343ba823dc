/**
 * Opens an address in the user's default browser, best effort: the address is printed anyway, so a
 * machine without an opener (a server, a container) only gets a note on stderr.
 */
import { spawn } from 'node:child_process';

function opener(url: string): { command: string; args: string[]; verbatim?: boolean } {
  switch (process.platform) {
    case 'darwin':
      return { command: 'open', args: [url] };
    case 'win32':
      // `start` is a cmd built-in; the empty "" is its window title. The URL holds only URL-safe characters.
      return { command: 'cmd.exe', args: ['/d', '/s', '/c', `start "" "${url}"`], verbatim: true };
    default:
      return { command: 'xdg-open', args: [url] };
  }
}

export function openBrowser(url: string): void {
  const { command, args, verbatim = false } = opener(url);
  const child = spawn(command, args, { detached: true, stdio: 'ignore', windowsHide: true, windowsVerbatimArguments: verbatim });
  child.on('error', (err) => {
    process.stderr.write(`infinitymath web: could not open a browser (${err.message}); open the address above yourself\n`);
  });
  child.unref();
}
