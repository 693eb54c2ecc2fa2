/** Reordering the Team runs columns by dragging their header cells. */
import { moveColumn } from './columns';
import type { TeamRunsModel } from './model';

const HEAD_CELL = '.jp-snapshots-runs-head-cell';

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
