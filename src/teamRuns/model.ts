/**
 * State of the Team runs table, independent of rendering (unit-tested):
 * the loaded rows (cursor paging), filter and sort, the column union and
 * layout, the selection, and live updates (new runs since the newest seen,
 * comment counts).
 */
import { ISnapshotSummary } from '../api';
import { ApiError } from '../api';
import { ISignal, Signal } from '@lumino/signaling';

import { ITeamRunsApi } from '../api';
import {
  arrangeColumns,
  IColumn,
  IColumnLayout,
  unionColumns
} from './columns';
import {
  buildListQuery,
  buildSinceQuery,
  DEFAULT_SORT,
  isDefaultSort,
  ISortState,
  normalizeQuery
} from './query';
import { RowSelection } from './selection';

export type LoadState = 'idle' | 'loading' | 'ready' | 'error';

export interface ITeamRunsModelOptions {
  api: ITeamRunsApi;
  pageSize?: number;
  layout?: IColumnLayout;
}

export class TeamRunsModel {
  constructor(options: ITeamRunsModelOptions) {
    this.api = options.api;
    this.pageSize = options.pageSize ?? 200;
    this._layout = options.layout ?? { order: [], hidden: [] };
    this._allColumns = unionColumns([]);
    this._visible = arrangeColumns(this._allColumns, this._layout);
  }

  readonly api: ITeamRunsApi;
  readonly selection = new RowSelection();
  pageSize: number;

  /** Rows, columns or state changed. */
  get changed(): ISignal<this, void> {
    return this._changed;
  }
  /** The user changed the column layout (persist it). */
  get layoutChanged(): ISignal<this, IColumnLayout> {
    return this._layoutChanged;
  }
  /** New rows were put at the top (the view scrolls up / highlights them). */
  get rowsPrepended(): ISignal<this, string[]> {
    return this._rowsPrepended;
  }
  /** Loaded rows were patched (same ids, same order): repaint just those. */
  get rowsUpdated(): ISignal<this, string[]> {
    return this._rowsUpdated;
  }

  get rows(): ReadonlyArray<ISnapshotSummary> {
    return this._rows;
  }
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
  get newestId(): string | null {
    return this._newest;
  }
  get layout(): IColumnLayout {
    return this._layout;
  }
  /** All known columns (fixed + union of params/metrics), default order. */
  get allColumns(): ReadonlyArray<IColumn> {
    return this._allColumns;
  }
  /** Visible columns in the user's order. */
  get columns(): ReadonlyArray<IColumn> {
    return this._visible;
  }
  /** Ids of the rows recently added live (highlighted briefly). */
  get fresh(): ReadonlySet<string> {
    return this._fresh;
  }

  /** Whether the view is scrolled to the top (set by the view; live rows then go straight in). */
  atTop = true;

  rowIds(): string[] {
    return this._rows.map(r => r.id);
  }

  row(id: string): ISnapshotSummary | undefined {
    return this._rows.find(r => r.id === id);
  }

  setLayout(layout: IColumnLayout, persist = true): void {
    this._layout = { order: [...layout.order], hidden: [...layout.hidden] };
    this._visible = arrangeColumns(this._allColumns, this._layout);
    if (persist) {
      this._layoutChanged.emit(this._layout);
    }
    this._changed.emit();
  }

  async setQuery(q: string): Promise<void> {
    const next = normalizeQuery(q);
    if (next === this._q && this._state !== 'idle') {
      return;
    }
    this._q = next;
    await this.reload();
  }

