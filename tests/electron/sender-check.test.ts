/** Only the app window's top-level frame, on the app's origin, may call the engine. */
import { describe, expect, it } from 'vitest';
import { isAppUrl } from '../../src-main/electron/app-origin.js';
import { senderProblem, type FrameLike } from '../../src-main/electron/sender-check.js';

function frame(url: string, ids: { processId?: number; routingId?: number } = {}, parent: FrameLike | null = null): FrameLike {
  return { url, parent, processId: ids.processId ?? 4, routingId: ids.routingId ?? 1 };
}

const main = frame('app://studio/index.html');

describe('senderProblem', () => {
  it('accepts the main frame of the app window on the app origin, on any page of it', () => {
    expect(senderProblem(frame('app://studio/index.html'), main)).toBeNull();
    expect(senderProblem(frame('app://studio/index.html#/practice?grade=5'), main)).toBeNull();
  });

  it.each([
    ['no sender (the frame was destroyed)', null, main, 'the sending frame is gone'],
    ['no window', frame('app://studio/index.html'), null, 'the app window is not open'],
    ['an iframe inside our page', frame('app://studio/embed.html', { routingId: 9 }, main), main, 'sent from a subframe'],
    ['another window', frame('app://studio/index.html', { processId: 5 }), main, 'sent from a window that is not the app window'],
    ['another frame in the same process', frame('app://studio/index.html', { routingId: 2 }), main, 'sent from a window that is not the app window'],
    ['our window showing a web page', frame('https://evil.example.org/x'), main, 'sent from a page outside the app (https://evil.example.org)'],
    ['our window showing a local file', frame('file:///home/user/x.html'), main, 'sent from a page outside the app (file://)'],
    ['a look-alike host on our scheme', frame('app://studio.evil/index.html'), main, 'sent from a page outside the app (app://studio.evil)'],
    ['our host with a port', frame('app://studio:8080/index.html'), main, 'sent from a page outside the app (app://studio:8080)'],
  ])('refuses %s', (_what, sender, windowFrame, reason) => {
    expect(senderProblem(sender, windowFrame)).toBe(reason);
  });
});

describe('isAppUrl', () => {
  it.each([
    ['app://studio/index.html', true],
    ['app://studio/', true],
    ['app://studio', true],
    ['app://user@studio/index.html', false],
    ['app://Studio/index.html', false],
    ['app:studio/index.html', false],
    ['http://studio/index.html', false],
    ['about:blank', false],
    ['', false],
  ])('%s → %s', (url, expected) => {
    expect(isAppUrl(url)).toBe(expected);
  });
});
