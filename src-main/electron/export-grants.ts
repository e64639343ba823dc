/**
 * Files the user chose in the desktop app's save dialog for an export. The page cannot name a path on
 * its own: `library.exportStart` / `library.exportTarget` with an `out` are let through only for a
 * path granted here, which the main process does when the user answers the dialog (the dialog itself
 * asked before replacing a file). A grant is used once and lasts ten minutes, so a script injected
 * into the page cannot reuse an old answer to write the same file again.
 */
import path from 'node:path';

const MAX_GRANTS = 100;
export const EXPORT_GRANT_MS = 10 * 60_000;

export class ExportGrants {
  private readonly granted = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Records a path the user picked in the save dialog; refuses anything that is not an absolute path. */
  grant(file: unknown): boolean {
    if (typeof file !== 'string' || file.length === 0 || file.length > 4096 || !path.isAbsolute(file) || file.includes('\0')) return false;
    if (this.granted.size >= MAX_GRANTS) {
      const oldest = this.granted.keys().next();
      if (!oldest.done) this.granted.delete(oldest.value);
    }
    this.granted.set(path.normalize(file), this.now() + EXPORT_GRANT_MS);
    return true;
  }

  /** The path was granted and the grant has not expired (it stays usable). */
  allows(file: string): boolean {
    if (!path.isAbsolute(file)) return false;
    const until = this.granted.get(path.normalize(file));
    return until !== undefined && this.now() <= until;
  }

  /** Uses the grant up: true once per answer of the dialog. */
  take(file: string): boolean {
    const ok = this.allows(file);
    this.granted.delete(path.normalize(file));
    return ok;
  }
}
