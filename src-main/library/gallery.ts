/**
 * The instance gallery: the first draw of each seed `seed, seed+1, …`, run and judged. Rejected
 * draws are kept with the reason (a curator wants to see what goes wrong, not only what works). An
 * accepted draw is exactly the instance practice serves for that (template, seed), since both take
 * the first values of the seed's own random stream.
 */
import type { Gallery, GalleryItem } from '../api/library-contract.std.js';
import { instanceOf } from '../engine/generate.js';
import { judgeRun } from '../engine/judge.js';
import { prepareTemplate } from '../engine/prepared-template.js';
import type { SandboxPool } from '../sandbox/pool.js';
import { drawValues } from '../sampling/draw.js';
import { createRng } from '../sampling/rng.js';
import { formatValue } from '../template/format-value.js';
import { renderText } from '../template/render.js';
import type { Template, VariableValue } from '../template/template.types.js';

const PLAIN = { inMath: false, before: '', after: '' };

export async function drawGallery(pool: SandboxPool, template: Template, seed: number, count: number): Promise<Gallery> {
  const prepared = await prepareTemplate(pool, template);
  const seeds = Array.from({ length: count }, (_, i) => seed + i);
  const draws = seeds.map((s) => drawValues(prepared.domains, template.variables, createRng(template.id, s)));
  const { results } = await pool.run(prepared.spec, draws);
  const items = seeds.map((s, i): GalleryItem => {
    const values = draws[i] ?? {};
    const result = results[i];
    const shown = formatValues(values, prepared.domains);
    const rejection = result === undefined ? { kind: 'crash', reason: 'no result from the sandbox' } : judgeRun(result, prepared.shape);
    if (rejection === undefined && result?.value !== undefined) {
      const instance = instanceOf(prepared, s, values, result.value);
      return { seed: s, values: shown, text: instance.text, answer: instance.answerText, rejected: null };
    }
    return { seed: s, values: shown, text: renderText(template, prepared.domains, values), answer: null, rejected: rejection?.reason ?? 'no answer' };
  });
  return { id: template.id, items };
}

function formatValues(values: Record<string, VariableValue>, domains: Parameters<typeof renderText>[1]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) {
    const domain = domains[name];
    out[name] = domain === undefined ? String(value) : formatValue(value, domain, PLAIN);
  }
  return out;
}
