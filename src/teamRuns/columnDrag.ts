/**
 * Reordering the Team runs columns by dragging their header cells, and
 * resizing them by dragging a header cell's right edge.
 */
import { moveColumn } from './columns';
import type { TeamRunsModel } from './model';

const HEAD_CELL = '.jp-snapshots-runs-head-cell';
const GRIP = '.jp-snapshots-runs-resize';
const MIN_WIDTH = 32;
const MAX_WIDTH = 800;

function headCell(event: Event): HTMLElement | null {
  return (event.target as HTMLElement).closest(HEAD_CELL);
}

/** Listen on the header row *row*; a drop moves the dragged column before the target. */
export function enableColumnDrag(row: HTMLElement, model: TeamRunsModel): void {
  let dragged: string | null = null;
  const clear = (all = true) => {
    for (const n of row.querySelectorAll('.jp-mod-dropTarget')) {
      n.classList.remove('jp-mod-dropTarget');
    }
    if (all) {
      for (const n of row.querySelectorAll('.jp-mod-dragging')) {
        n.classList.remove('jp-mod-dragging');
      }
      dragged = null;
    }
  };
  row.addEventListener('dragstart', event => {
    if ((event.target as HTMLElement).closest(GRIP)) {
      event.preventDefault(); // a resize, not a move
      return;
    }
    const cell = headCell(event);
    const id = cell?.dataset.columnId;
    if (!cell || !id || !event.dataTransfer) {
      return;
    }
    dragged = id;
    event.dataTransfer.effectAllowed = 'move';
    event.dataTransfer.setData('text/plain', id);
    cell.classList.add('jp-mod-dragging');
  });
  row.addEventListener('dragover', event => {
    const cell = headCell(event);
    if (!dragged || !cell?.dataset.columnId) {
      return;
    }
    event.preventDefault();
    clear(false);
    cell.classList.add('jp-mod-dropTarget');
  });
  row.addEventListener('drop', event => {
    const target = headCell(event)?.dataset.columnId;
    const id = dragged;
    clear();
    if (!id || !target || target === id) {
      return;
    }
    event.preventDefault();
    model.setLayout(moveColumn(model.allColumns, model.layout, id, target));
  });
  row.addEventListener('dragend', () => clear());
}

/** Set a column's width (null: fitted to content again). */
export function setColumnWidth(
  model: TeamRunsModel,
  id: string,
  width: number | null,
  persist = true
): void {
  const widths = { ...(model.layout.widths ?? {}) };
  if (width === null) {
    delete widths[id];
  } else {
    widths[id] = Math.round(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, width)));
  }
  model.setLayout({ ...model.layout, widths }, persist);
}

/**
 * Dragging the grip at a header cell's right edge resizes its column (saved
 * once, on release); double-clicking the grip fits the column again.
 */
export function enableColumnResize(
  row: HTMLElement,
  model: TeamRunsModel,
  widthOf: (id: string) => number
): void {
  row.addEventListener('pointerdown', event => {
    const grip = (event.target as HTMLElement).closest(
      GRIP
    ) as HTMLElement | null;
    const id = grip?.dataset.columnId;
    if (!grip || !id || event.button !== 0) {
      return;
    }
    event.preventDefault();
    event.stopPropagation();
    const startX = event.clientX;
    const start = widthOf(id);
    let last = start;
    // On the window: the header is redrawn (new nodes) as the width changes.
    const move = (e: PointerEvent) => {
      last = start + e.clientX - startX;
      setColumnWidth(model, id, last, false);
    };
    const up = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      window.removeEventListener('pointercancel', up);
      if (last !== start) {
        setColumnWidth(model, id, last);
      }
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
    window.addEventListener('pointercancel', up);
  });
  row.addEventListener('dblclick', event => {
    const grip = (event.target as HTMLElement).closest(
      GRIP
    ) as HTMLElement | null;
    if (grip?.dataset.columnId) {
      event.preventDefault();
      setColumnWidth(model, grip.dataset.columnId, null);
    }
  });
}
