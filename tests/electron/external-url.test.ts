/** Which links may leave the app for the user's browser. */
import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl } from '../../src-main/electron/external-url.js';

const cases: [url: string, allowed: boolean, why: string][] = [
  ['https://en.wikipedia.org/wiki/Ratio', true, 'an ordinary https page'],
  ['http://www.example.com/page?x=1#top', true, 'plain http to a public name'],
  ['HTTPS://EXAMPLE.ORG/', true, 'scheme and host case do not matter'],
  ['https://example.org./', true, 'a trailing dot is the same host'],
  ['file:///etc/passwd', false, 'local files'],
  ['javascript:alert(1)', false, 'script URLs'],
  ['data:text/html,<script>alert(1)</script>', false, 'data URLs'],
  ['app://studio/index.html', false, 'our own scheme'],
  ['smb://server/share', false, 'network shares'],
  ['vscode://file/etc/passwd', false, 'other apps’ schemes'],
  ['mailto:someone@example.org', false, 'mail links'],
  ['ftp://example.org/file', false, 'ftp'],
  ['https://user:pass@example.org/', false, 'credentials in the URL'],
  ['https://bank.example.com@evil.example.org/', false, 'a user name dressed up as a host'],
  ['http://localhost:5173/', false, 'this machine by name'],
  ['http://foo.localhost/', false, 'a localhost subdomain'],
  ['http://127.0.0.1:8080/', false, 'loopback IPv4'],
  ['http://2130706433/', false, 'IPv4 written as one number'],
  ['http://0x7f.1/', false, 'IPv4 in hex'],
  ['http://[::1]/', false, 'loopback IPv6'],
  ['http://192.168.1.1/admin', false, 'a router'],
  ['http://8.8.8.8/', false, 'any IP literal'],
  ['http://nas/', false, 'a single-label intranet name'],
  ['http://printer.local/', false, 'mDNS names'],
  ['https://wiki.corp.internal/', false, 'internal names'],
  ['http://router.home.arpa/', false, 'home network names'],
  ['not a url', false, 'unparsable'],
  ['', false, 'empty'],
  [`https://example.org/${'a'.repeat(2100)}`, false, 'absurdly long'],
];

describe('isAllowedExternalUrl', () => {
  it.each(cases)('%s → %s (%s)', (url, allowed) => {
    expect(isAllowedExternalUrl(url)).toBe(allowed);
  });
});
