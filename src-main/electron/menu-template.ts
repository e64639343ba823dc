/**
 * The native menu as data (Electron's MenuItemConstructorOptions shape, typed locally so this file
 * stays testable without Electron). Platform conventions: on macOS the app menu holds About and
 * Quit and there is a Window menu; elsewhere Quit is in File and About in Help. Reload and the
 * developer tools exist only in development.
 */
export type MenuRole =
  | 'about'
  | 'services'
  | 'hide'
  | 'hideOthers'
  | 'unhide'
  | 'quit'
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'pasteAndMatchStyle'
  | 'delete'
  | 'selectAll'
  | 'reload'
  | 'forceReload'
  | 'toggleDevTools'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen'
  | 'minimize'
  | 'zoom'
  | 'front'
  | 'close'
  | 'window'
  | 'help'
  | 'fileMenu'
  | 'editMenu'
  | 'viewMenu'
  | 'appMenu';

export interface MenuItemSpec {
  id?: string;
  label?: string;
  role?: MenuRole;
  type?: 'separator' | 'submenu' | 'normal';
  accelerator?: string;
  click?: () => void;
  submenu?: MenuItemSpec[];
}

export interface MenuActions {
  importJsonl(): void;
  showAbout(): void;
}

export interface MenuContext {
  platform: NodeJS.Platform;
  isDev: boolean;
  appName: string;
}

const separator: MenuItemSpec = { type: 'separator' };

export function buildMenuTemplate(ctx: MenuContext, actions: MenuActions): MenuItemSpec[] {
  const mac = ctx.platform === 'darwin';
  const about: MenuItemSpec = { id: 'about', label: `About ${ctx.appName}`, click: () => actions.showAbout() };
  const menus: MenuItemSpec[] = [];
  if (mac) {
    menus.push({
      label: ctx.appName,
      submenu: [about, separator, { role: 'services' }, separator, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, separator, { role: 'quit' }],
    });
  }
  menus.push({
    label: '&File',
    submenu: [
      { id: 'import-jsonl', label: 'Import JSONL…', accelerator: 'CmdOrCtrl+O', click: () => actions.importJsonl() },
      ...(mac ? [separator, { role: 'close' } satisfies MenuItemSpec] : [separator, { role: 'quit', accelerator: 'Ctrl+Q' } satisfies MenuItemSpec]),
    ],
  });
  menus.push({
    label: '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(mac ? [{ role: 'pasteAndMatchStyle' } satisfies MenuItemSpec] : []),
      { role: 'delete' },
      separator,
      { role: 'selectAll' },
    ],
  });
  menus.push({
    label: '&View',
    submenu: [
      ...(ctx.isDev ? [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, separator] satisfies MenuItemSpec[] : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      separator,
      { role: 'togglefullscreen' },
    ],
  });
  if (mac) {
    menus.push({ role: 'window', submenu: [{ role: 'minimize' }, { role: 'zoom' }, separator, { role: 'front' }] });
  }
  menus.push({ label: '&Help', role: 'help', submenu: mac ? [] : [about] });
  return menus;
}
