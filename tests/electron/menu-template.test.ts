/** The native menu: the usual items and shortcuts, per platform, with development-only items. */
import { describe, expect, it } from 'vitest';
import { buildMenuTemplate, type MenuItemSpec } from '../../src-main/electron/menu-template.js';

function menu(platform: NodeJS.Platform, isDev: boolean): { template: MenuItemSpec[]; calls: string[] } {
  const calls: string[] = [];
  const template = buildMenuTemplate({ platform, isDev, appName: 'InfinityMATH Studio' }, { importJsonl: () => calls.push('import'), showAbout: () => calls.push('about') });
  return { template, calls };
}

function titles(template: MenuItemSpec[]): string[] {
  return template.map((m) => m.label ?? m.role ?? '?');
}

/** Items of a submenu as short names: the label or role, "-" for a separator. */
function items(template: MenuItemSpec[], title: string): string[] {
  const found = template.find((m) => (m.label ?? m.role) === title);
  if (!found?.submenu) throw new Error(`no menu ${title}`);
  return found.submenu.map((i) => (i.type === 'separator' ? '-' : (i.label ?? i.role ?? '?')));
}

function find(template: MenuItemSpec[], id: string): MenuItemSpec | undefined {
  for (const m of template) {
    if (m.id === id) return m;
    const inner = m.submenu ? find(m.submenu, id) : undefined;
    if (inner) return inner;
  }
  return undefined;
}

describe('buildMenuTemplate', () => {
  it('Linux and Windows: File, Edit, View, Help; Quit in File, About in Help', () => {
    for (const platform of ['linux', 'win32'] as const) {
      const { template } = menu(platform, false);
      expect(titles(template)).toEqual(['&File', '&Edit', '&View', '&Help']);
      expect(items(template, '&File')).toEqual(['Import JSONL…', '-', 'quit']);
      expect(items(template, '&Edit')).toEqual(['undo', 'redo', '-', 'cut', 'copy', 'paste', 'delete', '-', 'selectAll']);
      expect(items(template, '&View')).toEqual(['resetZoom', 'zoomIn', 'zoomOut', '-', 'togglefullscreen']);
      expect(items(template, '&Help')).toEqual(['About InfinityMATH Studio']);
    }
  });

  it('macOS: the app menu holds About and Quit, and there is a Window menu', () => {
    const { template } = menu('darwin', false);
    expect(titles(template)).toEqual(['InfinityMATH Studio', '&File', '&Edit', '&View', 'window', '&Help']);
    expect(items(template, 'InfinityMATH Studio')).toEqual(['About InfinityMATH Studio', '-', 'services', '-', 'hide', 'hideOthers', 'unhide', '-', 'quit']);
    expect(items(template, '&File')).toEqual(['Import JSONL…', '-', 'close']);
    expect(items(template, '&Edit')).toContain('pasteAndMatchStyle');
  });

  it('reload and developer tools only in development', () => {
    expect(items(menu('linux', true).template, '&View').slice(0, 4)).toEqual(['reload', 'forceReload', 'toggleDevTools', '-']);
    const shipped = JSON.stringify(menu('linux', false).template);
    expect(shipped).not.toMatch(/reload|toggleDevTools/i);
  });

  it('Import JSONL… is Ctrl/Cmd+O and runs the import action; About runs the about action', () => {
    const { template, calls } = menu('win32', false);
    const importItem = find(template, 'import-jsonl');
    expect(importItem?.accelerator).toBe('CmdOrCtrl+O');
    importItem?.click?.();
    find(template, 'about')?.click?.();
    expect(calls).toEqual(['import', 'about']);
  });
});
