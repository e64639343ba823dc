/** vitest globalSetup of `npm run test:corpora`: no corpora, no run (one clear error before any suite starts). */
import { corporaDir } from './corpora-dir.js';

export default function requireCorpora(): void {
  const dir = corporaDir();
  process.stderr.write(`test:corpora: reading the public corpora in ${dir}\n`);
}
