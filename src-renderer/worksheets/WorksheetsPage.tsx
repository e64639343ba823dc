/** Placeholder until this page is built. */
import type { HashLocation } from '../app/route.js';

export function WorksheetsPage({ location }: { location: HashLocation }) {
  return (
    <section className="page-placeholder" data-testid="page-worksheets">
      <h1>Worksheets</h1>
      <p>Coming soon ({location.path.join('/')}).</p>
    </section>
  );
}
