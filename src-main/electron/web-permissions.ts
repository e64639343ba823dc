/**
 * Web permissions the page may use: writing to the clipboard (copying an answer or a worksheet),
 * from our own origin. Camera, microphone, location, notifications, USB, HID, serial, MIDI and
 * everything else are refused without a prompt.
 */
import { isAppUrl } from './app-origin.js';

const ALLOWED = new Set(['clipboard-sanitized-write']);

export function isAllowedPermission(permission: string, requestingUrl: string): boolean {
  return ALLOWED.has(permission) && isAppUrl(requestingUrl);
}
