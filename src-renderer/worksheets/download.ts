/** Saving an exported file from the page (browser mode): the bytes as a Blob behind a temporary link. */
import type { ExportedWorksheetFile } from '../../src-main/api/worksheet-contract.std.js';

export function fileBytes(file: ExportedWorksheetFile): Uint8Array<ArrayBuffer> {
  const binary = atob(file.base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function downloadFile(file: ExportedWorksheetFile): void {
  const url = URL.createObjectURL(new Blob([fileBytes(file)], { type: file.mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.name;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the click; the URL is only needed until then.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
