/**
 * Who may call the engine over IPC: only the top-level frame of our own window, showing a page from
 * our own origin. An iframe, another window, or our window after it somehow navigated elsewhere is
 * refused (VS Code checks the same before serving IPC).
 */
import { isAppUrl } from './app-origin.js';

/** The members of Electron's WebFrameMain that identify a frame. */
export interface FrameLike {
  readonly url: string;
  readonly parent: FrameLike | null;
  readonly processId: number;
  readonly routingId: number;
}

/** Why a sender is refused, or null when it is our window's main frame on our origin. */
export function senderProblem(sender: FrameLike | null | undefined, windowMainFrame: FrameLike | null | undefined): string | null {
  if (!sender) return 'the sending frame is gone';
  if (!windowMainFrame) return 'the app window is not open';
  if (sender.parent !== null) return 'sent from a subframe';
  // WebFrameMain objects are looked up per call; the (process, routing) pair names the frame itself.
  if (sender.processId !== windowMainFrame.processId || sender.routingId !== windowMainFrame.routingId) {
    return 'sent from a window that is not the app window';
  }
  if (!isAppUrl(sender.url)) return `sent from a page outside the app (${originOf(sender.url)})`;
  return null;
}

function originOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return 'an unparsable URL';
  }
}
