/**
 * Row selection of the Team runs table: click, Ctrl/Cmd-click, Shift-click and
 * keyboard, over row ids (so selections survive re-sorting and paging).
 */
import { ISignal, Signal } from '@lumino/signaling';

export class RowSelection {
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /** Selected ids in the order they were selected. */
  get ids(): string[] {
    return [...this._ids];
  }

  get size(): number {
    return this._ids.size;
  }

  get anchor(): string | null {
    return this._anchor;
  }

  has(id: string): boolean {
    return this._ids.has(id);
  }

  /** Plain click: select only *id*. */
  select(id: string): void {
    this._ids = new Set([id]);
    this._anchor = id;
    this._changed.emit();
  }

  /** Ctrl/Cmd-click, checkbox or Space: toggle *id*, make it the anchor. */
  toggle(id: string): void {
    const next = new Set(this._ids);
    if (next.has(id)) {
      next.delete(id);
    } else {
      next.add(id);
    }
    this._ids = next;
    this._anchor = id;
    this._changed.emit();
  }

  /**
   * Shift-click: select the rows between the anchor and *id* in *order*
   * (the ids as currently displayed). With *additive* (Ctrl+Shift) the range
   * is added to the selection, else it replaces it.
   */
  extend(id: string, order: ReadonlyArray<string>, additive = false): void {
    const anchor = this._anchor ?? id;
    const a = order.indexOf(anchor);
    const b = order.indexOf(id);
    if (a < 0 || b < 0) {
      this.toggle(id);
      return;
    }
    const [from, to] = a <= b ? [a, b] : [b, a];
    const next = additive ? new Set(this._ids) : new Set<string>();
    for (let i = from; i <= to; i++) {
      next.add(order[i]);
    }
    this._ids = next;
    this._changed.emit();
  }

  /** Select every id in *order* (Ctrl+A over the loaded rows). */
  selectAll(order: ReadonlyArray<string>): void {
    this._ids = new Set(order);
    this._changed.emit();
  }

  clear(): void {
    if (this._ids.size === 0) {
      return;
    }
    this._ids = new Set();
    this._anchor = null;
    this._changed.emit();
  }

  private _ids = new Set<string>();
  private _anchor: string | null = null;
  private _changed = new Signal<this, void>(this);
}
