/** The current page from the URL hash, following back/forward and links. */
import { useEffect, useState } from 'react';
import { parseLocation, type HashLocation, type Route } from './route.js';

export function useHashLocation(): HashLocation {
  const [location, setLocation] = useState<HashLocation>(() => parseLocation(window.location.hash));
  useEffect(() => {
    const update = (): void => setLocation(parseLocation(window.location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return location;
}

export function useHashRoute(): Route {
  return useHashLocation().route;
}
