// Lint: typed rules for the whole tree, plus the layering rules that keep runtimes apart.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { layersPlugin, SRC_MAIN_LAYERS, SRC_RENDERER_LAYERS } from './scripts/eslint/folder-layers.mjs';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.cache/**', 'test-artifacts/**', 'bench-data/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.mjs'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      '@typescript-eslint/no-unnecessary-condition': 'off',
      // `(resolve) => out.once('drain', resolve)` style callbacks read fine.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
    },
  },
  {
    // Engine code runs in plain Node (CLI, tests, browser-mode server, Electron utility process):
    // it must never import Electron. Only files named *.electron.ts may.
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/**/*.electron.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'Engine code never imports electron (only *.electron.ts files may).' }] },
      ],
    },
  },
  {
    // The folder order (README, "How it is built"): a folder imports only from the folders below it.
    files: ['src-main/**/*.ts'],
    plugins: { layers: layersPlugin },
    rules: { 'layers/folder-layers': ['error', { root: 'src-main', layers: SRC_MAIN_LAYERS, siblings: 'forbid', contractFiles: '^api/[^/]+\\.std\\.ts$' }] },
  },
  {
    // The renderer's building blocks (api/, math/, shared/) never import a page.
    files: ['src-renderer/**/*.{ts,tsx}'],
    ignores: ['src-renderer/vite.config.ts'],
    plugins: { layers: layersPlugin },
    rules: { 'layers/folder-layers': ['error', { root: 'src-renderer', layers: SRC_RENDERER_LAYERS, siblings: 'allow' }] },
  },
  {
    // *.std.ts files run everywhere (Node, the renderer, a worker): plain TypeScript only.
    files: ['src-main/**/*.std.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^node:', message: 'A .std.ts file runs in the browser too: no Node built-ins.' },
            { regex: '^(electron|better-sqlite3|pyodide|fs|path|os|child_process|worker_threads|crypto)$', message: 'A .std.ts file runs in the browser too.' },
            // template.types.ts holds only types and zod schemas, which run anywhere.
            { regex: '^\\.{1,2}/(?!.*(\\.std|template\\.types)\\.js$)', message: 'A .std.ts file may only import other .std.ts files.' },
          ],
        },
      ],
    },
  },
  {
    // Renderer code runs in the page: no Node, no engine internals except the runtime-agnostic modules.
    files: ['src-renderer/**/*.{ts,tsx}'],
    ignores: ['src-renderer/vite.config.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^node:', message: 'Renderer code runs in the page: no Node built-ins.' },
            { regex: '^(electron|better-sqlite3|pyodide|fs|path|os|child_process|worker_threads|crypto)$', message: 'Renderer code runs in the page.' },
            {
              regex: '^(\\.\\./)+src-main/(?!.*(\\.std|template/template\\.types)\\.js$)',
              message: 'The renderer imports only src-main/**/*.std.ts and src-main/template/template.types.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
