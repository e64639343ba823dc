/**
 * The preload of the app window (bundled to dist/preload.cjs: a sandboxed preload cannot be an ES
 * module, and may require only 'electron'). It exposes three named functions as `window.imApi` and
 * nothing else: never ipcRenderer, never an Electron event object.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type { ApiEvent, ApiMethod, ApiResponse } from '../api/contract.std.js';
import { IPC_CALL, IPC_CHOOSE_EXPORT, IPC_EVENT, IPC_GRANT_PATH } from './ipc-channels.std.js';
import { IM_API_GLOBAL, type ImApi } from './preload-api.std.js';

const api = {
  call(method: ApiMethod, args: unknown): Promise<ApiResponse<unknown>> {
    // The main process validates method and arguments; here they are only carried.
    return ipcRenderer.invoke(IPC_CALL, method, args) as Promise<ApiResponse<unknown>>;
  },
  onEvent(listener: (event: ApiEvent) => void): () => void {
    if (typeof listener !== 'function') throw new TypeError('imApi.onEvent: the listener must be a function');
    // The page gets the event's data only; IpcRendererEvent carries `sender`, which it must not see.
    const relay = (_ipcEvent: IpcRendererEvent, event: ApiEvent): void => listener(event);
    ipcRenderer.on(IPC_EVENT, relay);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT, relay);
    };
  },
  pathForFile(file: File): string {
    const filePath = webUtils.getPathForFile(file);
    // Synchronous, so the grant is in place before the page's next call can ask to import the file.
    if (filePath !== '') ipcRenderer.sendSync(IPC_GRANT_PATH, filePath);
    return filePath;
  },
  chooseExportFile(suggestedName: unknown): Promise<string | null> {
    // Only a string crosses: the page may pass anything.
    return ipcRenderer.invoke(IPC_CHOOSE_EXPORT, typeof suggestedName === 'string' ? suggestedName : String(suggestedName)) as Promise<string | null>;
  },
} satisfies ImApi;

contextBridge.exposeInMainWorld(IM_API_GLOBAL, api);
