/**
 * The folder order (scripts/eslint/folder-layers.mjs): the lint rule reports an import that reaches up,
 * sideways within a layer, or into a folder no layer names, and lets the contract's exception through;
 * every folder of the tree has a layer; and the README states the same order.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src-main/paths.js';
// @ts-expect-error a plain .mjs module of the lint configuration, without type declarations
import * as layers from '../../scripts/eslint/folder-layers.mjs';

const { layersPlugin, SRC_MAIN_LAYERS, SRC_RENDERER_LAYERS } = layers as {
  layersPlugin: NonNullable<Linter.Config['plugins']>[string];
  SRC_MAIN_LAYERS: string[][];
  SRC_RENDERER_LAYERS: string[][];
};

const root = packageRoot();

function lint(file: string, code: string): string[] {
  const rootName = file.startsWith('src-renderer/') ? 'src-renderer' : 'src-main';
  const options =
    rootName === 'src-main'
      ? { root: 'src-main', layers: SRC_MAIN_LAYERS, siblings: 'forbid', contractFiles: '^api/[^/]+\\.std\\.ts$' }
      : { root: 'src-renderer', layers: SRC_RENDERER_LAYERS, siblings: 'allow' };
  const config: Linter.Config[] = [
    {
      files: ['**/*.ts', '**/*.tsx'],
      plugins: { layers: layersPlugin },
      languageOptions: { ecmaVersion: 2024, sourceType: 'module' },
      rules: { 'layers/folder-layers': ['error', options] },
    },
  ];
  return new Linter({ cwd: root }).verify(code, config, { filename: path.join(root, file) }).map((m) => m.message);
}

describe('the folder-layers rule', () => {
  it('lets a folder import from lower layers and its own folder', () => {
    expect(lint('src-main/worksheet/sheet.ts', "import { a } from '../storage/repo.js';\nimport { b } from './local.js';\nimport { c } from '../paths.js';")).toEqual([]);
    expect(lint('src-main/electron/main.ts', "import { a } from '../backend/client.js';\nexport { b } from '../server/static.js';")).toEqual([]);
  });

  it('reports an import that reaches up (the known violations among them), in every import form', () => {
    expect(lint('src-main/storage/worksheets.repo.ts', "import { parse } from '../worksheet/worksheet-spec.std.js';")).toEqual([
      'storage/ may not import worksheet/: worksheet is in a higher layer (see the folder table in scripts/eslint/folder-layers.mjs and the README). Move the shared part down, or pass it in.',
    ]);
    expect(lint('src-main/library/library-facets.ts', "import { strandLabel } from '../app/strand-labels.js';")).toHaveLength(1);
    expect(lint('src-main/template/t.ts', "export * from '../engine/x.js';\nexport { y } from '../audit/y.js';\nconst z = import('../cli/z.js');")).toHaveLength(3);
    expect(lint('src-main/paths.ts', "import { a } from './app/x.js';")).toEqual([expect.stringContaining('(root)/ may not import app/') as unknown]);
  });

  it('reports two folders of one layer importing each other', () => {
    expect(lint('src-main/model/m.ts', "import { a } from '../practice/p.js';")).toEqual([
      'model/ and practice/ are in the same layer and may not import each other: move the shared part down.',
    ]);
  });

  it('lets only the contract’s .std.ts files name the .std.ts types of higher domains', () => {
    expect(lint('src-main/api/worksheet-contract.std.ts', "import { spec } from '../worksheet/worksheet-spec.std.js';")).toEqual([]);
    expect(lint('src-main/api/worksheet-contract.std.ts', "import { run } from '../worksheet/generate-worksheet.js';")).toHaveLength(1);
    expect(lint('src-main/api/dispatch.ts', "import { spec } from '../worksheet/worksheet-spec.std.js';")).toHaveLength(1);
  });

  it('reports a folder that has no layer yet', () => {
    expect(lint('src-main/newthing/a.ts', "import { a } from '../template/t.js';")).toEqual([
      'newthing/ is in no layer: add it to the folder table in scripts/eslint/folder-layers.mjs and to the README.',
    ]);
  });

  it('keeps the renderer’s building blocks free of pages', () => {
    expect(lint('src-renderer/shared/PythonEditor.tsx', "import { x } from '../library/y.js';")).toHaveLength(1);
    expect(lint('src-renderer/api/client.ts', "import { x } from '../app/route.js';")).toHaveLength(1);
    expect(lint('src-renderer/library/ReportPage.tsx', "import { x } from '../shared/ChartCard.js';\nimport { y } from '../app/route.js';\nimport z from '../../src-main/api/contract.std.js';")).toEqual([]);
  });
});

describe('the layer tables', () => {
  const dirs = (base: string): string[] =>
    fs
      .readdirSync(path.join(root, base), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();

  it('give every folder of the tree a layer', () => {
    expect(dirs('src-main').filter((d) => !SRC_MAIN_LAYERS.flat().includes(d))).toEqual([]);
    expect(dirs('src-renderer').filter((d) => !SRC_RENDERER_LAYERS.flat().includes(d))).toEqual([]);
  });

  it('are the order the README states', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const line = readme.split('<!-- folder-layers:src-main -->\n')[1]?.split('\n').find((l) => l.trim() !== '') ?? '';
    const stated = line.split(' → ').map((group) => group.split(', ').map((f) => f.replaceAll('`', '').replace('src-main/*.ts', '(root)')));
    expect(stated).toEqual(SRC_MAIN_LAYERS);
  });
});
