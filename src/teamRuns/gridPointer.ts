/**
 * Mouse use of the Team runs table: click selects (Ctrl toggles, Shift
 * extends), double-click opens; a header click sorts, right-click (or the
 * Menu key / Shift+F10 on a header) opens the column menu.
 */
import { nextSort } from './query';
import type { TeamRunsModel } from './model';

/** What the rows' mouse handling acts on. */
export interface IRowPointerTarget {
  model: TeamRunsModel;
  setFocus(index: number): void;
  open(id: string): void;
}

function rowIndex(event: Event): number {
  const row = (event.target as HTMLElement).closest(
    '.jp-snapshots-runs-row'
  ) as HTMLElement | null;
  return row ? Number(row.dataset.index) : -1;
}

function onCheckbox(event: Event): boolean {
  return (event.target as HTMLElement).classList.contains(
    'jp-snapshots-runs-checkbox'
  );
}

export function enableRowPointer(
  body: HTMLElement,
  grid: IRowPointerTarget
): void {
  body.addEventListener('mousedown', event => {
    if (event.shiftKey) {
      event.preventDefault(); // no text selection on shift-click
    }
  });
  body.addEventListener('click', event => {
    const index = rowIndex(event);
    const model = grid.model;
    const row = model.rows[index];
    if (!row) {
      return;
    }
    const selection = model.selection;
    if (event.shiftKey) {
      selection.extend(row.id, model.rowIds(), event.ctrlKey || event.metaKey);
    } else if (event.ctrlKey || event.metaKey || onCheckbox(event)) {
      selection.toggle(row.id);
    } else {
      selection.select(row.id);
    }
    grid.setFocus(index);
  });
  body.addEventListener('dblclick', event => {
    const row = grid.model.rows[rowIndex(event)];
    if (row && !onCheckbox(event)) {
      grid.open(row.id);
    }
  });
}

export function enableHeadPointer(
  headRow: HTMLElement,
  model: TeamRunsModel,
  openMenu: (x: number, y: number, columnId: string | null) => void
): void {
  const headCell = (event: Event) =>
    (event.target as HTMLElement).closest(
      '.jp-snapshots-runs-head-cell'
    ) as HTMLElement | null;
  headRow.addEventListener('click', event => {
    const button = (event.target as HTMLElement).closest(
      '.jp-snapshots-runs-sort-button'
    ) as HTMLButtonElement | null;
    const id = button?.dataset.columnId;
    const column = model.columns.find(c => c.id === id);
    if (column?.sortKey) {
      void model.setSort(nextSort(model.sort, column.sortKey, column.numeric));
    }
  });
  headRow.addEventListener('contextmenu', event => {
    event.preventDefault();
    event.stopPropagation();
    openMenu(
      event.clientX,
      event.clientY,
      headCell(event)?.dataset.columnId ?? null
    );
  });
  headRow.addEventListener('keydown', event => {
    // Keyboard access to the column menu: the Menu key or Shift+F10.
    if (
      event.key === 'ContextMenu' ||
      (event.key === 'F10' && event.shiftKey)
    ) {
      const cell = headCell(event);
      if (cell?.dataset.columnId) {
        event.preventDefault();
        const rect = cell.getBoundingClientRect();
        openMenu(rect.left, rect.bottom, cell.dataset.columnId);
      }
    }
  });
}
