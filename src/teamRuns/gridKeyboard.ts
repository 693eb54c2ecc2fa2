/**
 * Keyboard use of the Team runs table (the grid has focus): arrows, pages,
 * Home/End move the active row (Shift extends the selection), Space toggles,
 * Enter opens or compares, Escape clears, Ctrl+A selects all, ArrowUp on the
 * first row returns to the filter box.
 */
import type { RowSelection } from './selection';

/** What the keyboard acts on. */
export interface IGridKeyboardTarget {
  /** Ids of the loaded rows, in display order. */
  rowIds(): string[];
  selection: RowSelection;
  /** The active row (-1: none). */
  focusIndex(): number;
  setFocus(index: number): void;
  /** Rows that fit in the view. */
  pageSize(): number;
  focusFilter(): void;
  open(id: string): void;
  compare(ids: string[]): void;
}

export function handleGridKey(
  event: KeyboardEvent,
  grid: IGridKeyboardTarget
): void {
  const ids = grid.rowIds();
  const { selection } = grid;
  const move = (to: number) => {
    event.preventDefault();
    grid.setFocus(to);
    const id = ids[grid.focusIndex()];
    if (id && event.shiftKey) {
      selection.extend(id, ids);
    }
  };
  const current = ids[grid.focusIndex()];
  switch (event.key) {
    case 'ArrowDown':
      move(grid.focusIndex() + 1);
      break;
    case 'ArrowUp':
      if (grid.focusIndex() <= 0 && !event.shiftKey) {
        event.preventDefault();
        grid.focusFilter();
        return;
      }
      move(grid.focusIndex() - 1);
      break;
    case 'PageDown':
      move(grid.focusIndex() + grid.pageSize());
      break;
    case 'PageUp':
      move(grid.focusIndex() - grid.pageSize());
      break;
    case 'Home':
      move(0);
      break;
    case 'End':
      move(ids.length - 1);
      break;
    case ' ':
      event.preventDefault();
      if (!current) {
        grid.setFocus(0);
      } else if (event.shiftKey) {
        selection.extend(current, ids, true);
      } else {
        selection.toggle(current);
      }
      break;
    case 'Enter':
      event.preventDefault();
      if (selection.size >= 2) {
        grid.compare(selection.ids);
      } else if (current) {
        grid.open(current);
      }
      break;
    case 'Escape':
      selection.clear();
      break;
    case 'a':
    case 'A':
      if (event.ctrlKey || event.metaKey) {
        event.preventDefault();
        selection.selectAll(ids);
      }
      break;
    default:
      break;
  }
}
