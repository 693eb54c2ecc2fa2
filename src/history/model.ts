/**
 * State of the history panel, independent of rendering (unit-tested):
 * the followed notebook, its snapshots, loading/error state, selection and polling.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import { Poll } from '@lumino/polling';
import { ISignal, Signal } from '@lumino/signaling';

import {
  IAuthor,
  ILatestVerdicts,
  ISnapshotSummary,
  SnapshotClient
} from '../api';
import { isVerdict, Verdict } from '../common';
import { groupByDay, IDayGroup, orderForDiff } from './format';

export type LoadState = 'idle' | 'loading' | 'ready' | 'error';

/** Snapshots fetched per page; a refresh re-reads as many as are shown. */
export const PAGE_SIZE = 200;
const MAX_LIMIT = 1000;

/** What a click did: plain selects one, Ctrl/Cmd toggles, Shift extends a range. */
export interface IClickModifiers {
  toggle?: boolean;
  range?: boolean;
}

export class HistoryModel {
  constructor(
    readonly api: Pick<SnapshotClient, 'list' | 'latestVerdicts'> & {
      whoami?: () => Promise<IAuthor>;
    }
  ) {}

  get changed(): ISignal<this, void> {
    return this._changed;
  }
  get notebookPath(): string | null {
    return this._path;
  }
  get items(): ISnapshotSummary[] {
    return this._items;
  }
  get state(): LoadState {
    return this._state;
  }
  get error(): string {
    return this._error;
  }
  /** Who the server thinks we are (null until known). */
  get me(): IAuthor | null {
    return this._me;
  }
  get isDisposed(): boolean {
    return this._disposed;
  }

  /** Snapshots grouped by local day, newest first. */
  groups(
    now: Date = new Date(),
    trans?: TranslationBundle
  ): IDayGroup<ISnapshotSummary>[] {
    return groupByDay(this._items, now, trans);
  }

  /** The latest re-run verdict of a snapshot, if it was ever re-run. */
  verdictOf(id: string): Verdict | null {
    const verdict = this._verdicts[id]?.verdict;
    return isVerdict(verdict) ? verdict : null;
  }

  find(id: string): ISnapshotSummary | undefined {
    return this._items.find(item => item.id === id);
  }

  /** Whether the current user may delete this snapshot (the server still checks). */
  isOwn(item: ISnapshotSummary): boolean {
    if (item.can_delete !== undefined) {
      return item.can_delete; // the server's own rule, from the list
    }
    return !!this._me && item.author?.username === this._me.username;
  }

  async loadIdentity(): Promise<void> {
    if (!this.api.whoami) {
      return;
    }
    try {
      this._me = await this.api.whoami();
      this._changed.emit();
    } catch {
      this._me = null; // delete stays hidden; the server would refuse anyway
    }
  }

  async setNotebook(path: string | null): Promise<void> {
    if (path === this._path) {
      return;
    }
    this._path = path;
    this._items = [];
    this._cursor = null;
    this._selected = [];
    this._anchor = null;
    await this.refresh();
  }

  /**
   * Reload the list. A background refresh (poll) keeps the current list on screen
   * and only reports an error when there is nothing to show.
   */
  async refresh(options: { background?: boolean } = {}): Promise<void> {
    if (!this._path) {
      this._state = 'idle';
      this._changed.emit();
      return;
    }
    const path = this._path;
    if (!options.background || this._state !== 'ready') {
      this._state = 'loading';
      this._changed.emit();
    }
    try {
      const limit = Math.min(
        MAX_LIMIT,
        Math.max(PAGE_SIZE, this._items.length)
      );
      const [page, verdicts] = await Promise.all([
        this.api.list({ notebook: path, limit }),
        this._loadVerdicts()
      ]);
      if (path !== this._path || this._disposed) {
        return; // the user switched notebooks while we waited
      }
      this._verdicts = verdicts;
      this._items = page.items ?? [];
      this._cursor = page.cursor ?? null;
      const ids = new Set(this._items.map(i => i.id));
      this._selected = this._selected.filter(id => ids.has(id));
      if (this._anchor && !ids.has(this._anchor)) {
        this._anchor = null;
      }
      this._state = 'ready';
      this._error = '';
    } catch (error) {
      if (path !== this._path || this._disposed) {
        return;
      }
      const message = error instanceof Error ? error.message : String(error);
      if (options.background && this._state === 'ready') {
        this._error = message; // keep showing what we have
      } else {
        this._state = 'error';
        this._error = message;
      }
    }
    this._changed.emit();
  }

  /** One request per refresh for all verdicts; if it fails, the last ones stay. */
  private async _loadVerdicts(): Promise<ILatestVerdicts> {
    try {
      return await this.api.latestVerdicts();
    } catch {
      return this._verdicts;
    }
  }

