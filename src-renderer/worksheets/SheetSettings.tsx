/** The sheet's print settings: instructions, name line, columns, working space, font size, paper, versions, seed, key. */
import type { WorksheetSpec } from '../../src-main/worksheet/worksheet-spec.std.js';
import { MAX_VERSIONS } from '../../src-main/worksheet/worksheet-spec.std.js';
import { randomSeed } from './spec-edit.js';

interface Props {
  spec: WorksheetSpec;
  onChange: (patch: Partial<WorksheetSpec>) => void;
  onVersions: (versions: number) => void;
}

export function SheetSettings({ spec, onChange, onVersions }: Props) {
  return (
    <section className="ws-card ws-settings" aria-label="Sheet settings" data-testid="sheet-settings">
      <h2>Sheet settings</h2>
      <label className="ws-field ws-field-wide">
        <span>Instructions</span>
        <textarea rows={2} maxLength={2000} value={spec.instructions} onChange={(e) => onChange({ instructions: e.target.value })} data-testid="setting-instructions" />
      </label>
      <div className="ws-field-grid">
        <label className="ws-field">
          <span>Versions</span>
          <input
            type="number"
            min={1}
            max={MAX_VERSIONS}
            value={spec.versions}
            onChange={(e) => {
              const n = Number(e.target.value);
              if (Number.isFinite(n) && n >= 1) onVersions(n);
            }}
            data-testid="setting-versions"
          />
        </label>
        <label className="ws-field">
          <span>Seed</span>
          <span className="ws-seed">
            <input
              type="number"
              min={0}
              value={spec.seed}
              onChange={(e) => {
                const n = Number(e.target.value);
                if (Number.isSafeInteger(n) && n >= 0) onChange({ seed: n });
              }}
              data-testid="setting-seed"
            />
            <button type="button" className="button button-small" onClick={() => onChange({ seed: randomSeed() })} title="New numbers everywhere (locked items keep theirs)">
              New
            </button>
          </span>
        </label>
        <label className="ws-field">
          <span>Columns</span>
          <select value={spec.columns} onChange={(e) => onChange({ columns: e.target.value === '2' ? 2 : 1 })} data-testid="setting-columns">
            <option value="1">1 column</option>
            <option value="2">2 columns</option>
          </select>
        </label>
        <label className="ws-field">
          <span>Working space</span>
          <select value={spec.workingSpace} onChange={(e) => onChange({ workingSpace: e.target.value as WorksheetSpec['workingSpace'] })} data-testid="setting-space">
            <option value="none">None</option>
            <option value="small">Small</option>
            <option value="large">Large</option>
          </select>
        </label>
        <label className="ws-field">
          <span>Font size</span>
          <select value={spec.fontSize} onChange={(e) => onChange({ fontSize: Number(e.target.value) })} data-testid="setting-font">
            {[10, 11, 12, 13, 14, 16, 18].map((pt) => (
              <option key={pt} value={pt}>
                {pt} pt
              </option>
            ))}
          </select>
        </label>
        <label className="ws-field">
          <span>Paper</span>
          <select value={spec.paper} onChange={(e) => onChange({ paper: e.target.value === 'Letter' ? 'Letter' : 'A4' })} data-testid="setting-paper">
            <option value="A4">A4</option>
            <option value="Letter">US Letter</option>
          </select>
        </label>
        <label className="ws-field">
          <span>Answer key</span>
          <select value={spec.key} onChange={(e) => onChange({ key: e.target.value as WorksheetSpec['key'] })} data-testid="setting-key">
            <option value="appended">After each version</option>
            <option value="separate">Separate file</option>
            <option value="none">No key</option>
          </select>
        </label>
      </div>
      <div className="ws-checks">
        <label>
          <input type="checkbox" checked={spec.nameLine} onChange={(e) => onChange({ nameLine: e.target.checked })} /> Name / date / class line
        </label>
        <label>
          <input type="checkbox" checked={spec.workedSolutions} onChange={(e) => onChange({ workedSolutions: e.target.checked })} disabled={spec.key === 'none'} /> Worked
          solutions in the key
        </label>
      </div>
    </section>
  );
}
