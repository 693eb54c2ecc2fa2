/**
 * Sorting and list-request building for the Team runs table (pure logic).
 */
import { IListQuery } from '../api';

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

/** Is *error* (a server message) about the sort parameter? */
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
