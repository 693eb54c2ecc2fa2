/**
 * The Team runs table widget: a virtualized grid (only the visible rows are
 * in the DOM) under the filter bar. Rows and cells are built in gridCells.ts,
 * the header in gridHead.ts, the bar in gridBar.ts; keyboard, column drag and
 * resize, and the column menu have their own modules.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import { CommandRegistry } from '@lumino/commands';
import { Message } from '@lumino/messaging';
import { ISignal, Signal } from '@lumino/signaling';
import { Widget } from '@lumino/widgets';

import { defaultTrans } from '../translation';
import { enableColumnDrag, enableColumnResize } from './columnDrag';
import { addColumnCommands, openColumnMenu } from './columnMenu';
import { IColumn } from './columns';
import { GridBar } from './gridBar';
import {
  CHECK_WIDTH,
  el,
  ICellContext,
  renderCell,
  renderRow,
  ROW_HEIGHT
} from './gridCells';
import { buildScroller, renderGroupRow, renderHeadRow } from './gridHead';
import { handleGridKey } from './gridKeyboard';
import { ColumnSizer } from './gridSizer';
import { TeamRunsModel } from './model';
import { enableHeadPointer, enableRowPointer } from './gridPointer';

export { queryHint } from './gridBar';
export { ROW_HEIGHT } from './gridCells';

const OVERSCAN = 8;

export class TeamRunsGrid extends Widget {
  /**
   * *commands*: the application's registry, where the plugin added the column
   * commands (addColumnCommands) for the current table.
   */
  constructor(
    model: TeamRunsModel,
    trans: TranslationBundle = defaultTrans(),
    commands?: CommandRegistry
  ) {
    super();
    this.model = model;
    this._trans = trans;
    this.addClass('jp-snapshots-runs');
    this.id = 'jupyter-ext-team-runs';
    this.node.tabIndex = -1;

    this._bar = new GridBar(model, trans);
    this._sizer = new ColumnSizer(model, trans);
    this.node.appendChild(this._bar.node);

    // Scroller: sticky header + virtual body.
    const parts = buildScroller(trans);
    this._scroller = parts.scroller;
    this._head = parts.head;
    this._groupRow = parts.groupRow;
    this._headRow = parts.headRow;
    this._body = parts.body;
    this._footer = parts.footer;
    this.node.appendChild(this._scroller);

    this._status = el('div', 'jp-snapshots-runs-status');
    this.node.appendChild(this._status);

    const input = this._bar.input;
    input.addEventListener('keydown', event => {
      if (event.key === 'Enter') {
        event.preventDefault();
        this._bar.apply();
      } else if (event.key === 'ArrowDown') {
        event.preventDefault();
        this._scroller.focus();
      }
    });
    this._scroller.addEventListener('scroll', () => this._onScroll(), {
      passive: true
    });
    this._scroller.addEventListener('keydown', event => this._onKey(event));
    enableRowPointer(this._body, {
      model,
      setFocus: index => {
        this._setFocus(index, false);
        this._scroller.focus({ preventScroll: true });
      },
      open: id => this._openRequested.emit(id)
    });
    enableHeadPointer(this._headRow, model, (x, y, id) =>
      this.openColumnMenu(x, y, id)
    );
    enableColumnDrag(this._headRow, model);
    enableColumnResize(this._headRow, model, id => this._widthOf(id));

    model.changed.connect(this._onModelChanged, this);
    model.selection.changed.connect(this._onSelectionChanged, this);
    model.rowsPrepended.connect(this._onPrepended, this);
    model.rowsInserted.connect(this._onInserted, this);
    model.rowsUpdated.connect(this._onRowsUpdated, this);
    if (commands) {
      this._menuCommands = commands;
    } else {
      // Standalone (tests): the column commands on a registry of its own.
      this._menuCommands = new CommandRegistry();
      addColumnCommands(this._menuCommands, () => this.model, trans);
    }
    this._onModelChanged();
  }

  readonly model: TeamRunsModel;

  /** Open the details of one run (double-click, Enter). */
  get openRequested(): ISignal<this, string> {
    return this._openRequested;
  }
  /** Compare the selected runs (Enter with several selected). */
  get compareRequested(): ISignal<this, string[]> {
    return this._compareRequested;
  }

  /** The query text box (for focus/tests). */
  get filterInput(): HTMLInputElement {
    return this._bar.input;
  }

  /** The columns as drawn: the model's, with their fitted or set widths. */
  get shownColumns(): ReadonlyArray<IColumn> {
    return this._shown;
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this._bar.dispose();
    Signal.clearData(this);
    super.dispose();
  }

  /** Open the column menu at a point (also used by the toolbar "Columns" button). */
  openColumnMenu(x: number, y: number, columnId: string | null = null): void {
    openColumnMenu(this._menuCommands, this.model, this._trans, x, y, columnId);
  }

  /** Scroll to the top and focus the first row. */
  scrollToTop(): void {
    this._scroller.scrollTop = 0;
  }

  protected onAfterShow(_msg: Message): void {
    this._columnsKey = '';
    this._render();
  }

  protected onResize(_msg: Widget.ResizeMessage): void {
    this._columnsKey = '';
    this._render();
  }

  protected onActivateRequest(_msg: Message): void {
    if (this._focusIndex >= 0) {
      this._scroller.focus();
    } else {
      this._bar.input.focus();
    }
  }

  // ---------------------------------------------------------------- model events

  private _onModelChanged(): void {
    const model = this.model;
    this._bar.update();
    const n = model.rows.length;
    if (model.state === 'loading') {
      this._sizer.reset(); // a new query or sort: fit to its rows
    }
    this._bar.updateStatus(this._status, this._footer);
    this._scroller.setAttribute('aria-rowcount', String(n + 1));
    this._scroller.setAttribute(
      'aria-busy',
      model.state === 'loading' ? 'true' : 'false'
    );
    this._columnsKey = '';
    this._render(true);
  }

  private _onSelectionChanged(): void {
    // Update the rendered rows in place: replacing them would break double-click.
    const selection = this.model.selection;
    for (const node of this._rendered.values()) {
      const id = node.dataset.snapshotId ?? '';
      const selected = selection.has(id);
      node.classList.toggle('jp-mod-selected', selected);
      node.setAttribute('aria-selected', selected ? 'true' : 'false');
      const box = node.querySelector(
        '.jp-snapshots-runs-checkbox'
      ) as HTMLInputElement | null;
      if (box) {
        box.checked = selected;
      }
    }
    this._bar.updateCount();
  }

  private _onRowsUpdated(_sender: TeamRunsModel, ids: string[]): void {
    // Repaint only the cells whose content changed, in place (a live comment
    // count must not replace rows under the user's double-click or focus).
    const updated = new Set(ids);
    for (const node of this._rendered.values()) {
      const id = node.dataset.snapshotId ?? '';
      const row = updated.has(id) ? this.model.row(id) : undefined;
      if (!row) {
        continue;
      }
      this._shown.forEach((c, i) => {
        const old = node.children[i + 1] as HTMLElement | undefined;
        if (!old || old.dataset.columnId !== c.id) {
          return;
        }
        const cell = renderCell(row, c, this._ctx);
        if (!cell.isEqualNode(old)) {
          node.replaceChild(cell, old);
        }
      });
    }
  }

  private _onPrepended(_sender: TeamRunsModel, ids: string[]): void {
    if (ids.length === 0 || this.model.atTop) {
      this._scroller.scrollTop = 0;
    }
    if (this._focusIndex >= 0 && ids.length) {
      this._focusIndex += ids.length;
    }
    window.setTimeout(() => this.model.clearFresh(), 4000);
  }

  /** Runs shown where the sort puts them: the rows in view stay in view. */
  private _onInserted(_sender: TeamRunsModel, at: number[]): void {
    const head = this._head.offsetHeight;
    const firstShown = Math.floor(
      Math.max(0, this._scroller.scrollTop - head) / ROW_HEIGHT
    );
    const above = at.filter((index, k) => index - k < firstShown).length;
    if (above && this._scroller.scrollTop > 0) {
      this._scroller.scrollTop += above * ROW_HEIGHT;
    }
    if (this._focusIndex >= 0) {
      this._focusIndex += at.filter(
        (index, k) => index - k <= this._focusIndex
      ).length;
    }
    this._render(true);
    window.setTimeout(() => this.model.clearFresh(), 4000);
  }

  // ---------------------------------------------------------------- rendering

  private _widthOf(id: string): number {
    return this._shown.find(c => c.id === id)?.width ?? 96;
  }

  private _render(force = false): void {
    if (!this.isVisible && !force) {
      return;
    }
    const { columns, ctx } = this._sizer.layout(
      this.node,
      this._scroller.clientWidth || this.node.clientWidth || 1200
    );
    this._shown = columns;
    this._ctx = ctx;
    const key = [
      ...columns.map(c => `${c.id}:${c.width}`),
      ...this._ctx.pinned.keys(),
      `${this.model.shownSort.key}${this.model.shownSort.descending}`
    ].join('|');
    if (key !== this._columnsKey) {
      this._columnsKey = key;
      this._renderHead(columns);
      force = true;
    }
    const rows = this.model.rows;
    this._body.style.height = `${rows.length * ROW_HEIGHT}px`;
    const viewport = this._scroller.clientHeight || 600;
    const headHeight = this._head.offsetHeight;
    const top = Math.max(0, this._scroller.scrollTop - headHeight);
    const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(
      rows.length,
      Math.ceil((top + viewport) / ROW_HEIGHT) + OVERSCAN
    );
    // Drop rows out of range (or all, when the data changed).
    for (const [index, node] of this._rendered) {
      if (force || index < first || index >= last) {
        node.remove();
        this._rendered.delete(index);
      }
    }
    const fragment = document.createDocumentFragment();
    for (let i = first; i < last; i++) {
      if (!this._rendered.has(i)) {
        const node = renderRow(
          rows[i],
          i,
          columns,
          this._ctx,
          i === this._focusIndex
        );
        this._rendered.set(i, node);
        fragment.appendChild(node);
      }
    }
    this._body.appendChild(fragment);
    // Infinite scroll: fetch the next page before the user reaches the end.
    if (last >= rows.length - OVERSCAN * 2 && this.model.hasMore) {
      void this.model.loadMore();
    }
  }

  private _renderHead(columns: ReadonlyArray<IColumn>): void {
    const template = [
      `${CHECK_WIDTH}px`,
      ...columns.map(c => `${c.width}px`)
    ].join(' ');
    const total = CHECK_WIDTH + columns.reduce((s, c) => s + c.width, 0);
    this._scroller.style.setProperty('--jp-snapshots-runs-template', template);
    this._scroller.style.setProperty('--jp-snapshots-runs-width', `${total}px`);
    renderGroupRow(this._groupRow, columns, this._ctx);
    renderHeadRow(this._headRow, columns, this._ctx);
  }

  // ---------------------------------------------------------------- interaction

  private _onScroll(): void {
    this.model.atTop = this._scroller.scrollTop < ROW_HEIGHT;
    // Scroll events already come at most once per animation frame: render
    // now, in the same frame, rather than one frame later.
    this._render();
  }

  private _setFocus(index: number, scroll = true): void {
    const rows = this.model.rows;
    if (rows.length === 0) {
      this._focusIndex = -1;
      return;
    }
    index = Math.max(0, Math.min(rows.length - 1, index));
    this._rendered.get(this._focusIndex)?.classList.remove('jp-mod-active');
    this._focusIndex = index;
    this._rendered.get(index)?.classList.add('jp-mod-active');
    this._scroller.setAttribute(
      'aria-activedescendant',
      `jp-snapshots-runs-row-${index}`
    );
    if (scroll) {
      const head = this._head.offsetHeight;
      const top = index * ROW_HEIGHT;
      const viewTop = this._scroller.scrollTop;
      const viewBottom = viewTop + this._scroller.clientHeight - head;
      if (top < viewTop) {
        this._scroller.scrollTop = top;
      } else if (top + ROW_HEIGHT > viewBottom) {
        this._scroller.scrollTop =
          top + ROW_HEIGHT - (this._scroller.clientHeight - head);
      }
      this._render();
    }
  }

  private _onKey(event: KeyboardEvent): void {
    if (event.target !== this._scroller) {
      return;
    }
    handleGridKey(event, {
      rowIds: () => this.model.rowIds(),
      selection: this.model.selection,
      focusIndex: () => this._focusIndex,
      setFocus: index => this._setFocus(index),
      pageSize: () =>
        Math.max(1, Math.floor(this._scroller.clientHeight / ROW_HEIGHT) - 2),
      focusFilter: () => this._bar.input.focus(),
      open: id => this._openRequested.emit(id),
      compare: ids => this._compareRequested.emit(ids)
    });
  }

  private _trans: TranslationBundle;
  private _bar: GridBar;
  private _sizer: ColumnSizer;
  private _scroller: HTMLElement;
  private _head: HTMLElement;
  private _groupRow: HTMLElement;
  private _headRow: HTMLElement;
  private _body: HTMLElement;
  private _footer: HTMLElement;
  private _status: HTMLElement;
  private _rendered = new Map<number, HTMLElement>();
  private _columnsKey = '';
  private _focusIndex = -1;
  private _shown: IColumn[] = [];
  private _ctx!: ICellContext;
  private _menuCommands: CommandRegistry;
  private _openRequested = new Signal<this, string>(this);
  private _compareRequested = new Signal<this, string[]>(this);
}
