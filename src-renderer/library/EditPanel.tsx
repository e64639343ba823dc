/**
 * Edit a template: problem text, program (CodeMirror), variables/domains/constraints as JSON. Save
 * sends it to `library.edit`, which validates it like an import, keeps the old version in history and
 * re-audits; errors show under the field they are about.
 */
import { useState } from 'react';
import type { TemplateDetail } from '../../src-main/api/library-contract.std.js';
import { useApi } from '../api/api-context.js';
import { errorMessage } from '../api/error-message.js';
import { buildTemplate, draftFrom, fieldOfError, type EditDraft, type EditField } from './edit-form.js';
import { PythonEditor } from '../shared/PythonEditor.js';

interface Props {
  detail: TemplateDetail;
  onSaved: (detail: TemplateDetail) => void;
  onCancel: () => void;
}

export function EditPanel({ detail, onSaved, onCancel }: Props) {
  const api = useApi();
  const [draft, setDraft] = useState<EditDraft>(() => draftFrom(detail.template));
  const [error, setError] = useState<{ field: EditField; message: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const set = (patch: Partial<EditDraft>): void => setDraft((d) => ({ ...d, ...patch }));
  const errorFor = (field: EditField) =>
    error?.field === field ? (
      <p className="field-error" role="alert" id={`edit-error-${field}`} data-testid={`edit-error-${field}`}>
        {error.message}
      </p>
    ) : null;

  const save = (): void => {
    const built = buildTemplate(detail.template, draft);
    if (!built.ok) {
      setError({ field: built.field, message: built.message });
      return;
    }
    setSaving(true);
    setError(null);
    api
      .call('library.edit', { id: detail.id, template: built.template, ...(draft.message.trim() === '' ? {} : { message: draft.message.trim() }) })
      .then(
        async (saved) => {
          // The edit's answer may carry the old audit (marked stale): audit the new version now, so the
          // page shows its health at once.
          if (saved.audit !== null && !saved.audit.stale) return saved;
          // If that audit fails, the edit still stands: the stale audit shows, with Re-audit.
          const audit = await api.call('library.auditOne', { id: detail.id }).catch(() => null);
          return audit === null ? saved : { ...saved, audit, status: audit.status };
        },
      )
      .then(
        (saved) => onSaved(saved),
        (failure: unknown) => {
          const message = errorMessage(failure);
          setError({ field: fieldOfError(message), message });
        },
      )
      .finally(() => setSaving(false));
  };

  return (
    <section className="detail-card edit-panel" aria-labelledby="edit-title" data-testid="edit-panel">
      <div className="card-heading">
        <h2 id="edit-title">Edit template</h2>
        <span className="card-sub">the current version goes to history; the imported original is kept</span>
      </div>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <label htmlFor="edit-text" className="field-label">
          Problem text (placeholders as in the original)
        </label>
        <textarea
          id="edit-text"
          rows={4}
          value={draft.text}
          onChange={(e) => set({ text: e.target.value })}
          aria-invalid={error?.field === 'text'}
          aria-describedby={error?.field === 'text' ? 'edit-error-text' : undefined}
          data-testid="edit-text"
        />
        {errorFor('text')}
        <span className="field-label" id="edit-program-label">
          Program
        </span>
        <PythonEditor value={draft.program} onChange={(program) => set({ program })} label="Program (Python)" testId="edit-program" className="program-editing" />
        {errorFor('program')}
        <label htmlFor="edit-data" className="field-label">
          Variables, domains and constraints (JSON)
        </label>
        <textarea
          id="edit-data"
          rows={10}
          className="code-textarea"
          spellCheck={false}
          value={draft.data}
          onChange={(e) => set({ data: e.target.value })}
          aria-invalid={error?.field === 'data'}
          aria-describedby={error?.field === 'data' ? 'edit-error-data' : undefined}
          data-testid="edit-data"
        />
        <small className="field-help">
          Domains are inferred where none is given; to set one: <code>"domains": {'{'} "n": {'{'} "kind": "int", "min": 2, "max": 40 {'}'} {'}'}</code>
        </small>
        {errorFor('data')}
        <label htmlFor="edit-message" className="field-label">
          What changed (for history)
        </label>
        <input id="edit-message" type="text" maxLength={500} value={draft.message} onChange={(e) => set({ message: e.target.value })} />
        {errorFor('general')}
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={saving} data-testid="edit-save">
            {saving ? 'Saving and auditing…' : 'Save and re-audit'}
          </button>
          <button type="button" className="button button-quiet" onClick={onCancel} disabled={saving}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}
