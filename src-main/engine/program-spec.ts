/** The sandbox's view of a template: its program, entry and constraints, keyed by their content. */
import { createHash } from 'node:crypto';
import type { ProgramSpec } from '../sandbox/protocol.js';
import type { Template } from '../template/template.types.js';

export function programSpecOf(template: Pick<Template, 'program' | 'entry' | 'constraints'>): ProgramSpec {
  const hash = createHash('sha1');
  hash.update(template.program);
  hash.update('\0');
  hash.update(template.entry ?? '');
  hash.update('\0');
  hash.update(JSON.stringify(template.constraints ?? []));
  // Same program text → same compiled object in each child, however many templates share it.
  return { key: hash.digest('base64url'), source: template.program, entry: template.entry, constraints: template.constraints };
}
