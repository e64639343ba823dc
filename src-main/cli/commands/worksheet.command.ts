/**
 * `infinitymath worksheet --topic fractions --count 20 --versions 4 --seed 7 --out sheet.pdf`: a printable
 * sheet in several versions of equal difficulty, with answer keys computed by running each program.
 * It parses its own options (main.ts hands it the raw arguments), because they are its own.
 */
import { randomInt } from 'node:crypto';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { ReadDb } from '../../storage/db-handles.js';
import { getTemplate, listStoredTemplates } from '../../storage/templates.repo.js';
import type { Template } from '../../template/template.types.js';
import { EXPORT_FORMATS, exportWorksheet, planExportDocuments, type ExportFormat } from '../../worksheet/export-worksheet.js';
import { generateWorksheet, templateLookup } from '../../worksheet/generate-worksheet.js';
import { pickItems, templatesForTopic } from '../../worksheet/pick-templates.js';
import { MAX_VERSIONS, parseWorksheetSpec, type WorksheetItem } from '../../worksheet/worksheet-spec.std.js';
import { CliError } from '../cli-error.js';
import { openContext } from '../context.js';
import { outputPath } from '../output-path.js';

export const WORKSHEET_USAGE = `usage: infinitymath worksheet (--topic T | --template ID [--template ID]...) --out FILE
  [--count N] [--versions V] [--seed S] [--format pdf|html|tex] [--key none|separate|appended]
  [--paper A4|Letter] [--title TEXT] [--instructions TEXT] [--columns 1|2] [--space none|small|large]
  [--font-size PT] [--per-version] [--no-name-line] [--force] [--db PATH] [--json]
  --topic matches a template's topic or strand; --count is the number of problems on each version;
  --force replaces files that exist (without it, nothing is written over).`;

/** Every stored template, page by page (strand is not a column, so a topic-or-strand match is done here). */
function allTemplates(db: ReadDb): Template[] {
  const out: Template[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = listStoredTemplates(db, { limit: PAGE, offset, orderBy: 'id' });
    out.push(...page.map((s) => s.template));
    if (page.length < PAGE) return out;
  }
}

const PAGE = 5000;

function wholeNumber(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new CliError(`worksheet: --${name} expects a whole number from ${min} to ${max}, got "${value}"`, 2);
  }
  return n;
}

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  const hit = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
  if (hit === undefined) throw new CliError(`worksheet: --${name} expects ${allowed.join(', ')}, got "${value}"`, 2);
  return hit;
}

/** Runs the command; `argv` is everything after `worksheet`. Returns the files written. */
export async function worksheetCommand(argv: readonly string[]): Promise<string[]> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: false,
      strict: true,
      options: {
        db: { type: 'string' },
        json: { type: 'boolean', default: false },
        topic: { type: 'string' },
        template: { type: 'string', multiple: true, default: [] },
        count: { type: 'string' },
        versions: { type: 'string' },
        seed: { type: 'string' },
        out: { type: 'string' },
        format: { type: 'string' },
        key: { type: 'string' },
        paper: { type: 'string' },
        title: { type: 'string' },
        instructions: { type: 'string' },
        columns: { type: 'string' },
        space: { type: 'string' },
        'font-size': { type: 'string' },
        'per-version': { type: 'boolean', default: false },
        'no-name-line': { type: 'boolean', default: false },
        force: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (err) {
    throw new CliError(`worksheet: ${(err as Error).message.split('\n')[0] ?? ''}\n${WORKSHEET_USAGE}`, 2);
  }
  const v = parsed.values;
  if (v.help) {
    process.stdout.write(`${WORKSHEET_USAGE}\n`);
    return [];
  }
  if (v.out === undefined) throw new CliError('worksheet: --out FILE is required (e.g. --out sheet.pdf)', 2);
  if (v.topic === undefined && v.template.length === 0) throw new CliError('worksheet: give --topic T or at least one --template ID', 2);
  const extension = path.extname(v.out).slice(1).toLowerCase();
  const format: ExportFormat = oneOf('format', v.format ?? (EXPORT_FORMATS.includes(extension as ExportFormat) ? extension : undefined), EXPORT_FORMATS, 'pdf');
  const count = wholeNumber('count', v.count, 20, 1, 200);
  const versions = wholeNumber('versions', v.versions, 1, 1, MAX_VERSIONS);
  const seed = v.seed === undefined ? randomInt(1, 2 ** 31 - 1) : wholeNumber('seed', v.seed, 0, 0, Number.MAX_SAFE_INTEGER);
  // Every option is checked before the database and the sandbox are opened.
  const settings = {
    title: v.title ?? (v.topic ? `${v.topic[0]?.toUpperCase() ?? ''}${v.topic.slice(1).replace(/-/g, ' ')}` : 'Worksheet'),
    instructions: v.instructions ?? 'Show your working.',
    nameLine: !v['no-name-line'],
    columns: Number(oneOf('columns', v.columns, ['1', '2'], '1')),
    workingSpace: oneOf('space', v.space, ['none', 'small', 'large'], 'small'),
    fontSize: wholeNumber('font-size', v['font-size'], 12, 8, 18),
    paper: oneOf('paper', v.paper, ['A4', 'Letter'], 'A4'),
    key: oneOf('key', v.key, ['none', 'separate', 'appended'], 'appended'),
    versions,
    seed,
  };

  const ctx = openContext(v.db, { json: v.json });
  try {
    const db = ctx.database.db;
    // --template IDs and --topic T together: the union of both.
    const unknown = v.template.filter((id) => getTemplate(db, id) === undefined);
    if (unknown.length > 0) throw new CliError(`worksheet: no template with id ${unknown.map((u) => `"${u}"`).join(', ')} (try: infinitymath list --search …)`);
    const fromTopic = v.topic === undefined ? [] : templatesForTopic(allTemplates(db), v.topic);
    if (v.topic !== undefined && fromTopic.length === 0) throw new CliError(`worksheet: no template has topic or strand "${v.topic}" (see: infinitymath list)`);
    const chosen = new Map<string, Template>([...fromTopic, ...v.template.map((id) => getTemplate(db, id)?.template as Template)].map((t) => [t.id, t]));
    const lookup = templateLookup([...chosen.values()]);
    const items: WorksheetItem[] = pickItems([...chosen.values()], count, seed);
    let spec;
    try {
      spec = parseWorksheetSpec({ ...settings, items });
    } catch (err) {
      throw new CliError(`worksheet: ${(err as Error).message}`, 2);
    }
    ctx.progress(`drawing ${count} problems × ${versions} version(s)`);
    const pool = await ctx.pool();
    const sheet = await generateWorksheet(pool, spec, lookup);
    // Every file of the export (sheet, key, versions) is checked before the first is written.
    for (const d of planExportDocuments(sheet, v.out, v['per-version'])) outputPath('worksheet', d.file, v.force);
    ctx.progress(`writing ${format}`);
    const files = await exportWorksheet(sheet, v.out, { format, perVersion: v['per-version'] });
    if (v.json) {
      process.stdout.write(`${JSON.stringify({ files, seed, versions, items: spec.items, balance: sheet.balance })}\n`);
    } else {
      process.stderr.write(`${count} problems × ${versions} version(s), seed ${seed}: ${files.join(', ')}\n`);
    }
    return files;
  } finally {
    await ctx.close();
  }
}
