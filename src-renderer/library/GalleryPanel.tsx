/**
 * The instance gallery: N draws of the template side by side (values, the problem as a learner sees
 * it, the verified answer or why the draw was rejected), from a seed the curator controls.
 */
import { useEffect, useId, useState } from 'react';
import type { Gallery } from '../../src-main/api/library-contract.std.js';
import { useApi } from '../api/api-context.js';
import { errorMessage } from '../api/error-message.js';
import { routeHash } from '../app/route.js';
import { MathText } from '../math/MathText.js';

const COUNTS = [6, 12, 24, 48] as const;

interface Props {
  id: string;
  /** Bumped after an edit: draw again at once. */
  refresh: number;
}

export function GalleryPanel({ id, refresh }: Props) {
  const api = useApi();
  const seedId = useId();
  const countId = useId();
  const [seed, setSeed] = useState(1);
  const [seedText, setSeedText] = useState('1');
  const [count, setCount] = useState(12);
  const [gallery, setGallery] = useState<Gallery | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    let live = true;
    setLoading(true);
    api.call('library.gallery', { id, count, seed }).then(
      (drawn) => {
        if (!live) return;
        setGallery(drawn);
        setError(null);
        setLoading(false);
      },
      (failure: unknown) => {
        if (!live) return;
        setError(errorMessage(failure));
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [api, id, count, seed, refresh]);

  const seedValid = /^\d{1,9}$/.test(seedText);
  const answered = gallery?.items.filter((i) => i.answer !== null).length ?? 0;

  return (
    <section className="detail-card gallery-panel" aria-labelledby="gallery-title" data-testid="gallery">
      <div className="card-heading">
        <h2 id="gallery-title">Instance gallery</h2>
        <span className="card-sub" aria-live="polite">
          {loading ? 'drawing…' : gallery === null ? '' : `${answered} of ${gallery.items.length} draws verified`}
        </span>
        <form
          className="gallery-controls"
          onSubmit={(e) => {
            e.preventDefault();
            if (seedValid) setSeed(Number(seedText));
          }}
        >
          <label htmlFor={seedId}>Seed</label>
          <input
            id={seedId}
            type="text"
            inputMode="numeric"
            value={seedText}
            onChange={(e) => setSeedText(e.target.value)}
            aria-invalid={!seedValid}
            className="seed-input"
            data-testid="gallery-seed"
          />
          <label htmlFor={countId}>Draws</label>
          <select id={countId} value={count} onChange={(e) => setCount(Number(e.target.value))}>
            {COUNTS.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
          <button type="submit" className="button button-small" disabled={!seedValid}>
            Draw
          </button>
          <button
            type="button"
            className="button button-small"
            data-testid="gallery-new"
            onClick={() => {
              // The next block of seeds: never the same draws twice in a row.
              const next = seed + count;
              setSeed(next);
              setSeedText(String(next));
            }}
          >
            New draws
          </button>
        </form>
      </div>
      {!seedValid && <p className="field-error">The seed is a whole number (0 or more).</p>}
      {error !== null && (
        <p className="error-text" role="alert">
          Could not draw instances: {error}
        </p>
      )}
      {gallery !== null && (
        <ol className={`gallery-grid${loading ? ' gallery-stale' : ''}`} data-testid="gallery-grid">
          {gallery.items.map((item) => (
            <li key={item.seed} className={`gallery-card${item.answer === null ? ' gallery-rejected' : ''}`} data-testid="gallery-card">
              <div className="gallery-card-head">
                <span className="gallery-seed">seed {item.seed}</span>
                <a className="gallery-practise" href={routeHash('practice', [], { t: id, seed: String(item.seed) })} title="Open this instance in practice">
                  Practise this
                </a>
              </div>
              <MathText text={item.text} className="gallery-text" />
              <dl className="gallery-values">
                {Object.entries(item.values).map(([name, value]) => (
                  <div key={name}>
                    <dt>{name}</dt>
                    <dd>{value}</dd>
                  </div>
                ))}
              </dl>
              {item.answer !== null ? (
                <p className="gallery-answer" data-testid="gallery-answer">
                  <span className="answer-label">Answer</span> <MathText text={item.answer} />
                </p>
              ) : (
                <p className="gallery-reject" data-testid="gallery-reject">
                  Rejected: {item.rejected ?? 'no answer'}
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
