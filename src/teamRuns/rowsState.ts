/**
 * The rows and columns of the Team runs table as loaded so far, and the
 * signals a view repaints on (the loading and live updates are in model.ts).
 */
import { ISignal, Signal } from '@lumino/signaling';

import { ILatestVerdicts, ISnapshotSummary } from '../api';
import {
  arrangeColumns,
  IColumn,
  IColumnLayout,
  unionColumns
} from './columns';
import { differingColumns, withSparklines } from './layout';

export class TeamRunsRows {
  constructor(layout?: IColumnLayout) {
    this._layout = layout ?? { order: [], hidden: [] };
    this._allColumns = unionColumns([]);
    this._arrange();
  }

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

  /** Pending runs were inserted at these indices (the view keeps its scroll). */
  get rowsInserted(): ISignal<this, number[]> {
    return this._rowsInserted;
  }

  /** Loaded rows were patched (same ids, same order): repaint just those. */
  get rowsUpdated(): ISignal<this, string[]> {
    return this._rowsUpdated;
  }

  get rows(): ReadonlyArray<ISnapshotSummary> {
    return this._rows;
  }

  /** The latest re-run verdict of a loaded run, if it was ever re-run. */
  verdict(id: string): ILatestVerdicts[string] | undefined {
    return this._verdicts[id];
  }

  get newestId(): string | null {
    return this._newest;
  }

  get layout(): IColumnLayout {
    return this._layout;
  }

  /** All known columns (params/metrics union, curves, run facts), default order. */
  get allColumns(): ReadonlyArray<IColumn> {
    return withSparklines(this._allColumns, this._layout);
  }

  /** Visible columns in the user's order. */
  get columns(): ReadonlyArray<IColumn> {
    return this._visible;
  }

  /** Ids of the rows recently added live (highlighted briefly). */
  get fresh(): ReadonlySet<string> {
    return this._fresh;
  }

  rowIds(): string[] {
    return this._rows.map(r => r.id);
  }

  row(id: string): ISnapshotSummary | undefined {
    return this._rows.find(r => r.id === id);
  }

  setLayout(layout: IColumnLayout, persist = true): void {
    this._layout = {
      ...layout,
      order: [...layout.order],
      hidden: [...layout.hidden],
      sort: layout.sort ?? this._layout.sort
    };
    this._arrange();
    if (persist) {
      this._layoutChanged.emit(this._layout);
    }
    this._changed.emit();
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

  protected _prepend(items: ISnapshotSummary[]): void {
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

  protected _append(items: ReadonlyArray<ISnapshotSummary>): void {
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

  protected _bumpNewest(items: ReadonlyArray<ISnapshotSummary>): void {
    for (const r of items) {
      if (this._newest === null || r.id > this._newest) {
        this._newest = r.id;
      }
    }
  }

  protected _updateColumns(added: ReadonlyArray<ISnapshotSummary>): void {
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
    this._arrange();
  }

  protected _arrange(): void {
    const visible = arrangeColumns(this.allColumns, this._layout);
    this._visible = this._layout.differOnly
      ? differingColumns(this._rows, visible)
      : visible;
  }

  protected _rows: ISnapshotSummary[] = [];
  protected _ids = new Set<string>();
  protected _newest: string | null = null;
  protected _fresh = new Set<string>();
  protected _layout: IColumnLayout;
  protected _allColumns: IColumn[];
  protected _visible: IColumn[] = [];
  protected _changed = new Signal<this, void>(this);
  protected _layoutChanged = new Signal<this, IColumnLayout>(this);
  protected _rowsPrepended = new Signal<this, string[]>(this);
  protected _rowsInserted = new Signal<this, number[]>(this);
  protected _verdicts: ILatestVerdicts = {};
  protected _rowsUpdated = new Signal<this, string[]>(this);
}