  async setSort(sort: ISortState): Promise<void> {
    this._sort = { ...sort };
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
    const page = since
      ? await this.api.list(
          buildSinceQuery({ q: this._q, since, limit: this.pageSize })
        )
      : await this.api.list(
          buildListQuery({
            q: this._q,
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

  /** The indicator was clicked: put the pending runs at the top (newest-first). */
  async showPending(): Promise<void> {
    const pending = this._pending;
    this._pending = [];
    if (!isDefaultSort(this._sort)) {
      this._sort = { ...DEFAULT_SORT };
      await this.reload();
      this._rowsPrepended.emit([]);
      return;
    }
    this._prepend(pending);
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

  /** Patch one loaded row (e.g. its comment count after a comment is added). */
  updateRow(id: string, patch: Partial<ISnapshotSummary>): void {
    const i = this._rows.findIndex(r => r.id === id);
    if (i < 0) {
      return;
    }
    this._rows[i] = { ...this._rows[i], ...patch };
    this._rowsUpdated.emit([id]);
  }

  clearFresh(): void {
    if (this._fresh.size) {
      this._fresh = new Set();
      this._changed.emit();
    }
  }

  private _prepend(items: ISnapshotSummary[]): void {
    const add = items.filter(r => !this._ids.has(r.id));
    for (const r of add) {
      this._ids.add(r.id);
    }
    this._rows = [...add, ...this._rows];
    this._fresh = new Set([...this._fresh, ...add.map(r => r.id)]);
    this._updateColumns(add);
    this._changed.emit();
    this._rowsPrepended.emit(add.map(r => r.id));
  }

  private async _list(cursor: string | null) {
    return this.api.list(
      buildListQuery({
        q: this._q,
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
        buildListQuery({ q: this._q, sort: DEFAULT_SORT, limit: 1 })
      );
      return page.items;
    } catch {
      return []; // live updates just start from what is loaded
    }
  }

  private _append(items: ReadonlyArray<ISnapshotSummary>): void {
    const add: ISnapshotSummary[] = [];
    for (const r of items) {
      if (!this._ids.has(r.id)) {
        this._ids.add(r.id);
        add.push(r);
      }
    }
    this._rows = this._rows.length ? this._rows.concat(add) : add;
    this._bumpNewest(add);
    this._updateColumns(add);
  }

  private _bumpNewest(items: ReadonlyArray<ISnapshotSummary>): void {
    for (const r of items) {
      if (this._newest === null || r.id > this._newest) {
        this._newest = r.id;
      }
    }
  }

  private _updateColumns(added: ReadonlyArray<ISnapshotSummary>): void {
    // Cheap check first: only rebuild when a row brings a new name.
    const known = new Set(
      this._allColumns.filter(c => c.kind !== 'run').map(c => c.id)
    );
    let grew = false;
    for (const r of added) {
      for (const k of Object.keys(r.params ?? {})) {
        if (!known.has(`param.${k}`)) {
          grew = true;
          break;
        }
      }
      for (const k of grew ? [] : Object.keys(r.metrics ?? {})) {
        if (!known.has(`metric.${k}`)) {
          grew = true;
          break;
        }
      }
      if (grew) {
        break;
      }
    }
    if (grew) {
      this._allColumns = unionColumns(added, this._allColumns);
    }
    this._visible = arrangeColumns(this._allColumns, this._layout);
  }

  private _fail(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof ApiError && error.status === 400 && this._q) {
      // A bad query: keep the rows we had, explain under the filter box.
      this._queryError = message;
      this._cursor = null;
      this._state = 'ready';
      return;
    }
    this._error = message;
    this._state = 'error';
  }

  private _rows: ISnapshotSummary[] = [];
  private _ids = new Set<string>();
  private _cursor: string | null = null;
  private _state: LoadState = 'idle';
  private _error = '';
  private _queryError = '';
  private _q = '';
  private _sort: ISortState = { ...DEFAULT_SORT };
  private _shownSort: ISortState = { ...DEFAULT_SORT };
  private _loadingMore = false;
  private _generation = 0;
  private _newest: string | null = null;
  private _pending: ISnapshotSummary[] = [];
  private _fresh = new Set<string>();
  private _layout: IColumnLayout;
  private _allColumns: IColumn[];
  private _visible: IColumn[] = [];
  private _changed = new Signal<this, void>(this);
  private _layoutChanged = new Signal<this, IColumnLayout>(this);
  private _rowsPrepended = new Signal<this, string[]>(this);
  private _rowsUpdated = new Signal<this, string[]>(this);
}
