/**
 * The save dialog of a library export (no Electron import: the options are plain data, tested in
 * Node). The dialog asks before replacing an existing file on every platform: macOS and Windows do
 * it always, Linux (GTK) only with `showOverwriteConfirmation`.
 */
import path from 'node:path';

export interface ExportDialogOptions {
  title: string;
  defaultPath: string;
  buttonLabel: string;
  filters: { name: string; extensions: string[] }[];
  properties: ('showOverwriteConfirmation' | 'createDirectory')[];
}

/** A safe default file name from what the page suggested (`starter-chat.jsonl`); never a path. */
export function suggestedExportName(suggested: unknown): string {
  const base = path.basename(typeof suggested === 'string' ? suggested : '').replace(/[^\w.-]+/g, '_').replace(/^\.+/, '');
  const name = base === '' ? 'export' : base.slice(0, 120);
  return name.endsWith('.jsonl') ? name : `${name.replace(/\.[^.]*$/, '')}.jsonl`;
}

export function exportDialogOptions(suggested: unknown, documentsDir: string): ExportDialogOptions {
  return {
    title: 'Export templates',
    defaultPath: path.join(documentsDir, suggestedExportName(suggested)),
    buttonLabel: 'Export',
    filters: [
      { name: 'JSON Lines', extensions: ['jsonl'] },
      { name: 'All files', extensions: ['*'] },
    ],
    properties: ['showOverwriteConfirmation', 'createDirectory'],
  };
}
