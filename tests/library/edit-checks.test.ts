/**
 * A curator's edit goes through the same text checks as an import: a control character in the text
 * is refused (nothing stored), math the LaTeX export will not typeset is stored and flagged once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFlags } from '../../src-main/storage/curation.repo.js';
import { getTemplate } from '../../src-main/storage/templates.repo.js';
import { UNSAFE_TEX_FLAG } from '../../src-main/template/text-checks.js';
import { openBrowseFixture, seedLibrary, type BrowseFixture } from './browse-fixtures.js';

let f: BrowseFixture;
beforeAll(() => {
  f = openBrowseFixture();
  seedLibrary(f.app.db);
});
afterAll(() => f.close());

describe('library.edit checks the text like an import', () => {
  it('refuses a control character, keeping the stored template', async () => {
    const before = (await f.handlers['library.template']({ id: 'a.2' })).template;
    await expect(f.handlers['library.edit']({ id: 'a.2', template: { ...before, generic_problem: 'Sam buys apples\u0000 for {price}.' } })).rejects.toMatchObject({
      code: 'bad-request',
      message: expect.stringMatching(/^library\.edit: generic_problem: control character U\+0000 at character 16 /) as unknown,
    });
    expect(getTemplate(f.app.db, 'a.2')?.template.generic_problem).toBe(before.generic_problem);
  });

  it('stores math the LaTeX export will not typeset, and flags it once', async () => {
    const before = (await f.handlers['library.template']({ id: 'a.3' })).template;
    const text = 'A train travels $\\input{/etc/passwd}$ price miles in discount_percent minutes.';
    await f.handlers['library.edit']({ id: 'a.3', template: { ...before, generic_problem: text } });
    await f.handlers['library.edit']({ id: 'a.3', template: { ...before, generic_problem: text, difficulty: 2 } });
    const flags = listFlags(f.app.db, 'a.3').filter((x) => x.reason === UNSAFE_TEX_FLAG);
    expect(flags).toHaveLength(1);
    expect(flags[0]?.note).toContain('generic_problem: \\input');
  });
});