  /** Whether older snapshots exist beyond those shown. */
  get hasMore(): boolean {
    return !!this._cursor;
  }

  /** Append the next page of older snapshots. */
  async loadMore(): Promise<void> {
    const path = this._path;
    const cursor = this._cursor;
    if (!path || !cursor || this._loadingMore) {
      return;
    }
    this._loadingMore = true;
    try {
      const page = await this.api.list({
        notebook: path,
        limit: PAGE_SIZE,
        cursor
      });
      if (path !== this._path || this._disposed) {
        return;
      }
      const known = new Set(this._items.map(i => i.id));
      this._items = [
        ...this._items,
        ...(page.items ?? []).filter(i => !known.has(i.id))
      ];
      this._cursor = page.cursor ?? null;
      this._error = '';
    } catch (error) {
      this._error = error instanceof Error ? error.message : String(error);
    } finally {
      this._loadingMore = false;
    }
    this._changed.emit();
  }

  /** Remove one item locally (after a successful delete). */
  removeItem(id: string): void {
    this._items = this._items.filter(item => item.id !== id);
    this._selected = this._selected.filter(s => s !== id);
    this._changed.emit();
  }

  // ---- selection -------------------------------------------------------

  get selected(): readonly string[] {
    return this._selected;
  }

  isSelected(id: string): boolean {
    return this._selected.includes(id);
  }

  /** Checkbox semantics: add or remove one id, keeping the others. */
  toggle(id: string): void {
    if (this._selected.includes(id)) {
      this._selected = this._selected.filter(s => s !== id);
    } else {
      this._selected = [...this._selected, id];
    }
    this._anchor = id;
    this._changed.emit();
  }

  /** Click semantics (list order = display order, newest first). */
  click(id: string, modifiers: IClickModifiers = {}): void {
    if (modifiers.range && this._anchor) {
      const order = this.displayOrder();
      const a = order.indexOf(this._anchor);
      const b = order.indexOf(id);
      if (a >= 0 && b >= 0) {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const range = order.slice(from, to + 1);
        const kept = modifiers.toggle ? this._selected : [];
        this._selected = [...kept, ...range.filter(r => !kept.includes(r))];
        this._changed.emit();
        return;
      }
    }
    if (modifiers.toggle) {
      this.toggle(id);
      return;
    }
    this._selected = [id];
    this._anchor = id;
    this._changed.emit();
  }

  clearSelection(): void {
    if (this._selected.length) {
      this._selected = [];
      this._changed.emit();
    }
  }

  /** The two selected snapshots as (older, newer), or null unless exactly two. */
  diffPair(): [ISnapshotSummary, ISnapshotSummary] | null {
    if (this._selected.length !== 2) {
      return null;
    }
    const a = this.find(this._selected[0]);
    const b = this.find(this._selected[1]);
    return a && b ? orderForDiff(a, b) : null;
  }

  /** Ids in the order they are displayed (newest first). */
  displayOrder(): string[] {
    return this.groups().flatMap(g => g.items.map(i => i.id));
  }

  // ---- polling ---------------------------------------------------------

  /** Poll only while this returns true (e.g. while the panel is visible). */
  pollWhen: (() => boolean) | null = null;

  /** Refresh every `seconds` while the page is visible (0 stops). */
  setPollInterval(seconds: number): void {
    const interval = Math.max(2, seconds) * 1000;
    if (!seconds || seconds <= 0) {
      this._poll?.dispose();
      this._poll = null;
      return;
    }
    if (this._poll) {
      this._poll.frequency = { ...this._poll.frequency, interval };
      return;
    }
    this._poll = new Poll({
      auto: true,
      factory: async () => {
        if (this.pollWhen && !this.pollWhen()) {
          return; // nobody is looking: skip this round
        }
        await this.refresh({ background: true });
      },
      frequency: { interval, backoff: true, max: 5 * interval },
      name: 'jupyter-ext:history',
      standby: 'when-hidden'
    });
  }

  dispose(): void {
    if (this._disposed) {
      return;
    }
    this._disposed = true;
    this._poll?.dispose();
    this._poll = null;
    Signal.clearData(this);
  }

  private _path: string | null = null;
  private _items: ISnapshotSummary[] = [];
  private _verdicts: ILatestVerdicts = {};
  private _cursor: string | null = null;
  private _loadingMore = false;
  private _state: LoadState = 'idle';
  private _error = '';
  private _me: IAuthor | null = null;
  private _selected: string[] = [];
  private _anchor: string | null = null;
  private _poll: Poll | null = null;
  private _disposed = false;
  private _changed = new Signal<this, void>(this);
}
