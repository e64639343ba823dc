/**
 * The checker runs in the browser as well as in Node: its files (`*.std.ts`) may not import Node
 * built-ins or touch Node/DOM globals, and the Compute Engine may only be reached lazily (a type
 * import plus one dynamic import), so the rest of the checker stays light.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const DIR = path.resolve(import.meta.dirname, '../../src-main/checker');
const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.ts'));

describe('checker files are standard-runtime only', () => {
  it('are all named *.std.ts', () => {
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) expect(f, f).toMatch(/\.std\.ts$/);
  });

  it('import only each other, the template types, and the engine lazily', () => {
    for (const f of files) {
      const text = fs.readFileSync(path.join(DIR, f), 'utf8');
      const imports = [...text.matchAll(/^import\s+(type\s+)?[^;]*?from\s+'([^']+)'/gms)];
      for (const m of imports) {
        const isType = m[1] !== undefined;
        const from = m[2] ?? '';
        const allowed = from.startsWith('./') || from === '../template/template.types.js' || (isType && from === '@cortex-js/compute-engine');
        expect(allowed, `${f} imports ${from}`).toBe(true);
        if (from === '../template/template.types.js') expect(isType, `${f}: only types from the template model (it pulls in zod)`).toBe(true);
      }
      const dynamic = [...text.matchAll(/import\('([^']+)'\)/g)].map((m) => m[1]);
      expect(dynamic.every((d) => d === '@cortex-js/compute-engine'), f).toBe(true);
      if (f !== 'expression.std.ts') expect(dynamic, f).toEqual([]);
      for (const global of ['process.', 'require(', 'Buffer.', 'window.', 'document.', '__dirname', "'node:"]) {
        expect(text.includes(global), `${f} uses ${global}`).toBe(false);
      }
    }
  });
});
