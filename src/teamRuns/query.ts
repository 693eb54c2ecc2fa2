/**
 * Sorting and list-request building for the Team runs table (pure logic).
 */
import { IListQuery, ISnapshotSummary } from '../api';

export interface ISortState {
  /** Server sort key of the column: `created`, `author`, `param.lr`, `metric.accuracy`… */
  key: string;
  descending: boolean;
}

export const DEFAULT_SORT: ISortState = { key: 'created', descending: true };

/** The server's sort parameter, e.g. `-metric.accuracy` (documented spelling). */
export function sortParam(sort: ISortState): string {
  return `${sort.descending ? '-' : ''}${sort.key}`;
}

/** Parse a sort parameter back (`param:lr`, the store index's spelling, too). */
export function parseSort(value: string): ISortState {
  const descending = value.startsWith('-');
  const key = value.replace(/^[-+]/, '').replace(/^(param|metric):/, '$1.');
  return { key: key || 'created', descending };
}

/** Click on a column header: flip the direction of the current sort, else start a new one. */
export function nextSort(
  current: ISortState,
  key: string,
  numeric: boolean
): ISortState {
  if (current.key === key) {
    return { key, descending: !current.descending };
  }
  return { key, descending: numeric };
}

export function isDefaultSort(sort: ISortState): boolean {
  return sort.key === DEFAULT_SORT.key && sort.descending;
}

/** The list request for one page of the table. */
export function buildListQuery(options: {
  q: string;
  sort: ISortState;
  limit: number;
  cursor?: string | null;
}): IListQuery {
  const query: IListQuery = { limit: options.limit };
  const q = normalizeQuery(options.q);
  if (q) {
    query.q = q;
  }
  if (!isDefaultSort(options.sort)) {
    query.sort = sortParam(options.sort);
  } else {
    query.sort = '-created';
  }
  if (options.cursor) {
    query.cursor = options.cursor;
  }
  return query;
}

/** The live-update request: everything at or after the newest id seen, same filter. */
export function buildSinceQuery(options: {
  q: string;
  since: string;
  limit: number;
}): IListQuery {
  const query: IListQuery = {
    since: options.since,
    limit: options.limit,
    sort: '-created'
  };
  const q = normalizeQuery(options.q);
  if (q) {
    query.q = q;
  }
  return query;
}

/** Collapse whitespace; the server parses the rest. */
export function normalizeQuery(q: string): string {
  return q.trim().replace(/\s+/g, ' ');
}

/** Quote a value for the query language if it has spaces or quotes. */
export function quoteValue(value: string): string {
  if (/^[^\s"]+$/.test(value)) {
    return value;
  }
  return `"${value.replace(/(["\\])/g, '\\$1')}"`;
}

/** Add (or replace) a `field:value` term in *q*, e.g. from "filter by this author". */
export function withTerm(q: string, field: string, value: string): string {
  const term = `${field}:${quoteValue(value)}`;
  const pattern = new RegExp(
    `(^|\\s)${field}:("(?:[^"\\\\]|\\\\.)*"|\\S+)`,
    'g'
  );
  const stripped = normalizeQuery(q.replace(pattern, ' '));
  return stripped ? `${stripped} ${term}` : term;
}

/** A row's value under sort key *key*, as the server's index orders it (null: none). */
export function sortValue(
  row: ISnapshotSummary,
  key: string
): string | number | null {
  switch (key) {
    case 'created':
      return row.id;
    case 'author':
      return row.author?.username ?? '';
    case 'notebook':
      return row.notebook?.path ?? '';
    case 'message':
      return row.message ?? '';
    default:
      break;
  }
  const dot = key.indexOf('.');
  const values = key.startsWith('param.') ? row.params : row.metrics;
  const v = values?.[key.slice(dot + 1)];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** The row order of *sort*: by value (rows without one last), then by id, same direction. */
export function compareRows(
  sort: ISortState
): (a: ISnapshotSummary, b: ISnapshotSummary) => number {
  const sign = sort.descending ? -1 : 1;
  const cmp = (x: string | number, y: string | number) =>
    x < y ? -sign : x > y ? sign : 0;
  return (a, b) => {
    const va = sortValue(a, sort.key);
    const vb = sortValue(b, sort.key);
    if (va === null || vb === null) {
      if (va !== vb) {
        return va === null ? 1 : -1;
      }
    } else if (va !== vb) {
      return cmp(va, vb);
    }
    return cmp(a.id, b.id);
  };
}

/**
 * *rows* (in *sort* order) with *items* inserted where *sort* puts them; *at*:
 * the new rows' indices, ascending.
 */
export function insertSorted(
  rows: ReadonlyArray<ISnapshotSummary>,
  items: ReadonlyArray<ISnapshotSummary>,
  sort: ISortState
): { rows: ISnapshotSummary[]; at: number[] } {
  const compare = compareRows(sort);
  const out = [...rows];
  for (const item of [...items].sort(compare)) {
    let lo = 0;
    let hi = out.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compare(out[mid], item) <= 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    out.splice(lo, 0, item);
  }
  const added = new Set(items.map(r => r.id));
  const at: number[] = [];
  out.forEach((r, i) => {
    if (added.has(r.id)) {
      at.push(i);
    }
  });
  return { rows: out, at };
}
