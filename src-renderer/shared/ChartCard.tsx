/** A titled card around one chart: the one look of every chart in the app (styles/progress.css). */
import type { ReactNode } from 'react';

export function ChartCard({ title, wide = false, children }: { title: string; wide?: boolean; children: ReactNode }) {
  return (
    <figure className={`chart-card${wide ? ' chart-card-wide' : ''}`}>
      <figcaption>{title}</figcaption>
      {children}
    </figure>
  );
}
