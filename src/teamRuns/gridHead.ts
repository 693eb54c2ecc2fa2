/**
 * The two-level header of the Team runs table: the group row (params,
 * metrics, run) and one sortable, draggable, resizable cell per column.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import { caretDownIcon, caretUpIcon } from '@jupyterlab/ui-components';

import { columnGroups, columnLabel, groupLabel, IColumn } from './columns';
import { CHECK_WIDTH, el, ICellContext, pin } from './gridCells';

export function renderGroupRow(
  row: HTMLElement,
  columns: ReadonlyArray<IColumn>,
  ctx: ICellContext
): void {
  row.replaceChildren();
  const check = el('div', 'jp-snapshots-runs-group');
  row.appendChild(check);
  const groups = columnGroups(columns);
  row.style.gridTemplateColumns = [
    `${CHECK_WIDTH}px`,
    ...groups.map(g => `${g.width}px`)
  ].join(' ');
  let i = 0;
  for (const g of groups) {
    const cell = el(
      'div',
      `jp-snapshots-runs-group jp-mod-${g.kind}`,
      g.kind === 'run' ? '' : groupLabel(g.kind, ctx.trans)
    );
    // A group of pinned columns sticks with them.
    pin(cell, columns[i].id, { ...ctx, pinEdge: null });
    i += g.span;
    row.appendChild(cell);
  }
  if (ctx.pinned.size) {
    check.classList.add('jp-mod-pinned');
    check.style.left = '0px';
  }
}

function headTitle(c: IColumn, trans: TranslationBundle): string {
  const label = columnLabel(c, trans);
  const named =
    c.kind === 'run'
      ? label
      : c.kind === 'param'
        ? trans.__('parameter %1', label)
        : trans.__('metric %1', label);
  return c.sortKey
    ? trans.__(
        '%1 — click to sort, drag to move, right-click for columns',
        named
      )
    : trans.__('%1 — drag to move, right-click for columns', named);
}

export function renderHeadRow(
  row: HTMLElement,
  columns: ReadonlyArray<IColumn>,
  ctx: ICellContext
): void {
  const trans = ctx.trans;
  row.replaceChildren();
  const all = el('div', 'jp-snapshots-runs-head-cell jp-snapshots-runs-check');
  all.setAttribute('role', 'columnheader');
  all.setAttribute('aria-label', trans.__('Selection'));
  if (ctx.pinned.size) {
    all.classList.add('jp-mod-pinned');
    all.style.left = '0px';
  }
  row.appendChild(all);
  const sort = ctx.model.shownSort;
  for (const c of columns) {
    const cell = el('div', `jp-snapshots-runs-head-cell jp-mod-${c.kind}`);
    cell.setAttribute('role', 'columnheader');
    cell.dataset.columnId = c.id;
    cell.draggable = true;
    cell.title = headTitle(c, trans);
    pin(cell, c.id, ctx);
    if (c.numeric) {
      cell.classList.add('jp-mod-numeric');
    }
    const button = el('button', 'jp-snapshots-runs-sort-button');
    button.type = 'button';
    button.dataset.columnId = c.id;
    button.appendChild(
      el('span', 'jp-snapshots-runs-head-label', columnLabel(c, trans))
    );
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
    const grip = el('span', 'jp-snapshots-runs-resize');
    grip.dataset.columnId = c.id;
    grip.title = trans.__('Drag to resize; double-click to fit');
    grip.setAttribute('aria-hidden', 'true');
    cell.appendChild(grip);
    row.appendChild(cell);
  }
}

/** The scrolling grid: a sticky two-row header over the virtual body, and a footer. */
export function buildScroller(trans: TranslationBundle): {
  scroller: HTMLElement;
  head: HTMLElement;
  groupRow: HTMLElement;
  headRow: HTMLElement;
  body: HTMLElement;
  footer: HTMLElement;
} {
  const scroller = el('div', 'jp-snapshots-runs-scroller');
  scroller.tabIndex = 0;
  scroller.setAttribute('role', 'grid');
  scroller.setAttribute('aria-label', trans.__('Team runs'));
  scroller.setAttribute('aria-multiselectable', 'true');
  const head = el('div', 'jp-snapshots-runs-head');
  const groupRow = el('div', 'jp-snapshots-runs-group-row');
  groupRow.setAttribute('aria-hidden', 'true');
  const headRow = el('div', 'jp-snapshots-runs-head-row');
  headRow.setAttribute('role', 'row');
  head.append(groupRow, headRow);
  const body = el('div', 'jp-snapshots-runs-body');
  body.setAttribute('role', 'rowgroup');
  const footer = el('div', 'jp-snapshots-runs-footer');
  scroller.append(head, body, footer);
  return { scroller, head, groupRow, headRow, body, footer };
}
