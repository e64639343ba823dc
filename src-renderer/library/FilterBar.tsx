/**
 * The Library's filter bar: a search box (debounced: the URL and the query follow typing after a
 * pause), a select per facet with counts, "duplicates only" and Clear. Every change becomes the URL.
 */
import { useEffect, useId, useState } from 'react';
import type { FacetCount, LibraryFacets, LibraryFilter } from '../../src-main/api/library-contract.std.js';
import { isEmptyFilter } from './library-url.js';

export const SEARCH_DEBOUNCE_MS = 300;

interface Props {
  filter: LibraryFilter;
  facets: LibraryFacets | null;
  /** `typing`: a search keystroke (replaces the history entry instead of adding one). */
  onChange: (filter: LibraryFilter, typing?: boolean) => void;
}

type SelectField = 'packId' | 'source' | 'topic' | 'strand' | 'status' | 'review' | 'flag' | 'needsModule';

export function FilterBar({ filter, facets, onChange }: Props) {
  const [text, setText] = useState(filter.search ?? '');
  const urlSearch = filter.search ?? '';

  // Back/forward or Clear changed the search: the box follows (but not our own debounced commit,
  // which would eat the space just typed between two words).
  const [seenUrlSearch, setSeenUrlSearch] = useState(urlSearch);
  if (seenUrlSearch !== urlSearch) {
    setSeenUrlSearch(urlSearch);
    if (text.trim() !== urlSearch) setText(urlSearch);
  }

  useEffect(() => {
    if (text.trim() === urlSearch) return;
    const timer = window.setTimeout(() => {
      const search = text.trim();
      onChange({ ...filter, search: search === '' ? undefined : search }, true);
    }, SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [text, urlSearch, filter, onChange]);

  const set = (field: SelectField, value: string): void => {
    onChange({ ...filter, [field]: value === '' ? undefined : value });
  };

  return (
    <form className="filter-bar" role="search" aria-label="Filter templates" onSubmit={(e) => e.preventDefault()}>
      <label className="filter-search">
        <span className="visually-hidden">Search</span>
        <input
          type="search"
          placeholder="Search problems…"
          value={text}
          maxLength={500}
          onChange={(e) => setText(e.target.value)}
          data-testid="library-search"
        />
      </label>
      <FacetSelect label="Pack" value={filter.packId} options={facets?.packs} onChange={(v) => set('packId', v)} />
      <FacetSelect label="Source" value={filter.source} options={facets?.sources} onChange={(v) => set('source', v)} />
      <FacetSelect label="Strand" value={filter.strand} options={facets?.strands} onChange={(v) => set('strand', v)} />
      <FacetSelect label="Topic" value={filter.topic} options={facets?.topics} onChange={(v) => set('topic', v)} />
      <FacetSelect
        label="Grade"
        value={filter.grade === undefined ? undefined : String(filter.grade)}
        options={facets?.grades}
        onChange={(v) => onChange({ ...filter, grade: v === '' ? undefined : Number(v) })}
      />
      <FacetSelect label="Status" value={filter.status} options={facets?.statuses} onChange={(v) => set('status', v)} />
      <FacetSelect label="Review" value={filter.review} options={facets?.reviews} onChange={(v) => set('review', v)} />
      <FacetSelect label="Flag" value={filter.flag} options={facets?.flags} anyLabel="any flag" onChange={(v) => set('flag', v)} />
      <FacetSelect label="Needs" value={filter.needsModule} options={facets?.modules} anyLabel="any module" onChange={(v) => set('needsModule', v)} />
      <label className="filter-check">
        <input
          type="checkbox"
          checked={filter.duplicate === true}
          onChange={(e) => onChange({ ...filter, duplicate: e.target.checked ? true : undefined })}
          data-testid="filter-duplicates"
        />
        Duplicates only
      </label>
      <button
        type="button"
        className="button button-quiet"
        disabled={isEmptyFilter(filter) && text === ''}
        onClick={() => {
          setText('');
          onChange({});
        }}
      >
        Clear
      </button>
    </form>
  );
}

interface FacetSelectProps {
  label: string;
  value: string | undefined;
  options: FacetCount[] | undefined;
  /** Adds a "*" choice (any flag, any module). */
  anyLabel?: string;
  onChange: (value: string) => void;
}

function FacetSelect({ label, value, options, anyLabel, onChange }: FacetSelectProps) {
  const id = useId();
  const known = options ?? [];
  // A value from a bookmark that the facets do not list (yet) still shows as chosen.
  const missing = value !== undefined && value !== '*' && !known.some((o) => o.value === value);
  return (
    <div className="filter-field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value)} data-testid={`filter-${label.toLowerCase()}`}>
        <option value="">all</option>
        {anyLabel !== undefined && <option value="*">{anyLabel}</option>}
        {missing && <option value={value}>{value}</option>}
        {known.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label} ({o.count.toLocaleString()})
          </option>
        ))}
      </select>
    </div>
  );
}
