/** Placeholder until this page is built. */
import type { HashLocation } from '../app/route.js';

export function SettingsPage({ location }: { location: HashLocation }) {
  return (
    <section className="page-placeholder" data-testid="page-settings">
      <h1>Settings</h1>
      <p>Coming soon ({location.path.join('/')}).</p>
    </section>
  );
}
