/**
 * Which pages of rows the virtualized table needs, and where a row lives: pure arithmetic, so the
 * table fetches exactly the pages that scroll into view (and a little around them) and nothing twice.
 */
export const PAGE_SIZE = 100;

/** Page index holding row `index`. */
export function pageOf(index: number, pageSize = PAGE_SIZE): number {
  return Math.floor(index / pageSize);
}

/**
 * Pages covering rows `first..last` (inclusive, as the virtualizer reports them), clamped to the
 * rows that exist (`total`; unknown before the first page: null → only page 0 can be asked for).
 */
export function pagesForRange(first: number, last: number, total: number | null, pageSize = PAGE_SIZE): number[] {
  if (last < first) return [];
  const lastRow = total === null ? pageSize - 1 : Math.min(last, total - 1);
  if (lastRow < 0 || first > lastRow) return total === null ? [0] : [];
  const pages: number[] = [];
  for (let p = pageOf(Math.max(0, first), pageSize); p <= pageOf(lastRow, pageSize); p++) pages.push(p);
  return pages;
}

/** The pages of `wanted` neither loaded nor on their way. */
export function pagesToFetch(wanted: readonly number[], loaded: ReadonlySet<number>, inFlight: ReadonlySet<number>): number[] {
  return wanted.filter((p) => !loaded.has(p) && !inFlight.has(p));
}

/** A cache of fetched pages of one view; a new view (filter or sort) starts a new cache. */
export class PageCache<Row> {
  private readonly pages = new Map<number, Row[]>();
  private readonly pending = new Set<number>();
  /** Rows in the whole view, from the first answer. */
  total: number | null = null;

  constructor(readonly pageSize = PAGE_SIZE) {}

  row(index: number): Row | undefined {
    return this.pages.get(pageOf(index, this.pageSize))?.[index % this.pageSize];
  }

  /** Marks and returns the pages to ask for so that rows `first..last` are shown. */
  claim(first: number, last: number): number[] {
    const wanted = pagesForRange(first, last, this.total, this.pageSize);
    const todo = pagesToFetch(wanted, new Set(this.pages.keys()), this.pending);
    for (const p of todo) this.pending.add(p);
    return todo;
  }

  store(page: number, rows: Row[], total: number): void {
    this.pending.delete(page);
    this.pages.set(page, rows);
    this.total = total;
  }

  /** A failed fetch may be retried when the rows come into view again. */
  release(page: number): void {
    this.pending.delete(page);
  }

  get loadedPages(): number {
    return this.pages.size;
  }
}
