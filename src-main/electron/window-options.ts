/**
 * The app window's options, kept out of the Electron-importing file so a test can assert on them.
 * The page gets Chromium's sandbox and context isolation, no Node, web security on, and no
 * <webview>; the only bridge is the preload's named functions.
 */
export interface SecureWebPreferences {
  readonly preload: string;
  readonly contextIsolation: true;
  readonly sandbox: true;
  readonly nodeIntegration: false;
  readonly nodeIntegrationInWorker: false;
  readonly nodeIntegrationInSubFrames: false;
  readonly webSecurity: true;
  readonly allowRunningInsecureContent: false;
  readonly webviewTag: false;
  readonly navigateOnDragDrop: false;
  readonly safeDialogs: true;
  readonly spellcheck: false;
  readonly devTools: boolean;
}

export interface MainWindowOptions {
  readonly title: string;
  readonly width: number;
  readonly height: number;
  readonly minWidth: number;
  readonly minHeight: number;
  /** Shown on 'ready-to-show', so the window never flashes an empty frame. */
  readonly show: false;
  /** Matches the page's background in the OS theme until the page paints. */
  readonly backgroundColor: string;
  readonly autoHideMenuBar: false;
  readonly webPreferences: SecureWebPreferences;
}

/** The page's background colours (the renderer's CSS uses the same under prefers-color-scheme). */
export const WINDOW_BACKGROUND = { light: '#ffffff', dark: '#1e1e22' } as const;

export function mainWindowOptions(opts: { preloadPath: string; dark: boolean; isDev: boolean; title: string }): MainWindowOptions {
  return {
    title: opts.title,
    width: 1200,
    height: 820,
    minWidth: 720,
    minHeight: 520,
    show: false,
    backgroundColor: opts.dark ? WINDOW_BACKGROUND.dark : WINDOW_BACKGROUND.light,
    autoHideMenuBar: false,
    webPreferences: {
      preload: opts.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      // Dropping a file must not navigate the window to it; the page handles drops itself.
      navigateOnDragDrop: false,
      safeDialogs: true,
      // Answers are numbers and maths: red squiggles under "3/4" help nobody.
      spellcheck: false,
      devTools: opts.isDev,
    },
  };
}
