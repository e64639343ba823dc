/** IPC channel names shared by the preload and the main process (the page never sees them). */
export const IPC_CALL = 'im:call';
export const IPC_EVENT = 'im:event';
/** Sent synchronously by the preload when the user hands the page a file (drop or file input). */
export const IPC_GRANT_PATH = 'im:grant-path';
/** Invoked by the preload when the page asks where to save an export: the main process shows the save dialog. */
export const IPC_CHOOSE_EXPORT = 'im:choose-export';
