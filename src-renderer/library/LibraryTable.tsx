/**
 * The Library table: a virtualized grid (only the rows on screen exist in the DOM, so 100k rows
 * scroll like 100), rows fetched in pages as they come into view, sortable column headers.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { LibraryRow, LibrarySortColumn } from '../../src-main/api/library-contract.std.js';
import { MathText } from '../math/MathText.js';
import { nextSort, type LibrarySort } from './library-url.js';
import { StatusChip, ReviewChip } from './Chips.js';
import { gradeText, percentText, snippetPieces } from './text-pieces.js';
import type { LibraryRows } from './use-library-rows.js';

const ROW_HEIGHT = 58;
const SETTLE_MS = 60;

interface Column {
  label: string;
  sort: LibrarySortColumn | null;
  className: string;
}

const COLUMNS: Column[] = [
  { label: 'Template', sort: 'id', className: 'col-id' },
  { label: 'Pack', sort: 'pack', className: 'col-pack' },
  { label: 'Topic', sort: 'topic', className: 'col-topic' },
  { label: 'Grade', sort: 'grade', className: 'col-grade' },
  { label: 'Status', sort: 'status', className: 'col-status' },
  { label: 'Review', sort: 'review', className: 'col-review' },
  { label: 'Flags', sort: null, className: 'col-flags' },
  { label: 'Accept.', sort: 'acceptance', className: 'col-accept' },
  { label: 'Problem', sort: null, className: 'col-problem' },
];

interface Props {
  rows: LibraryRows;
  sort: LibrarySort | null;
  onSort: (sort: LibrarySort) => void;
  /** Open row `index` (its template) in the detail page. */
  hrefFor: (row: LibraryRow, index: number) => string;
}

export function LibraryTable({ rows, sort, onSort, hrefFor }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const count = rows.total ?? 0;
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;
  const { ensure } = rows;
  // Fetch once the scroll settles: dragging the scrollbar across 100k rows would otherwise ask for
  // every page it passes over. Rows without data show as placeholders meanwhile.
  useEffect(() => {
    const timer = window.setTimeout(() => ensure(first, Math.max(first, last)), SETTLE_MS);
    return () => window.clearTimeout(timer);
  }, [ensure, first, last]);

  return (
    <div className="library-grid" role="grid" aria-rowcount={count + 1} aria-colcount={COLUMNS.length} aria-label="Templates" data-testid="library-table">
      <div className="library-grid-head" role="rowgroup">
        <div className="library-row library-row-head" role="row" aria-rowindex={1}>
          {COLUMNS.map((c) => {
            const active = c.sort !== null && sort?.column === c.sort;
            const ariaSort = active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : c.sort === null ? undefined : 'none';
            return (
              <div key={c.label} role="columnheader" className={c.className} aria-sort={ariaSort}>
                {c.sort === null ? (
                  c.label
                ) : (
                  <button type="button" className="sort-button" onClick={() => c.sort !== null && onSort(nextSort(sort, c.sort))}>
                    {c.label}
                    <span aria-hidden="true" className="sort-mark">
                      {active ? (sort.dir === 'asc' ? '▲' : '▼') : '↕'}
                    </span>
                  </button>
                )}
              </div>
            );
          })}
        </div>
      </div>
      <div ref={scroller} className="library-grid-body" role="rowgroup" data-testid="library-scroller">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const row = rows.rowAt(item.index);
            return (
              <div
                key={item.key}
                role="row"
                aria-rowindex={item.index + 2}
                className={`library-row${row === undefined ? ' library-row-loading' : ''}`}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, height: item.size, transform: `translateY(${item.start}px)` }}
                data-testid={row === undefined ? undefined : 'library-row'}
                data-id={row?.id}
                onClick={(e) => {
                  // The id cell is a real link (middle click, keyboard); the rest of the row follows it.
                  if (row === undefined || (e.target instanceof HTMLElement && e.target.closest('a') !== null)) return;
                  window.location.hash = hrefFor(row, item.index);
                }}
              >
                {row === undefined ? <LoadingCells /> : <RowCells row={row} href={hrefFor(row, item.index)} />}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

function LoadingCells() {
  return (
    <div role="gridcell" className="col-loading" aria-label="loading">
      <span className="skeleton" />
    </div>
  );
}

function RowCells({ row, href }: { row: LibraryRow; href: string }) {
  return (
    <>
      <div role="gridcell" className="col-id">
        <a href={href} className="row-link" title={row.id}>
          {row.id}
        </a>
      </div>
      <div role="gridcell" className="col-pack" title={row.packId}>
        {row.packId}
        {row.source !== null && <span className="cell-sub">{row.source}</span>}
      </div>
      <div role="gridcell" className="col-topic" title={[row.topic, row.strand].filter((s) => s !== null).join(' · ')}>
        {row.topic ?? '—'}
        {row.strand !== null && <span className="cell-sub">{row.strand}</span>}
      </div>
      <div role="gridcell" className="col-grade">
        {gradeText(row.grade)}
      </div>
      <div role="gridcell" className="col-status">
        <StatusChip status={row.status} />
        {row.needsModule !== null && <span className="cell-sub">needs {row.needsModule}</span>}
      </div>
      <div role="gridcell" className="col-review">
        <ReviewChip review={row.review} />
      </div>
      <div role="gridcell" className="col-flags" title={row.flags.join(', ')}>
        {row.flags.length === 0 ? '' : row.flags.map((f) => <span key={f} className="flag-chip">{f}</span>)}
      </div>
      <div role="gridcell" className="col-accept">
        {percentText(row.acceptance)}
        {row.reproducesOriginal === false && (
          <span className="cell-sub cell-warn" title="The program does not return the original answer on the original numbers">
            ≠ original
          </span>
        )}
      </div>
      <div role="gridcell" className="col-problem">
        <span className="problem-clip">
          {row.snippet === null ? (
            <MathText text={row.problem} />
          ) : ( snippetPieces(row.snippet).map((p, i) => (p.mark ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))
          )}
        </span>
      </div>
    </>
  );
}
