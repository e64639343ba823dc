/** Placeholder until this page is built. */
import type { HashLocation } from '../app/route.js';

export function AuthoringPage({ location }: { location: HashLocation }) {
  return (
    <section className="page-placeholder" data-testid="page-authoring">
      <h1>Authoring</h1>
      <p>Coming soon ({location.path.join('/')}).</p>
    </section>
  );
}
