/**
 * A template in the InfinityMATH shape. Templates imported from InfinityMATH go back as the row they
 * came from (`infinityMathRowFromTemplate`: same keys, order and value forms). Others (the starter
 * pack, gsm-hard, templates made in the app) get the dataset's eight fields under the keys our
 * importer reads first, so importing the file gives back the same id, texts, program, variables and
 * answer.
 */
import { infinityMathRowFromTemplate } from '../importers/infinitymath-map.js';
import type { Template } from '../template/template.types.js';

export function infinityMathRow(t: Template): Record<string, unknown> {
  const back = infinityMathRowFromTemplate(t);
  if (back !== undefined) return back;
  const row: Record<string, unknown> = { id: t.id };
  // The importer prefixes a source with `infinitymath/`; one that already has it is written bare.
  if (t.source !== undefined) row.source = t.source.replace(/^infinitymath\//, '');
  if (t.original_problem !== undefined) row.original_problem = t.original_problem;
  row.generalized_problem = t.generic_problem;
  row.generated_program = t.program;
  row.variables = t.variables;
  if (t.original_answer !== undefined && t.original_answer !== null) row.ori_answer = t.original_answer;
  return row;
}
