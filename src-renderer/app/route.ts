/** The page in the URL hash (`#/practice`, `#/progress`): no router library, back/forward still work. */
export type Route = 'practice' | 'progress';

export function parseRoute(hash: string): Route {
  return hash.replace(/^#\/?/, '').split(/[/?]/)[0] === 'progress' ? 'progress' : 'practice';
}

export function routeHash(route: Route): string {
  return `#/${route}`;
}
