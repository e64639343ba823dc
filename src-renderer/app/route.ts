/**
 * The page in the URL hash (`#/practice`, `#/library/t/<id>?status=broken`): no router library,
 * back/forward still work, and a page's own state (the Library's filter) lives in the query so a
 * view can be bookmarked and reopened.
 */
export const ROUTES = ['practice', 'progress', 'worksheets', 'library', 'author', 'settings'] as const;
export type Route = (typeof ROUTES)[number];

/** Pages that belong to a learner (the others are for teachers and curators, and need no learner). */
export const LEARNER_ROUTES: readonly Route[] = ['practice', 'progress'];

export interface HashLocation {
  route: Route;
  /** Path segments after the page, decoded (`#/library/t/abc` → `['t', 'abc']`). */
  path: string[];
  query: Record<string, string>;
}

function isRoute(s: string): s is Route {
  return (ROUTES as readonly string[]).includes(s);
}

export function parseLocation(hash: string): HashLocation {
  const body = hash.replace(/^#\/?/, '');
  const q = body.indexOf('?');
  const pathPart = q === -1 ? body : body.slice(0, q);
  const segments = pathPart.split('/').filter((s) => s !== '');
  const first = segments[0] ?? '';
  const route = isRoute(first) ? first : 'practice';
  const path = isRoute(first) ? segments.slice(1).map(safeDecode) : [];
  const query: Record<string, string> = {};
  if (q !== -1) for (const [k, v] of new URLSearchParams(body.slice(q + 1))) query[k] = v;
  return { route, path, query };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function parseRoute(hash: string): Route {
  return parseLocation(hash).route;
}

export function routeHash(route: Route, path: readonly string[] = [], query: Record<string, string | undefined> = {}): string {
  const tail = path.map((p) => `/${encodeURIComponent(p)}`).join('');
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query).sort(([a], [b]) => a.localeCompare(b))) if (v !== undefined && v !== '') params.set(k, v);
  const qs = params.toString();
  return `#/${route}${tail}${qs === '' ? '' : `?${qs}`}`;
}
