/**
 * The Team runs table: a virtualized grid (only the visible rows are in the
 * DOM), sortable and reorderable column headers, keyboard selection, and the
 * filter box. Plain DOM + textContent: teammates' text is never parsed as HTML.
 */
import {
  caretDownIcon,
  caretUpIcon,
  closeIcon,
  searchIcon
} from '@jupyterlab/ui-components';
import type { TranslationBundle } from '@jupyterlab/translation';
import { CommandRegistry } from '@lumino/commands';
import { Message } from '@lumino/messaging';
import { ISignal, Signal } from '@lumino/signaling';
import { Widget } from '@lumino/widgets';

import { ISnapshotSummary } from '../api';
import { colorOf, initialsOf } from '../common';
import { enableColumnDrag } from './columnDrag';
import { addColumnCommands, openColumnMenu } from './columnMenu';
import {
  cellText,
  columnGroups,
  columnLabel,
  groupLabel,
  IColumn
} from './columns';
import { handleGridKey } from './gridKeyboard';
import { TeamRunsModel } from './model';
import { nextSort } from './query';
import { defaultTrans } from '../translation';

export const ROW_HEIGHT = 28;
const CHECK_WIDTH = 36;
const OVERSCAN = 8;
const FILTER_DEBOUNCE_MS = 350;

