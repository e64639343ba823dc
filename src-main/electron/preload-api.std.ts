/**
 * What the preload exposes to the page as `window.imApi` (Electron only; browser mode talks HTTP).
 * Named functions only: the page never gets ipcRenderer, a channel name or an Electron event object.
 * Renderer code imports this type: it carries ApiResponses unchanged, so it is the desktop transport of
 * the renderer's one ApiClient (src-renderer/api/client.ts), exactly as HTTP is in browser mode.
 */
import type { ApiEvent, ApiMethod, ApiResponse } from '../api/contract.std.js';

/** The global the preload defines in the page's world. */
export const IM_API_GLOBAL = 'imApi';

export interface ImApi {
  /**
   * Calls one contract method. Resolves with the contract's ApiResponse (never a thrown Error: errors
   * crossing Electron's IPC lose their code), validated in the main process before the engine sees it.
   */
  call(method: ApiMethod, args: unknown): Promise<ApiResponse<unknown>>;
  /** Every ApiEvent the engine pushes; returns the function that stops listening. */
  onEvent(listener: (event: ApiEvent) => void): () => void;
  /**
   * The path on disk of a File the user gave the page (dropped, or picked with <input type="file">),
   * or '' for a File made in script. Also lets the main process accept that path for
   * `library.importFile`: the page can import only files the user chose.
   */
  pathForFile(file: File): string;
  /**
   * Asks the user where to save an export (the native save dialog, which confirms replacing a file);
   * resolves with the chosen path, or null if they cancelled. Only such a path may be given to
   * `library.exportStart` as `out`. (Optional: a preload of an older build lacks it.)
   */
  chooseExportFile?(suggestedName: string): Promise<string | null>;
}
