/**
 * The handlers for the worksheet methods of the contract (`worksheet-contract.std.ts`): the template picker,
 * the builder's live preview (generated sheets are kept for a few specs, so switching version tabs or
 * exporting what is on screen does not draw everything again), saved sheets, and export.
 */
import { ApiError, type ApiHandlers } from '../api/contract.std.js';
import type { worksheetApiArgs, WorksheetPreview } from '../api/worksheet-contract.std.js';
import { deleteWorksheet, duplicateWorksheet, getWorksheet, listWorksheets, saveWorksheet, WorksheetNotFoundError } from '../worksheet/saved-worksheets.js';
import { getTemplate } from '../storage/templates.repo.js';
import type { Template } from '../template/template.types.js';
import { buildExportFiles } from '../worksheet/export-files.js';
import { generateWorksheet } from '../worksheet/generate-worksheet.js';
import { inlineKatexCss } from '../worksheet/katex-css.js';
import { listPickerTemplates } from '../worksheet/template-picker.js';
import { workedSolutionsFor } from '../worksheet/worked-solutions.js';
import { renderWorksheetHtml } from '../worksheet/worksheet-html.std.js';
import type { WorksheetSpec } from '../worksheet/worksheet-spec.std.js';
import type { GeneratedWorksheet } from '../worksheet/worksheet-types.std.js';
import type { HandlerDeps } from './handler-deps.js';

export type WorksheetHandlers = Pick<ApiHandlers, keyof typeof worksheetApiArgs>;

/** Generated sheets kept, most recent last: the preview's version tabs and an export of the shown sheet reuse them. */
const CACHE_SIZE = 8;

function notFound(err: unknown): never {
  if (err instanceof WorksheetNotFoundError) throw new ApiError('not-found', err.message);
  throw err;
}

export function createWorksheetHandlers(deps: HandlerDeps): WorksheetHandlers {
  const lookup = (id: string): Template | undefined => getTemplate(deps.db, id)?.template;
  const cache = new Map<string, Promise<GeneratedWorksheet>>();

  const drawn = (spec: WorksheetSpec): Promise<GeneratedWorksheet> => {
    const missing = [...new Set(spec.items.map((i) => i.templateId))].filter((id) => lookup(id) === undefined);
    if (missing.length > 0) {
      return Promise.reject(new ApiError('not-found', `worksheet: no template with id ${missing.map((m) => `"${m}"`).join(', ')} in this library`));
    }
    const key = JSON.stringify([spec.seed, spec.versions, spec.items]);
    const hit = cache.get(key);
    if (hit) {
      cache.delete(key);
      cache.set(key, hit);
      return hit;
    }
    const made = deps.pool().then((pool) =>
      generateWorksheet(pool, spec, lookup, { signal: deps.signal }).catch((err: unknown) => {
        // The engine's own messages name the item and what to change ("lower its count…"): the teacher's to fix.
        const message = err instanceof Error ? err.message : String(err);
        throw message.startsWith('worksheet:') ? new ApiError('bad-request', message) : err;
      }),
    );
    cache.set(key, made);
    made.catch(() => cache.delete(key));
    while (cache.size > CACHE_SIZE) {
      const oldest = cache.keys().next().value;
      if (oldest === undefined) break;
      cache.delete(oldest);
    }
    return made;
  };

  /**
   * The sheet for a spec. Only the seed, the versions and the items decide the numbers, so generated sheets are
   * cached by those: editing the title or a print setting re-renders at once instead of drawing again.
   */
  const generate = (spec: WorksheetSpec): Promise<GeneratedWorksheet> => drawn(spec).then((sheet) => ({ ...sheet, spec }));

  const workedFor = async (sheet: GeneratedWorksheet, versions?: readonly number[]) =>
    sheet.spec.workedSolutions && sheet.spec.key !== 'none' ? await workedSolutionsFor(await deps.pool(), sheet, lookup, versions) : undefined;

  return {
    'worksheets.templates': ({ filter, limit }) => Promise.resolve(listPickerTemplates(deps.db, filter, limit)),

    'worksheets.preview': async ({ spec, version }): Promise<WorksheetPreview> => {
      if (version >= spec.versions) {
        throw new ApiError('bad-request', `worksheets.preview: version ${version + 1} asked for, but the sheet has ${spec.versions} version(s)`);
      }
      const sheet = await generate(spec);
      const worked = await workedFor(sheet, [version]);
      const html = renderWorksheetHtml(sheet, {
        katexCss: inlineKatexCss(),
        versions: [version],
        parts: spec.key === 'none' ? 'sheets' : 'both',
        ...(worked ? { workedSolution: worked } : {}),
      });
      return {
        spec: sheet.spec,
        versions: sheet.versions.map((v) => ({
          index: v.index,
          label: v.label,
          problems: v.problems.map((p) => ({
            number: p.number,
            itemIndex: p.itemIndex,
            templateId: p.instance.templateId,
            seed: p.instance.seed,
            text: p.instance.text,
            answerText: p.instance.answerText,
          })),
        })),
        balance: sheet.balance,
        seeds: sheet.seeds,
        version,
        html,
      };
    },

    'worksheets.list': () => Promise.resolve(listWorksheets(deps.db)),
    'worksheets.get': ({ id }) => {
      const found = getWorksheet(deps.db, id);
      if (found === undefined) return Promise.reject(new ApiError('not-found', `worksheets.get: no saved worksheet with id ${id}`));
      return Promise.resolve(found);
    },
    'worksheets.save': ({ id, spec }) => {
      try {
        return Promise.resolve(saveWorksheet(deps.db, spec, { now: deps.now(), ...(id !== undefined ? { id } : {}) }));
      } catch (err) {
        return notFound(err);
      }
    },
    'worksheets.duplicate': ({ id }) => {
      try {
        return Promise.resolve(duplicateWorksheet(deps.db, id, { now: deps.now() }));
      } catch (err) {
        return notFound(err);
      }
    },
    'worksheets.delete': ({ id }) => {
      if (!deleteWorksheet(deps.db, id)) return Promise.reject(new ApiError('not-found', `worksheets.delete: no saved worksheet with id ${id}`));
      return Promise.resolve({ deleted: true as const });
    },

    'worksheets.export': async ({ spec, format, key, split }) => {
      // The key mode decides only which pages print, never the numbers: the cached sheet is reused.
      const sheet = await generate(spec);
      const withKey: GeneratedWorksheet = key === undefined ? sheet : { ...sheet, spec: { ...sheet.spec, key } };
      const worked = format === 'tex' ? undefined : await workedFor(withKey);
      const files = await buildExportFiles(withKey, {
        format,
        perVersion: split === 'per-version',
        // The desktop app's engine process has no browser: the main process prints with Electron's printToPDF.
        pdf: deps.mode === 'electron' ? 'defer' : 'print',
        ...(worked ? { workedSolution: worked } : {}),
      });
      return { files, savedTo: null, cancelled: false };
    },
  };
}
