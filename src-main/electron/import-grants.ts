/**
 * Files the page may import. In the sandboxed renderer the page cannot name a path on its own: the
 * preload reports the path of each File the user hands over (drop or file input, via
 * webUtils.getPathForFile), and only those paths are accepted for `library.importFile`. A script
 * injected into the page therefore cannot make the engine read ~/.ssh/id_rsa as "templates".
 */
import path from 'node:path';

const MAX_GRANTS = 1000;

export class ImportGrants {
  private readonly granted = new Set<string>();

  /** Records a path the user chose; refuses anything that is not an absolute path. */
  grant(file: unknown): boolean {
    if (typeof file !== 'string' || file.length === 0 || file.length > 4096 || !path.isAbsolute(file) || file.includes('\0')) return false;
    // Bounded: a page that hands over thousands of files gets the oldest forgotten, not unbounded memory.
    if (this.granted.size >= MAX_GRANTS) {
      const oldest = this.granted.values().next();
      if (!oldest.done) this.granted.delete(oldest.value);
    }
    this.granted.add(path.normalize(file));
    return true;
  }

  allows(file: string): boolean {
    return path.isAbsolute(file) && this.granted.has(path.normalize(file));
  }
}
