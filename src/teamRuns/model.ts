/**
 * State of the Team runs table, independent of rendering (unit-tested):
 * loading pages (cursor paging) for the filter and sort, the selection, live
 * updates (new runs since the newest seen, comment counts) and verdicts.
 */

import { ApiError, ILatestVerdicts, ISnapshotSummary } from '../api';
import { ITeamRunsApi } from '../api';
import { IColumnLayout } from './columns';
import {
  buildListQuery,
  buildSinceQuery,
  DEFAULT_SORT,
  insertSorted,
  isDefaultSort,
  ISortState,
  normalizeQuery
} from './query';
import { RowSelection } from './selection';
import { TeamRunsRows } from './rowsState';

export type LoadState = 'idle' | 'loading' | 'ready' | 'error';

export interface ITeamRunsModelOptions {
  api: ITeamRunsApi;
  pageSize?: number;
  layout?: IColumnLayout;
  /** The latest re-run verdicts (asked once per loaded page); none when absent. */
  verdicts?: () => Promise<ILatestVerdicts>;
}

/** Query terms another view contributed, shown as a removable chip. */
export interface IExtraFilter {
  source: string;
  terms: readonly string[];
  label: string;
}

export class TeamRunsModel extends TeamRunsRows {
  constructor(options: ITeamRunsModelOptions) {
    super(options.layout);
    this.api = options.api;
    this.pageSize = options.pageSize ?? 200;
    this._verdictsApi = options.verdicts ?? null;
    if (this._layout.sort) {
      this._sort = { ...this._layout.sort };
      this._shownSort = { ...this._layout.sort };
    }
  }

  readonly api: ITeamRunsApi;
  readonly selection = new RowSelection();
  pageSize: number;

  get state(): LoadState {
    return this._state;
  }
  /** A load error other than a bad query (server unreachable…). */
  get error(): string {
    return this._error;
  }
  /** The server's message for a bad query (400), shown under the filter box. */
  get queryError(): string {
    return this._queryError;
  }
  get query(): string {
    return this._q;
  }
  /** Terms from other views, ANDed with the typed query. */
  get extraFilters(): ReadonlyArray<IExtraFilter> {
    return [...this._extra.values()];
  }
  /** The query sent to the server: typed text and every extra term. */
  get effectiveQuery(): string {
    const extra = [...this._extra.values()].flatMap(f => f.terms);
    return normalizeQuery([this._q, ...extra].join(' '));
  }
  get sort(): ISortState {
    return this._sort;
  }
  /**
   * The order of the rows shown: the requested sort once its first page has
   * arrived (the header marks how the rows it heads are ordered).
   */
  get shownSort(): ISortState {
    return this._shownSort;
  }
  /** More pages are available. */
  get hasMore(): boolean {
    return this._cursor !== null;
  }
  get loadingMore(): boolean {
    return this._loadingMore;
  }
  /** Runs that arrived while the user was away from the top / sorted otherwise. */
  get pending(): ReadonlyArray<ISnapshotSummary> {
    return this._pending;
  }

  /** Whether the view is scrolled to the top (set by the view; live rows then go straight in). */
  atTop = true;

  async setQuery(q: string): Promise<void> {
    const next = normalizeQuery(q);
    if (next === this._q && this._state !== 'idle') {
      return;
    }
    this._q = next;
    await this.reload();
  }

  /** Replace the terms of *source* (none: remove its chip), then reload. */
  async setExtraFilter(
    source: string,
    terms: readonly string[],
    label: string
  ): Promise<void> {
    const clean = terms.map(normalizeQuery).filter(Boolean);
    const old = this._extra.get(source);
    if (!clean.length && !old) {
      return;
    }
    if (clean.length) {
      this._extra.set(source, { source, terms: clean, label });
    } else {
      this._extra.delete(source);
    }
    await this.reload();
  }

  async setSort(sort: ISortState): Promise<void> {
    this._sort = { ...sort };
    this._layout = { ...this._layout, sort: { ...sort } };
    this._layoutChanged.emit(this._layout);
    await this.reload();
  }

  /** Load the first page again (new filter/sort, or refresh). */
  async reload(): Promise<void> {
    const generation = ++this._generation;
    this._state = 'loading';
    this._loadingMore = false;
    this._changed.emit();
    try {
      // Sorted by something other than time: learn the newest id *before* the
      // page, so a run landing in between is in the page or found by the poll
      // (asked after, it would be neither).
      // A bad query fails on that first request: it is the only one sent.
      const newest = isDefaultSort(this._sort) ? [] : await this._newestRuns();
      const page = await this._list(null);
      if (generation !== this._generation) {
        return;
      }
      this._bumpNewest(newest);
      this._queryError = '';
      this._error = '';
      this._rows = [];
      this._ids.clear();
      this._pending = [];
      this._append(page.items);
      this._cursor = page.cursor ?? null;
      this._shownSort = { ...this._sort };
      this._state = 'ready';
      void this._loadVerdicts(generation);
    } catch (error) {
      if (generation !== this._generation) {
        return;
      }
      this._fail(error);
    }
    this._changed.emit();
  }

  /** Load the next page (infinite scroll); a no-op while loading or at the end. */
  async loadMore(): Promise<void> {
    if (!this._cursor || this._loadingMore || this._state !== 'ready') {
      return;
    }
    const generation = this._generation;
    this._loadingMore = true;
    this._changed.emit();
    try {
      const page = await this._list(this._cursor);
      if (generation !== this._generation) {
        return;
      }
      this._append(page.items);
      this._cursor = page.cursor ?? null;
      void this._loadVerdicts(generation);
    } catch (error) {
      if (generation !== this._generation) {
        return;
      }
      this._error = error instanceof Error ? error.message : String(error);
    } finally {
      if (generation === this._generation) {
        this._loadingMore = false;
      }
    }
    this._changed.emit();
  }

