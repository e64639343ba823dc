/**
 * The worksheet builder: template picker | items and settings | live preview (version tabs, the key, the
 * balance per item). Opens a saved sheet (`#/worksheets/<id>`) or a new one (`#/worksheets/new`).
 */
import { useEffect, useMemo, useState } from 'react';
import { lockItem, regenerateItem, unlockItem, type WorksheetSpec } from '../../src-main/worksheet/worksheet-spec.std.js';
import { useApi } from '../api/api-context.js';
import { errorMessage } from '../api/error-message.js';
import { routeHash } from '../app/route.js';
import { ExportPanel } from './ExportPanel.js';
import { ItemList } from './ItemList.js';
import { PreviewPane } from './PreviewPane.js';
import { SheetSettings } from './SheetSettings.js';
import { addItem, moveItem, newSpec, problemCount, removeItem, setItemCount, setVersions } from './spec-edit.js';
import { TemplatePicker } from './TemplatePicker.js';
import { canonicalJson, useWorksheetPreview } from './use-preview.js';

export function Builder({ routeId }: { routeId: string }) {
  const api = useApi();
  const [spec, setSpec] = useState<WorksheetSpec>(() => newSpec());
  const [savedId, setSavedId] = useState<number | null>(null);
  const [savedJson, setSavedJson] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [loading, setLoading] = useState(routeId !== 'new');
  const [version, setVersion] = useState(0);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [exporting, setExporting] = useState(false);

  // Open the sheet the address names (not when the address only caught up with a sheet saved here).
  useEffect(() => {
    if (routeId === 'new') {
      if (savedId !== null) {
        setSpec(newSpec());
        setSavedId(null);
        setSavedJson(null);
      }
      setLoading(false);
      return;
    }
    const id = Number(routeId);
    if (!Number.isSafeInteger(id) || id <= 0) {
      setLoadError(`“${routeId}” is not a worksheet number`);
      setLoading(false);
      return;
    }
    if (id === savedId) return;
    let live = true;
    setLoading(true);
    api.call('worksheets.get', { id }).then(
      (found) => {
        if (!live) return;
        setSpec(found.spec);
        setSavedId(found.id);
        setSavedJson(canonicalJson(found.spec));
        setVersion(0);
        setLoadError(null);
        setLoading(false);
      },
      (failure: unknown) => {
        if (!live) return;
        setLoadError(errorMessage(failure));
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
    // Only the address decides what to open; savedId is read to skip a reload of what was just saved.
  }, [api, routeId]);

  const state = useWorksheetPreview(spec, version);
  const dirty = savedJson === null ? spec.items.length > 0 : canonicalJson(spec) !== savedJson;
  // Closing or reloading the window with unsaved changes asks first (the browser's own dialog).
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent): void => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
  const onSheet = useMemo(() => {
    const m = new Map<string, number>();
    for (const it of spec.items) m.set(it.templateId, (m.get(it.templateId) ?? 0) + 1);
    return m;
  }, [spec.items]);

  const edit = (next: WorksheetSpec): void => {
    setSpec(next);
    setNotice(null);
  };

  const save = (): void => {
    api.call('worksheets.save', { spec, ...(savedId !== null ? { id: savedId } : {}) }).then(
      (saved) => {
        setSavedId(saved.id);
        setSavedJson(canonicalJson(saved.spec));
        setNotice({ kind: 'ok', text: `Saved “${saved.title}”.` });
        if (routeId !== String(saved.id)) window.location.replace(routeHash('worksheets', [String(saved.id)]));
      },
      (failure: unknown) => setNotice({ kind: 'error', text: `Could not save: ${errorMessage(failure)}` }),
    );
  };

  const duplicate = (): void => {
    if (savedId === null) return;
    api.call('worksheets.duplicate', { id: savedId }).then(
      (copy) => {
        window.location.hash = routeHash('worksheets', [String(copy.id)]);
      },
      (failure: unknown) => setNotice({ kind: 'error', text: `Could not duplicate: ${errorMessage(failure)}` }),
    );
  };

  if (loading) return <p className="loading-line">Opening the worksheet…</p>;
  if (loadError !== null) {
    return (
      <div className="worksheet-builder">
        <p className="error-text" role="alert">
          Could not open the worksheet: {loadError}
        </p>
        <a href={routeHash('worksheets')}>All worksheets</a>
      </div>
    );
  }

  const count = problemCount(spec);
  return (
    <div className="worksheet-builder" data-testid="worksheet-builder" data-saved-id={savedId ?? ''}>
      <div className="ws-toolbar">
        <a className="ws-back" href={routeHash('worksheets')}>
          ← All worksheets
        </a>
        <input
          className="ws-title"
          aria-label="Worksheet title"
          maxLength={200}
          value={spec.title}
          onChange={(e) => edit({ ...spec, title: e.target.value })}
          data-testid="sheet-title"
        />
        <span className="ws-muted ws-save-state" data-testid="save-state">
          {savedId === null ? 'Not saved yet' : dirty ? 'Unsaved changes' : 'Saved'}
        </span>
        <button type="button" className="button button-primary" onClick={save} disabled={spec.items.length === 0 || !dirty} data-testid="save">
          Save
        </button>
        <button type="button" className="button" onClick={duplicate} disabled={savedId === null} data-testid="duplicate">
          Duplicate
        </button>
        <button type="button" className="button" onClick={() => setExporting((x) => !x)} disabled={spec.items.length === 0} aria-expanded={exporting} data-testid="export">
          Export…
        </button>
      </div>
      {notice !== null && (
        <p className={notice.kind === 'error' ? 'error-text' : 'ws-notice'} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="notice">
          {notice.text}
        </p>
      )}
      {exporting && <ExportPanel spec={spec} onClose={() => setExporting(false)} />}
      <div className="ws-columns">
        <TemplatePicker onSheet={onSheet} onAdd={(id) => edit(addItem(spec, id))} />
        <div className="ws-middle">
          <section className="ws-card" aria-label="Problems on the sheet">
            <h2>
              Problems <span className="ws-muted" data-testid="problem-count">{count === 0 ? '' : `${count} per version × ${spec.versions}`}</span>
            </h2>
            {spec.items.length === 0 ? (
              <p className="ws-muted">Add templates from the list: each becomes an item with its own numbers on every version.</p>
            ) : (
              <ItemList
                spec={spec}
                preview={state.current ? state.preview : null}
                canLock={state.current}
                onMove={(from, to) => edit(moveItem(spec, from, to))}
                onCount={(i, n) => edit(setItemCount(spec, i, n))}
                onRegenerate={(i) => edit(regenerateItem(spec, i))}
                onLock={(i) => {
                  const seeds = state.preview?.seeds[i];
                  if (state.current && seeds) edit(lockItem(spec, i, seeds));
                }}
                onUnlock={(i) => edit(unlockItem(spec, i))}
                onRemove={(i) => edit(removeItem(spec, i))}
              />
            )}
          </section>
          <SheetSettings
            spec={spec}
            onChange={(patch) => edit({ ...spec, ...patch })}
            onVersions={(n) => {
              const next = setVersions(spec, n);
              edit(next.spec);
              if (next.unlocked > 0) setNotice({ kind: 'ok', text: `Unlocked ${next.unlocked} item(s): a lock keeps numbers per version.` });
            }}
          />
        </div>
        <PreviewPane spec={spec} state={state} version={Math.min(version, spec.versions - 1)} onVersion={setVersion} />
      </div>
    </div>
  );
}
