/**
 * The rows and cells of the Team runs table (plain DOM + textContent:
 * teammates' text is never parsed as HTML).
 */
import type { TranslationBundle } from '@jupyterlab/translation';

import { ISnapshotSummary } from '../api';
import {
  authorName,
  colorOf,
  formatValue,
  initialsOf,
  verdictText
} from '../common';
import { cellText, IColumn } from './columns';
import type { TeamRunsModel } from './model';
import { sparkline } from './sparkline';

export const ROW_HEIGHT = 28;
export const CHECK_WIDTH = 36;

export function el<K extends keyof HTMLElementTagNameMap>(
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

/** What a row needs besides its data: the pinned columns' left offsets. */
export interface ICellContext {
  model: TeamRunsModel;
  trans: TranslationBundle;
  /** Column id -> sticky left offset (px), for pinned columns. */
  pinned: ReadonlyMap<string, number>;
  /** The last pinned column (draws the edge shadow). */
  pinEdge: string | null;
}

/** Make *cell* stick at its column's left offset when the column is pinned. */
export function pin(cell: HTMLElement, id: string, ctx: ICellContext): void {
  const left = ctx.pinned.get(id);
  if (left === undefined) {
    return;
  }
  cell.classList.add('jp-mod-pinned');
  cell.style.left = `${left}px`;
  if (id === ctx.pinEdge) {
    cell.classList.add('jp-mod-pin-edge');
  }
}

export function renderRow(
  row: ISnapshotSummary,
  index: number,
  columns: ReadonlyArray<IColumn>,
  ctx: ICellContext,
  active: boolean
): HTMLElement {
  const model = ctx.model;
  const selected = model.selection.has(row.id);
  const node = el('div', 'jp-snapshots-runs-row');
  node.setAttribute('role', 'row');
  node.id = `jp-snapshots-runs-row-${index}`;
  node.setAttribute('aria-rowindex', String(index + 2));
  node.setAttribute('aria-selected', selected ? 'true' : 'false');
  node.dataset.index = String(index);
  node.dataset.snapshotId = row.id;
  node.style.transform = `translateY(${index * ROW_HEIGHT}px)`;
  node.classList.toggle('jp-mod-selected', selected);
  node.classList.toggle('jp-mod-active', active);
  node.classList.toggle('jp-mod-fresh', model.fresh.has(row.id));
  node.classList.toggle('jp-mod-odd', index % 2 === 1);
  const check = el('div', 'jp-snapshots-runs-cell jp-snapshots-runs-check');
  check.setAttribute('role', 'gridcell');
  if (ctx.pinned.size) {
    check.classList.add('jp-mod-pinned');
    check.style.left = '0px';
  }
  const box = el('input', 'jp-snapshots-runs-checkbox');
  box.type = 'checkbox';
  box.tabIndex = -1;
  box.checked = selected;
  box.setAttribute(
    'aria-label',
    ctx.trans.__('Select run %1', row.message || row.id)
  );
  check.appendChild(box);
  node.appendChild(check);
  for (const c of columns) {
    node.appendChild(renderCell(row, c, ctx));
  }
  return node;
}

export function renderCell(
  row: ISnapshotSummary,
  c: IColumn,
  ctx: ICellContext
): HTMLElement {
  const trans = ctx.trans;
  const cell = el('div', `jp-snapshots-runs-cell jp-mod-${c.kind}`);
  cell.setAttribute('role', 'gridcell');
  cell.dataset.columnId = c.id;
  pin(cell, c.id, ctx);
  if (c.numeric) {
    cell.classList.add('jp-mod-numeric');
  }
  if (c.sparkline) {
    renderCurve(cell, row, c, trans);
    return cell;
  }
  if (c.kind === 'run') {
    switch (c.name) {
      case 'author': {
        const chip = el(
          'span',
          'jp-snapshots-runs-avatar',
          initialsOf(row.author)
        );
        chip.style.backgroundColor = colorOf(row.author);
        chip.setAttribute('aria-hidden', 'true');
        cell.appendChild(chip);
        const name = row.author ? authorName(row.author) : '';
        const user = row.author?.username ?? '';
        // Initials on screen; the name for screen readers, search and hover.
        cell.appendChild(el('span', 'jp-snapshots-runs-offscreen', name));
        cell.title = name && name !== user ? `${name} (${user})` : user;
        return cell;
      }
      case 'tags':
        for (const tag of row.tags ?? []) {
          cell.appendChild(el('span', 'jp-snapshots-runs-tag', tag));
        }
        cell.title = (row.tags ?? []).join(', ');
        return cell;
      case 'verified': {
        const v = ctx.model.verdict(row.id);
        if (v) {
          const text = verdictText(v.verdict, trans);
          cell.appendChild(el('span', text.className, text.label));
          cell.title = text.title;
        }
        return cell;
      }
      case 'created':
        cell.title = new Date(row.created).toLocaleString();
        break;
      case 'message':
        if (row.queued) {
          cell.appendChild(
            el('span', 'jp-snapshots-runs-queued', trans.__('queued'))
          );
        }
        break;
      default:
        break;
    }
  }
  const text = cellText(row, c, trans);
  cell.appendChild(el('span', 'jp-snapshots-runs-text', text));
  if (!cell.title) {
    cell.title = text;
  }
  return cell;
}

/** A metric's step curve; a dot for a value logged once; empty without the metric. */
function renderCurve(
  cell: HTMLElement,
  row: ISnapshotSummary,
  c: IColumn,
  trans: TranslationBundle
): void {
  const history = row.metrics_history?.[c.name];
  const last = row.metrics?.[c.name];
  let points: number[][] = [];
  if (history?.length) {
    points = history;
  } else if (typeof last === 'number') {
    points = [[1, last]];
  }
  if (!points.length) {
    return;
  }
  const lastValue = formatValue(points[points.length - 1][1], '');
  const title = trans._n(
    '%2: last %3 (%1 step)',
    '%2: last %3 (%1 steps)',
    points.length,
    c.name,
    lastValue
  );
  cell.title = title;
  cell.appendChild(sparkline(points, title));
}
