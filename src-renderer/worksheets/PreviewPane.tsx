/** The live preview: version tabs, the print HTML of that version with its key, and the balance per item. */
import type { WorksheetSpec } from '../../src-main/worksheet/worksheet-spec.std.js';
import { VERSION_LETTERS } from '../../src-main/worksheet/worksheet-spec.std.js';
import { BalanceTable } from './BalanceTable.js';
import { PrintFrame } from './PrintFrame.js';
import type { PreviewState } from './use-preview.js';

interface Props {
  spec: WorksheetSpec;
  state: PreviewState;
  version: number;
  onVersion: (version: number) => void;
}

export function PreviewPane({ spec, state, version, onVersion }: Props) {
  const { preview, loading, error } = state;
  const status = spec.items.length === 0 ? 'empty' : error !== null ? 'error' : loading || preview === null ? 'loading' : 'ready';
  return (
    <section className="ws-preview" aria-label="Preview" data-testid="preview" data-state={status} data-version={preview?.version ?? ''}>
      <div className="ws-preview-head">
        <div className="ws-tabs" role="tablist" aria-label="Versions">
          {Array.from({ length: spec.versions }, (_, v) => (
            <button
              key={v}
              type="button"
              role="tab"
              aria-selected={v === version}
              className={`ws-tab${v === version ? ' is-active' : ''}`}
              onClick={() => onVersion(v)}
              data-testid={`version-tab-${VERSION_LETTERS[v] ?? v}`}
            >
              {spec.versions === 1 ? 'Sheet' : `Version ${VERSION_LETTERS[v] ?? v + 1}`}
            </button>
          ))}
        </div>
        {status === 'loading' && (
          <span className="ws-spinner" role="status" aria-label="Drawing problems">
            <span aria-hidden="true" /> drawing…
          </span>
        )}
      </div>
      {status === 'empty' && <p className="empty-state">The sheet appears here, exactly as it prints, once it has a problem.</p>}
      {error !== null && (
        <p className="error-text" role="alert" data-testid="preview-error">
          {error}
        </p>
      )}
      {preview !== null && (
        <div className={loading || error !== null ? 'ws-stale' : undefined}>
          <PrintFrame html={preview.html} paper={preview.spec.paper} title={`Preview of version ${VERSION_LETTERS[preview.version] ?? ''}`} />
          <details className="ws-card ws-balance-card" open={spec.versions > 1}>
            <summary>Balance between versions</summary>
            <BalanceTable preview={preview} />
          </details>
        </div>
      )}
    </section>
  );
}
