/** Placeholder until this page is built. */
import type { HashLocation } from '../app/route.js';

export function LibraryPage({ location }: { location: HashLocation }) {
  return (
    <section className="page-placeholder" data-testid="page-library">
      <h1>Library</h1>
      <p>Coming soon ({location.path.join('/')}).</p>
    </section>
  );
}
