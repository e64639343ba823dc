/**
 * Which links may leave the app for the user's browser (shell.openExternal). Only ordinary web
 * pages: http(s) to a public host name. Everything else is refused, because openExternal hands the
 * URL to the operating system, which would also run `file:`, `smb:`, custom app schemes and so on,
 * and a link to a machine on the local network or this one (a router's admin page, a local dev
 * server) is no business of a worksheet.
 */
const MAX_URL_LENGTH = 2048;

/** Names that resolve to this machine or the local network, never to a public site. */
const LOCAL_SUFFIXES = ['localhost', 'local', 'internal', 'intranet', 'lan', 'home.arpa', 'test', 'invalid', 'example'];

function isIpLiteral(hostname: string): boolean {
  // WHATWG URL writes IPv6 hosts in brackets and normalises every IPv4 spelling (0x7f.1, 2130706433) to dotted decimal.
  return hostname.startsWith('[') || /^\d{1,3}(\.\d{1,3}){3}$/.test(hostname);
}

export function isAllowedExternalUrl(url: string): boolean {
  if (url.length > MAX_URL_LENGTH) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return false;
  // `https://bank.example@evil.example/` reads as a bank to a person and goes to evil.example.
  if (parsed.username !== '' || parsed.password !== '') return false;
  const host = parsed.hostname.replace(/\.$/, '');
  if (host === '' || isIpLiteral(host)) return false;
  // A public site has a dotted name; a single label ("intranet", "nas") is a local machine.
  if (!host.includes('.')) return false;
  const labels = host.split('.');
  for (const suffix of LOCAL_SUFFIXES) {
    const suffixLabels = suffix.split('.');
    if (labels.slice(-suffixLabels.length).join('.') === suffix) return false;
  }
  return true;
}
