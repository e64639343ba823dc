// The folder order of the code base, as an ESLint rule (the README's "How it is built" table lists the
// same order, and tests/lint/folder-layers.test.ts keeps the two equal). A file may import from its own
// folder and from folders of lower layers; an import that reaches up, or into a folder no layer names,
// is an error. Like VS Code's `code-layering`: without it a convenient import quietly turns two domains
// into one, and every such cycle makes the next refactor harder.
import path from 'node:path';

/**
 * src-main, bottom layer first. `(root)` stands for the files directly in src-main/ (paths.ts,
 * chromium.ts). Folders of one layer may not import each other either.
 */
export const SRC_MAIN_LAYERS = [
  ['userdata'],
  ['(root)'],
  ['template'],
  ['checker', 'sampling'],
  // Figures of a problem (diagrams drawn from its values): being added by the "figures" session.
  ['figures'],
  // The UI ↔ engine contract: the shapes every domain above returns. Its *.std.ts files may also import
  // the *.std.ts type modules of the domains they describe (the one exception, see `contractFiles`).
  ['api'],
  ['sandbox'],
  ['engine'],
  ['solutions'],
  ['storage'],
  ['importers'],
  ['audit'],
  ['model', 'practice', 'backup', 'learners'],
  ['report', 'export', 'library'],
  ['authoring'],
  ['worksheet'],
  ['app'],
  ['server', 'backend', 'cli'],
  ['electron'],
];

/**
 * src-renderer: the building blocks every page uses, then the pages and the shell that holds them
 * (the shell imports pages and pages use the shell's router, so they share a layer). `(root)` is main.tsx.
 */
export const SRC_RENDERER_LAYERS = [
  ['api', 'math', 'shared', 'styles'],
  ['app', 'authoring', 'learners', 'library', 'practice', 'progress', 'settings', 'worksheets'],
  ['(root)'],
];

function folderOf(relative) {
  const parts = relative.split(/[\\/]/);
  return parts.length === 1 ? '(root)' : parts[0];
}

/** The layer table as folder → layer index. */
function indexLayers(layers) {
  const index = new Map();
  layers.forEach((layer, i) => {
    for (const folder of layer) index.set(folder, i);
  });
  return index;
}

const ruleOptions = {
  type: 'object',
  properties: {
    root: { type: 'string' },
    layers: { type: 'array', items: { type: 'array', items: { type: 'string' } } },
    siblings: { enum: ['allow', 'forbid'] },
    contractFiles: { type: 'string' },
  },
  required: ['root', 'layers'],
  additionalProperties: false,
};

export const folderLayersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'A folder may import only from folders of lower layers (the README’s folder order).' },
    schema: [ruleOptions],
    messages: {
      upward: '{{from}}/ may not import {{to}}/: {{to}} is in a higher layer (see the folder table in scripts/eslint/folder-layers.mjs and the README). Move the shared part down, or pass it in.',
      sibling: '{{from}}/ and {{to}}/ are in the same layer and may not import each other: move the shared part down.',
      unknown: '{{folder}}/ is in no layer: add it to the folder table in scripts/eslint/folder-layers.mjs and to the README.',
    },
  },
  create(context) {
    const options = context.options[0];
    const layerOf = indexLayers(options.layers);
    const contract = options.contractFiles === undefined ? null : new RegExp(options.contractFiles);
    const file = context.filename;
    const marker = `${path.sep}${options.root}${path.sep}`;
    const at = file.lastIndexOf(marker);
    if (at < 0) return {};
    const rootDir = file.slice(0, at + marker.length - 1);
    const fromRel = path.relative(rootDir, file);
    const from = folderOf(fromRel);

    function check(node, specifier) {
      if (typeof specifier !== 'string' || !specifier.startsWith('.')) return;
      const target = path.resolve(path.dirname(file), specifier);
      const toRel = path.relative(rootDir, target);
      if (toRel.startsWith('..') || path.isAbsolute(toRel)) return; // outside this root: other rules decide
      const to = folderOf(toRel);
      if (to === from) return;
      const fromLayer = layerOf.get(from);
      const toLayer = layerOf.get(to);
      if (fromLayer === undefined) {
        context.report({ node, messageId: 'unknown', data: { folder: from } });
        return;
      }
      if (toLayer === undefined) {
        context.report({ node, messageId: 'unknown', data: { folder: to } });
        return;
      }
      if (contract !== null && contract.test(fromRel.split(path.sep).join('/')) && /\.std\.(js|ts)$/.test(toRel)) return;
      if (toLayer > fromLayer) context.report({ node, messageId: 'upward', data: { from, to } });
      else if (toLayer === fromLayer && options.siblings !== 'allow') context.report({ node, messageId: 'sibling', data: { from, to } });
    }

    const fromSource = (node) => {
      if (node.source) check(node.source, node.source.value);
    };
    return {
      ImportDeclaration: fromSource,
      ExportNamedDeclaration: fromSource,
      ExportAllDeclaration: fromSource,
      ImportExpression(node) {
        if (node.source.type === 'Literal') check(node.source, node.source.value);
      },
    };
  },
};

export const layersPlugin = { rules: { 'folder-layers': folderLayersRule } };
