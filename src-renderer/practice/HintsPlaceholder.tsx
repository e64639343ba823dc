/** Reserved space for hints and worked solutions (a later feature fills it). */
import { useId } from 'react';

export function HintsPlaceholder() {
  const id = useId();
  return (
    <aside className="hints-placeholder" aria-labelledby={id} data-testid="hints-placeholder">
      <h2 id={id}>Hints &amp; worked solutions</h2>
      <p>Hints arrive in a later version.</p>
    </aside>
  );
}
