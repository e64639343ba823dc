/**
 * Choosing templates for the sheet: filters (strand, topic, grade, difficulty) and a search box over the
 * library; each template shows its own example problem and an Add button.
 */
import { useEffect, useId, useState } from 'react';
import type { WorksheetTemplateFilter, WorksheetTemplateList } from '../../src-main/api/worksheet-contract.std.js';
import { useApi } from '../api/api-context.js';
import { errorMessage } from '../api/error-message.js';
import { MathText } from '../math/MathText.js';

const SEARCH_DEBOUNCE_MS = 250;
const DIFFICULTY = ['', 'easy', 'medium', 'hard'] as const;

interface Props {
  /** How many times each template is already on the sheet. */
  onSheet: ReadonlyMap<string, number>;
  onAdd: (templateId: string) => void;
}

export function TemplatePicker({ onSheet, onAdd }: Props) {
  const api = useApi();
  const id = useId();
  const [filter, setFilter] = useState<WorksheetTemplateFilter>({});
  const [search, setSearch] = useState('');
  const [list, setList] = useState<WorksheetTemplateList | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    const timer = setTimeout(
      () => {
        const query = { ...filter, ...(search.trim() === '' ? {} : { search: search.trim() }) };
        api.call('worksheets.templates', { filter: query, limit: 200 }).then(
          (next) => {
            if (!live) return;
            setList(next);
            setError(null);
          },
          (failure: unknown) => live && setError(errorMessage(failure)),
        );
      },
      search === '' ? 0 : SEARCH_DEBOUNCE_MS,
    );
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, filter, search]);

  const set = (patch: Partial<WorksheetTemplateFilter>): void => {
    // Unset fields are left out (the contract's schema is strict about what is there, not about undefined).
    setFilter(Object.fromEntries(Object.entries({ ...filter, ...patch }).filter(([, v]) => v !== undefined)));
  };
  const topics = (list?.topics ?? []).filter((t) => filter.strand === undefined || t.strand === filter.strand);

  return (
    <section className="ws-card ws-picker" aria-labelledby={`${id}-h`} data-testid="template-picker">
      <h2 id={`${id}-h`}>Add problems</h2>
      <div className="ws-filters">
        <input
          type="search"
          className="ws-search"
          placeholder="Search the library…"
          aria-label="Search templates"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          data-testid="picker-search"
        />
        <select
          aria-label="Strand"
          value={filter.strand ?? ''}
          onChange={(e) => set({ strand: e.target.value === '' ? undefined : e.target.value, topic: undefined })}
          data-testid="picker-strand"
        >
          <option value="">All strands</option>
          {list?.strands.map((s) => (
            <option key={s.strand} value={s.strand}>
              {s.label} ({s.count})
            </option>
          ))}
        </select>
        <select aria-label="Topic" value={filter.topic ?? ''} onChange={(e) => set({ topic: e.target.value === '' ? undefined : e.target.value })} data-testid="picker-topic">
          <option value="">All topics</option>
          {topics.map((t) => (
            <option key={t.topic} value={t.topic}>
              {t.topic.replace(/-/g, ' ')} ({t.count})
            </option>
          ))}
        </select>
        <div className="ws-filter-row">
          <select aria-label="Grade" value={filter.grade ?? ''} onChange={(e) => set({ grade: e.target.value === '' ? undefined : Number(e.target.value) })} data-testid="picker-grade">
            <option value="">Any grade</option>
            {list?.grades.map((g) => (
              <option key={g} value={g}>
                Grade {g}
              </option>
            ))}
          </select>
          <select
            aria-label="Difficulty"
            value={filter.difficulty ?? ''}
            onChange={(e) => set({ difficulty: e.target.value === '' ? undefined : Number(e.target.value) })}
            data-testid="picker-difficulty"
          >
            <option value="">Any level</option>
            <option value="1">Easy</option>
            <option value="2">Medium</option>
            <option value="3">Hard</option>
          </select>
        </div>
      </div>
      {error !== null && (
        <p className="error-text" role="alert">
          Could not list templates: {error}
        </p>
      )}
      {list !== null && (
        <p className="ws-muted" aria-live="polite" data-testid="picker-count">
          {list.total === 0 ? 'No template matches.' : list.total > list.templates.length ? `${list.templates.length} of ${list.total} shown` : `${list.total} templates`}
        </p>
      )}
      <ul className="ws-template-list">
        {list?.templates.map((t) => {
          const times = onSheet.get(t.id) ?? 0;
          return (
            <li key={t.id} className="ws-template" data-template-id={t.id}>
              <MathText className="ws-template-sample" text={t.sample} />
              <div className="ws-template-meta">
                <span>
                  {[t.strandLabel, t.topic?.replace(/-/g, ' '), t.grade ? `grade ${t.grade.min === t.grade.max ? t.grade.min : `${t.grade.min}–${t.grade.max}`}` : null, t.difficulty ? DIFFICULTY[t.difficulty] : null]
                    .filter((x) => x !== null && x !== undefined && x !== '')
                    .join(' · ')}
                </span>
                <button type="button" className="button ws-add" onClick={() => onAdd(t.id)} aria-label={`Add ${t.id}`} data-testid="picker-add">
                  {times > 0 ? `Add again (${times})` : 'Add'}
                </button>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