  /**
   * Look for runs newer than the newest seen (the live poll). Shown at once
   * when the table is sorted newest-first and scrolled to the top, else
   * collected in `pending` for the "N new runs — show" indicator.
   * Returns how many new runs were found.
   */
  async checkNew(): Promise<number> {
    if (this._state !== 'ready' || this._queryError) {
      return 0;
    }
    const generation = this._generation;
    const since = this._newest;
    const q = this.effectiveQuery;
    const page = since
      ? await this.api.list(buildSinceQuery({ q, since, limit: this.pageSize }))
      : await this.api.list(
          buildListQuery({
            q,
            sort: DEFAULT_SORT,
            limit: this.pageSize
          })
        );
    if (generation !== this._generation) {
      return 0;
    }
    const known = new Set(this._pending.map(p => p.id));
    const fresh = page.items.filter(
      r =>
        !this._ids.has(r.id) &&
        !known.has(r.id) &&
        (since === null || r.id > since)
    );
    if (fresh.length === 0) {
      return 0;
    }
    fresh.sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
    this._bumpNewest(fresh);
    if (isDefaultSort(this._sort) && this.atTop && this._pending.length === 0) {
      this._prepend(fresh);
    } else {
      this._pending = [...fresh, ...this._pending];
      this._changed.emit();
    }
    return fresh.length;
  }

  /**
   * The indicator was clicked: put the pending runs where the current sort
   * puts them. Sort, filter, selection and the loaded rows are kept.
   */
  async showPending(): Promise<void> {
    const pending = this._pending.filter(r => !this._ids.has(r.id));
    this._pending = [];
    if (!pending.length) {
      this._changed.emit();
      return;
    }
    for (const r of pending) {
      this._ids.add(r.id);
    }
    const { rows, at } = insertSorted(this._rows, pending, this._shownSort);
    this._rows = rows;
    this._fresh = new Set([...this._fresh, ...pending.map(r => r.id)]);
    this._updateColumns(pending);
    this._changed.emit();
    this._rowsInserted.emit(at);
  }

  /**
   * Bring the comment counts of the loaded and pending rows up to date (the
   * live poll, beside `checkNew`: teammates comment on runs already shown).
   * Only rows whose count changed are patched. Returns how many rows were.
   */
  async checkComments(): Promise<number> {
    if (
      this._state !== 'ready' ||
      (!this._rows.length && !this._pending.length)
    ) {
      return 0;
    }
    const generation = this._generation;
    const counts = await this.api.commentCounts();
    if (generation !== this._generation) {
      return 0;
    }
    const withCount = (r: ISnapshotSummary): ISnapshotSummary | null => {
      const n = counts[r.id] ?? 0;
      return (r.comment_count ?? 0) === n ? null : { ...r, comment_count: n };
    };
    this._pending = this._pending.map(r => withCount(r) ?? r);
    const patched: string[] = [];
    this._rows.forEach((r, i) => {
      const next = withCount(r);
      if (next) {
        this._rows[i] = next;
        patched.push(r.id);
      }
    });
    if (patched.length) {
      this._rowsUpdated.emit(patched);
    }
    return patched.length;
  }

  private async _list(cursor: string | null) {
    return this.api.list(
      buildListQuery({
        q: this.effectiveQuery,
        sort: this._sort,
        limit: this.pageSize,
        cursor
      })
    );
  }

  /** The newest run matching the filter, for live updates under another sort. */
  private async _newestRuns(): Promise<ReadonlyArray<ISnapshotSummary>> {
    try {
      const page = await this.api.list(
        buildListQuery({ q: this.effectiveQuery, sort: DEFAULT_SORT, limit: 1 })
      );
      return page.items;
    } catch (error) {
      if (error instanceof ApiError && error.status === 400) {
        throw error; // a bad query: the page would fail the same way
      }
      return []; // live updates just start from what is loaded
    }
  }

  /** One request per loaded page: the verdicts of the runs re-run so far. */
  private async _loadVerdicts(generation: number): Promise<void> {
    if (!this._verdictsApi) {
      return;
    }
    let all: ILatestVerdicts;
    try {
      all = await this._verdictsApi();
    } catch {
      return; // a decoration: the table works without it
    }
    if (generation !== this._generation) {
      return;
    }
    const changed = this._rows
      .map(r => r.id)
      .filter(id => all[id]?.verdict !== this._verdicts[id]?.verdict);
    this._verdicts = { ...all };
    if (changed.length) {
      this._rowsUpdated.emit(changed);
    }
  }

  private _fail(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    if (
      error instanceof ApiError &&
      error.status === 400 &&
      this.effectiveQuery
    ) {
      // A bad query: keep the rows we had, explain under the filter box.
      this._queryError = message;
      this._cursor = null;
      this._state = 'ready';
      return;
    }
    this._error = message;
    this._state = 'error';
  }

  private _cursor: string | null = null;
  private _state: LoadState = 'idle';
  private _error = '';
  private _queryError = '';
  private _q = '';
  private _sort: ISortState = { ...DEFAULT_SORT };
  private _shownSort: ISortState = { ...DEFAULT_SORT };
  private _loadingMore = false;
  private _generation = 0;
  private _pending: ISnapshotSummary[] = [];
  private _extra = new Map<string, IExtraFilter>();
  private _verdictsApi: (() => Promise<ILatestVerdicts>) | null;
}
