/** Shared set-up for the worksheet tests: the starter library and a fractions sheet in 4 versions. */
import { readStarterTemplates } from '../../src-main/library/starter-pack.js';
import type { Template } from '../../src-main/template/template.types.js';
import { templateLookup, type TemplateLookup } from '../../src-main/worksheet/generate-worksheet.js';
import { pickItems, templatesForTopic } from '../../src-main/worksheet/pick-templates.js';
import type { WorksheetSpecInput } from '../../src-main/worksheet/worksheet-spec.std.js';

let starter: Template[] | undefined;

export function starterTemplates(): Template[] {
  starter ??= readStarterTemplates().templates;
  return starter;
}

export function starterLookup(): TemplateLookup {
  return templateLookup(starterTemplates());
}

/** The example: 20 fractions problems, 4 versions, keys appended. */
export function fractionsSpec(seed: number, overrides: Partial<WorksheetSpecInput> = {}): WorksheetSpecInput {
  return {
    title: 'Fractions practice',
    instructions: 'Show your working. Give fractions in simplest form.',
    versions: 4,
    seed,
    items: pickItems(templatesForTopic(starterTemplates(), 'fractions'), 20, seed),
    key: 'appended',
    ...overrides,
  };
}