/** The filter syntax hint under the filter box. */
export function queryHint(trans: TranslationBundle = defaultTrans()): string {
  return trans.__(
    'author:ana tag:baseline notebook:churn lr>0.01 accuracy>=0.9 — other words search messages, paths, tags and ids'
  );
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

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

    // Filter box + syntax hint / server error.
    const bar = el('div', 'jp-snapshots-runs-bar');
    const filter = el('div', 'jp-snapshots-runs-filter');
    filter.appendChild(
      searchIcon.element({
        tag: 'span',
        className: 'jp-snapshots-runs-filter-icon'
      })
    );
    this._input = el('input', 'jp-snapshots-runs-filter-input');
    this._input.type = 'search';
    this._input.placeholder = trans.__(
      'Filter runs: author:ana tag:baseline lr>0.01…'
    );
    this._input.setAttribute('aria-label', trans.__('Filter runs'));
    this._input.spellcheck = false;
    this._input.autocomplete = 'off';
    this._input.setAttribute(
      'aria-describedby',
      'jp-snapshots-runs-query-help'
    );
    filter.appendChild(this._input);
    const clear = el('button', 'jp-snapshots-runs-filter-clear');
    clear.type = 'button';
    clear.title = trans.__('Clear the filter');
    clear.setAttribute('aria-label', trans.__('Clear the filter'));
    clear.appendChild(closeIcon.element({ tag: 'span' }));
    clear.addEventListener('click', () => {
      this._input.value = '';
      this._applyFilter();
      this._input.focus();
    });
    filter.appendChild(clear);
    bar.appendChild(filter);
    this._count = el('div', 'jp-snapshots-runs-count');
    this._count.setAttribute('aria-live', 'polite');
    bar.appendChild(this._count);
    this.node.appendChild(bar);

    this._help = el('div', 'jp-snapshots-runs-query-help');
    this._help.id = 'jp-snapshots-runs-query-help';
    this.node.appendChild(this._help);

    this._newRuns = el('button', 'jp-snapshots-runs-new-runs jp-mod-hidden');
    this._newRuns.type = 'button';
    this._newRuns.addEventListener('click', () => {
      void this.model.showPending();
    });
    this.node.appendChild(this._newRuns);

    // Scroller: sticky header + virtual body.
    this._scroller = el('div', 'jp-snapshots-runs-scroller');
    this._scroller.tabIndex = 0;
    this._scroller.setAttribute('role', 'grid');
    this._scroller.setAttribute('aria-label', trans.__('Team runs'));
    this._scroller.setAttribute('aria-multiselectable', 'true');
    this._head = el('div', 'jp-snapshots-runs-head');
    this._groupRow = el('div', 'jp-snapshots-runs-group-row');
    this._groupRow.setAttribute('aria-hidden', 'true');
    this._headRow = el('div', 'jp-snapshots-runs-head-row');
    this._headRow.setAttribute('role', 'row');
    this._head.appendChild(this._groupRow);
    this._head.appendChild(this._headRow);
    this._body = el('div', 'jp-snapshots-runs-body');
    this._body.setAttribute('role', 'rowgroup');
    this._footer = el('div', 'jp-snapshots-runs-footer');
    this._scroller.appendChild(this._head);
    this._scroller.appendChild(this._body);
    this._scroller.appendChild(this._footer);
    this.node.appendChild(this._scroller);

    this._status = el('div', 'jp-snapshots-runs-status');
    this.node.appendChild(this._status);

    this._input.addEventListener('input', () => this._scheduleFilter());
    this._input.addEventListener('keydown', event => {
      if (event.key === 'Enter') {
        event.preventDefault();
        this._applyFilter();
      } else if (event.key === 'ArrowDown') {
        event.preventDefault();
        this._scroller.focus();
      }
    });
    this._scroller.addEventListener('scroll', () => this._onScroll(), {
      passive: true
    });
    this._scroller.addEventListener('keydown', event => this._onKey(event));
    this._body.addEventListener('mousedown', event => this._onMouseDown(event));
    this._body.addEventListener('click', event => this._onClick(event));
    this._body.addEventListener('dblclick', event => this._onDblClick(event));
    this._headRow.addEventListener('click', event => this._onHeadClick(event));
    this._headRow.addEventListener('contextmenu', event =>
      this._onHeadContext(event)
    );
    this._headRow.addEventListener('keydown', event => {
      // Keyboard access to the column menu: the Menu key or Shift+F10.
      if (
        event.key === 'ContextMenu' ||
        (event.key === 'F10' && event.shiftKey)
      ) {
        const cell = (event.target as HTMLElement).closest(
          '.jp-snapshots-runs-head-cell'
        ) as HTMLElement | null;
        if (cell?.dataset.columnId) {
          event.preventDefault();
          const rect = cell.getBoundingClientRect();
          this.openColumnMenu(rect.left, rect.bottom, cell.dataset.columnId);
        }
      }
    });
    enableColumnDrag(this._headRow, model);

    model.changed.connect(this._onModelChanged, this);
    model.selection.changed.connect(this._onSelectionChanged, this);
    model.rowsPrepended.connect(this._onPrepended, this);
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
    return this._input;
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    window.clearTimeout(this._filterTimer);
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
    this._render();
  }

  protected onResize(_msg: Widget.ResizeMessage): void {
    this._render();
  }

  protected onActivateRequest(_msg: Message): void {
    if (this._focusIndex >= 0) {
      this._scroller.focus();
    } else {
      this._input.focus();
    }
  }

  // ---------------------------------------------------------------- model events

  private _onModelChanged(): void {
    const model = this.model;
    const trans = this._trans;
    if (
      document.activeElement !== this._input &&
      this._input.value !== model.query
    ) {
      this._input.value = model.query;
    }
    // Filter help / server error.
    this._help.textContent = model.queryError || queryHint(trans);
    this._help.classList.toggle('jp-mod-error', !!model.queryError);
    this._help.setAttribute('role', model.queryError ? 'alert' : 'note');
    this._input.classList.toggle('jp-mod-error', !!model.queryError);
    this._input.setAttribute(
      'aria-invalid',
      model.queryError ? 'true' : 'false'
    );

    const n = model.rows.length;
    this._updateCount();

    const pending = model.pending.length;
    this._newRuns.textContent = pending
      ? trans._n('%1 new run — show', '%1 new runs — show', pending)
      : '';
    this._newRuns.classList.toggle('jp-mod-hidden', pending === 0);

    if (model.state === 'error') {
      this._status.textContent = trans.__(
        'Could not load runs: %1',
        model.error
      );
      this._status.className = 'jp-snapshots-runs-status jp-mod-error';
      this._status.setAttribute('role', 'alert');
    } else if (model.state === 'ready' && n === 0) {
      this._status.textContent = model.query
        ? trans.__('No runs match this filter.')
        : trans.__(
            'No runs in the team store yet. Use “Snapshot run” on a notebook to record the first one.'
          );
      this._status.className = 'jp-snapshots-runs-status jp-mod-empty';
      this._status.removeAttribute('role');
    } else {
      this._status.textContent = '';
      this._status.className = 'jp-snapshots-runs-status jp-mod-hidden';
      this._status.removeAttribute('role');
    }
    this._footer.textContent = model.loadingMore
      ? trans.__('Loading more runs…')
      : model.error && model.state === 'ready'
        ? trans.__('Could not load more: %1', model.error)
        : '';
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
    this._updateCount();
  }

  private _onRowsUpdated(_sender: TeamRunsModel, ids: string[]): void {
    // Repaint only the cells whose content changed, in place (a live comment
    // count must not replace rows under the user's double-click or focus).
    const updated = new Set(ids);
    const columns = this.model.columns;
    for (const node of this._rendered.values()) {
      const id = node.dataset.snapshotId ?? '';
      const row = updated.has(id) ? this.model.row(id) : undefined;
      if (!row) {
        continue;
      }
      columns.forEach((c, i) => {
        const old = node.children[i + 1] as HTMLElement | undefined;
        if (!old || old.dataset.columnId !== c.id) {
          return;
        }
        const cell = this._renderCell(row, c);
        if (!cell.isEqualNode(old)) {
          node.replaceChild(cell, old);
        }
      });
    }
  }

  private _updateCount(): void {
    const model = this.model;
    const trans = this._trans;
    const n = model.rows.length;
    if (model.state === 'loading') {
      this._count.textContent = trans.__('Loading…');
      return;
    }
    const shown = `${n.toLocaleString()}${model.hasMore ? '+' : ''}`;
    const runs = trans._n('%2 run', '%2 runs', n, shown);
    const selected = model.selection.size;
    this._count.textContent = selected
      ? trans._n('%2 · %1 selected', '%2 · %1 selected', selected, runs)
      : runs;
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

  // ---------------------------------------------------------------- rendering

  private _render(force = false): void {
    if (!this.isVisible && !force) {
      return;
    }
    const columns = this.model.columns;
    const key = columns.map(c => `${c.id}:${c.width}`).join('|');
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
        const node = this._renderRow(rows[i], i, columns);
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

  private _template(columns: ReadonlyArray<IColumn>): string {
    return [`${CHECK_WIDTH}px`, ...columns.map(c => `${c.width}px`)].join(' ');
  }

  private _renderHead(columns: ReadonlyArray<IColumn>): void {
    const template = this._template(columns);
    const total = CHECK_WIDTH + columns.reduce((s, c) => s + c.width, 0);
    this._scroller.style.setProperty('--jp-snapshots-runs-template', template);
    this._scroller.style.setProperty('--jp-snapshots-runs-width', `${total}px`);

    this._groupRow.replaceChildren();
    this._groupRow.appendChild(el('div', 'jp-snapshots-runs-group'));
    this._groupRow.style.gridTemplateColumns = [
      `${CHECK_WIDTH}px`,
      ...columnGroups(columns).map(g => `${g.width}px`)
    ].join(' ');
    for (const g of columnGroups(columns)) {
      this._groupRow.appendChild(
        el(
          'div',
          `jp-snapshots-runs-group jp-mod-${g.kind}`,
          g.kind === 'run' ? '' : groupLabel(g.kind, this._trans)
        )
      );
    }

    this._headRow.replaceChildren();
    const all = el(
      'div',
      'jp-snapshots-runs-head-cell jp-snapshots-runs-check'
    );
    all.setAttribute('role', 'columnheader');
    all.setAttribute('aria-label', this._trans.__('Selection'));
    this._headRow.appendChild(all);
    const sort = this.model.shownSort;
    const trans = this._trans;
    for (const c of columns) {
      const cell = el('div', `jp-snapshots-runs-head-cell jp-mod-${c.kind}`);
      cell.setAttribute('role', 'columnheader');
      cell.dataset.columnId = c.id;
      cell.draggable = true;
      const label = columnLabel(c, trans);
      const named =
        c.kind === 'run'
          ? label
          : c.kind === 'param'
            ? trans.__('parameter %1', label)
            : trans.__('metric %1', label);
      cell.title = c.sortKey
        ? trans.__(
            '%1 — click to sort, drag to move, right-click for columns',
            named
          )
        : trans.__('%1 — drag to move, right-click for columns', named);
      if (c.numeric) {
        cell.classList.add('jp-mod-numeric');
      }
      const button = el('button', 'jp-snapshots-runs-sort-button');
      button.type = 'button';
      button.dataset.columnId = c.id;
      button.appendChild(el('span', 'jp-snapshots-runs-head-label', label));
      if (!c.sortKey) {
        button.setAttribute('aria-disabled', 'true');
        button.classList.add('jp-mod-unsortable');
      }
      if (c.sortKey && sort.key === c.sortKey) {
        cell.setAttribute(
          'aria-sort',
          sort.descending ? 'descending' : 'ascending'
        );
        cell.classList.add('jp-mod-sorted');
        button.appendChild(
          (sort.descending ? caretDownIcon : caretUpIcon).element({
            tag: 'span',
            className: 'jp-snapshots-runs-sort-icon'
          })
        );
      } else if (c.sortKey) {
        cell.setAttribute('aria-sort', 'none');
      }
      cell.appendChild(button);
      this._headRow.appendChild(cell);
    }
  }

  private _renderRow(
    row: ISnapshotSummary,
    index: number,
    columns: ReadonlyArray<IColumn>
  ): HTMLElement {
    const selected = this.model.selection.has(row.id);
    const node = el('div', 'jp-snapshots-runs-row');
    node.setAttribute('role', 'row');
    node.id = `jp-snapshots-runs-row-${index}`;
    node.setAttribute('aria-rowindex', String(index + 2));
    node.setAttribute('aria-selected', selected ? 'true' : 'false');
    node.dataset.index = String(index);
    node.dataset.snapshotId = row.id;
    node.style.transform = `translateY(${index * ROW_HEIGHT}px)`;
    if (selected) {
      node.classList.add('jp-mod-selected');
    }
    if (index === this._focusIndex) {
      node.classList.add('jp-mod-active');
    }
    if (this.model.fresh.has(row.id)) {
      node.classList.add('jp-mod-fresh');
    }
    if (index % 2 === 1) {
      node.classList.add('jp-mod-odd');
    }
    const check = el('div', 'jp-snapshots-runs-cell jp-snapshots-runs-check');
    check.setAttribute('role', 'gridcell');
    const box = el('input', 'jp-snapshots-runs-checkbox');
    box.type = 'checkbox';
    box.tabIndex = -1;
    box.checked = selected;
    box.setAttribute(
      'aria-label',
      this._trans.__('Select run %1', row.message || row.id)
    );
    check.appendChild(box);
    node.appendChild(check);
    for (const c of columns) {
      node.appendChild(this._renderCell(row, c));
    }
    return node;
  }

  private _renderCell(row: ISnapshotSummary, c: IColumn): HTMLElement {
    const cell = el('div', `jp-snapshots-runs-cell jp-mod-${c.kind}`);
    cell.setAttribute('role', 'gridcell');
    cell.dataset.columnId = c.id;
    if (c.numeric) {
      cell.classList.add('jp-mod-numeric');
    }
    if (c.kind === 'run' && c.name === 'author') {
      const chip = el(
        'span',
        'jp-snapshots-runs-avatar',
        initialsOf(row.author)
      );
      chip.style.backgroundColor = colorOf(row.author);
      chip.setAttribute('aria-hidden', 'true');
      cell.appendChild(chip);
      cell.appendChild(
        el('span', 'jp-snapshots-runs-text', cellText(row, c, this._trans))
      );
      cell.title = row.author?.username ?? '';
      return cell;
    }
    if (c.kind === 'run' && c.name === 'tags') {
      for (const tag of row.tags ?? []) {
        cell.appendChild(el('span', 'jp-snapshots-runs-tag', tag));
      }
      cell.title = (row.tags ?? []).join(', ');
      return cell;
    }
    if (c.kind === 'run' && c.name === 'created') {
      cell.title = new Date(row.created).toLocaleString();
    } else if (c.kind === 'run' && c.name === 'message' && row.queued) {
      cell.appendChild(
        el('span', 'jp-snapshots-runs-queued', this._trans.__('queued'))
      );
    }
    const text = cellText(row, c, this._trans);
    cell.appendChild(el('span', 'jp-snapshots-runs-text', text));
    if (!cell.title) {
      cell.title = text;
    }
    return cell;
  }

  // ---------------------------------------------------------------- interaction

  private _onScroll(): void {
    this.model.atTop = this._scroller.scrollTop < ROW_HEIGHT;
    // Scroll events already come at most once per animation frame: render
    // now, in the same frame, rather than one frame later.
    this._render();
  }

  private _scheduleFilter(): void {
    window.clearTimeout(this._filterTimer);
    this._filterTimer = window.setTimeout(
      () => this._applyFilter(),
      FILTER_DEBOUNCE_MS
    );
  }

  private _applyFilter(): void {
    window.clearTimeout(this._filterTimer);
    void this.model.setQuery(this._input.value);
  }

  private _rowIndex(event: Event): number {
    const row = (event.target as HTMLElement).closest(
      '.jp-snapshots-runs-row'
    ) as HTMLElement | null;
    return row ? Number(row.dataset.index) : -1;
  }

  private _onMouseDown(event: MouseEvent): void {
    if (event.shiftKey) {
      event.preventDefault(); // no text selection on shift-click
    }
  }

  private _onClick(event: MouseEvent): void {
    const index = this._rowIndex(event);
    const row = this.model.rows[index];
    if (!row) {
      return;
    }
    const onCheckbox = (event.target as HTMLElement).classList.contains(
      'jp-snapshots-runs-checkbox'
    );
    const selection = this.model.selection;
    if (event.shiftKey) {
      selection.extend(
        row.id,
        this.model.rowIds(),
        event.ctrlKey || event.metaKey
      );
    } else if (event.ctrlKey || event.metaKey || onCheckbox) {
      selection.toggle(row.id);
    } else {
      selection.select(row.id);
    }
    this._setFocus(index, false);
    this._scroller.focus({ preventScroll: true });
  }

  private _onDblClick(event: MouseEvent): void {
    const row = this.model.rows[this._rowIndex(event)];
    if (
      row &&
      !(event.target as HTMLElement).classList.contains(
        'jp-snapshots-runs-checkbox'
      )
    ) {
      this._openRequested.emit(row.id);
    }
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
      focusFilter: () => this._input.focus(),
      open: id => this._openRequested.emit(id),
      compare: ids => this._compareRequested.emit(ids)
    });
  }

  private _onHeadClick(event: MouseEvent): void {
    const button = (event.target as HTMLElement).closest(
      '.jp-snapshots-runs-sort-button'
    ) as HTMLButtonElement | null;
    const id = button?.dataset.columnId;
    const column = this.model.columns.find(c => c.id === id);
    if (!column?.sortKey) {
      return;
    }
    void this.model.setSort(
      nextSort(this.model.sort, column.sortKey, column.numeric)
    );
  }

  private _onHeadContext(event: MouseEvent): void {
    event.preventDefault();
    event.stopPropagation();
    const cell = (event.target as HTMLElement).closest(
      '.jp-snapshots-runs-head-cell'
    ) as HTMLElement | null;
    this.openColumnMenu(
      event.clientX,
      event.clientY,
      cell?.dataset.columnId ?? null
    );
  }

  private _trans: TranslationBundle;
  private _input: HTMLInputElement;
  private _count: HTMLElement;
  private _help: HTMLElement;
  private _newRuns: HTMLButtonElement;
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
  private _filterTimer = 0;
  private _menuCommands: CommandRegistry;
  private _openRequested = new Signal<this, string>(this);
  private _compareRequested = new Signal<this, string[]>(this);
}
