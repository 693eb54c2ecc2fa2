/**
 * How the Team runs columns are laid out on screen (pure logic, unit-tested):
 * step-curve columns beside their metric, "only columns that differ", widths
 * fitted to content, and the left offsets of the pinned (sticky) columns.
 */
import type { TranslationBundle } from '@jupyterlab/translation';

import { ISnapshotSummary } from '../api';
import { defaultTrans } from '../translation';
import {
  cellText,
  columnLabel,
  IColumn,
  IColumnLayout,
  isPinned,
  sparkColumn
} from './columns';

/** *all* with a step-curve column right after each metric named in the layout. */
export function withSparklines(
  all: ReadonlyArray<IColumn>,
  layout: IColumnLayout
): IColumn[] {
  const wanted = new Set(layout.sparklines ?? []);
  const out: IColumn[] = [];
  for (const c of all) {
    out.push(c);
    if (c.kind === 'metric' && !c.sparkline && wanted.has(c.name)) {
      out.push(sparkColumn(c.name));
    }
  }
  return out;
}

/**
 * The columns worth showing for *rows*: run facts always, a parameter or
 * metric only when its values differ between the rows (a step curve follows
 * its metric). With fewer than two rows nothing can differ: all are kept.
 */
export function differingColumns(
  rows: ReadonlyArray<ISnapshotSummary>,
  columns: ReadonlyArray<IColumn>
): IColumn[] {
  if (rows.length < 2) {
    return [...columns];
  }
  const differs = (c: IColumn): boolean => {
    const values = c.kind === 'param' ? 'params' : 'metrics';
    const first = JSON.stringify(rows[0][values]?.[c.name] ?? null);
    return rows.some(
      r => JSON.stringify(r[values]?.[c.name] ?? null) !== first
    );
  };
  const kept = new Set(
    columns.filter(c => c.kind !== 'run' && !c.sparkline && differs(c))
  );
  return columns.filter(
    c =>
      c.kind === 'run' ||
      kept.has(c) ||
      (c.sparkline && [...kept].some(k => k.name === c.name))
  );
}

export interface IFitOptions {
  /** Horizontal padding of a cell (both sides), added to the text width. */
  padding: number;
  min: number;
  max: number;
}

export const FIT: IFitOptions = { padding: 20, min: 44, max: 260 };

/** The width that shows the widest of *texts* (measured), within [min, max]. */
export function fitWidth(
  texts: Iterable<string>,
  measure: (text: string) => number,
  options: IFitOptions = FIT
): number {
  let widest = 0;
  for (const t of texts) {
    if (t) {
      widest = Math.max(widest, measure(t));
    }
  }
  return Math.round(
    Math.min(options.max, Math.max(options.min, widest + options.padding))
  );
}

/** Columns whose width does not follow their text (chips, badges, curves). */
function fixedWidth(c: IColumn): number | null {
  if (c.sparkline) {
    return c.width;
  }
  if (c.kind === 'run' && (c.name === 'author' || c.name === 'verified')) {
    return c.width;
  }
  return null;
}

/**
 * Fitted widths of *columns* for *rows* (the first *sample* rows are
 * measured): the header label and every cell's text, capped. *measure*
 * gets `code` true for text drawn in the code font.
 */
export function fitColumnWidths(
  rows: ReadonlyArray<ISnapshotSummary>,
  columns: ReadonlyArray<IColumn>,
  measure: (text: string, code?: boolean) => number,
  trans: TranslationBundle = defaultTrans(),
  sample = 200
): Map<string, number> {
  const widths = new Map<string, number>();
  const some = rows.slice(0, sample);
  for (const c of columns) {
    const fixed = fixedWidth(c);
    if (fixed !== null) {
      widths.set(c.id, fixed);
      continue;
    }
    // The header also holds the sort caret (~16 px).
    const head = measure(columnLabel(c, trans)) + 16;
    // Numbers are drawn in the code font.
    const cells = fitWidth(
      some.map(r => cellText(r, c, trans)),
      text => measure(text, c.numeric)
    );
    widths.set(
      c.id,
      Math.min(FIT.max, Math.max(cells, Math.round(head + FIT.padding)))
    );
  }
  return widths;
}

/**
 * Left offsets (after the selection column of *start* px) of the pinned
 * columns, which come first. Pinning stops before the pinned part would take
 * more than *maxShare* of the *viewport*: the rest must stay reachable.
 */
export function pinnedOffsets(
  columns: ReadonlyArray<IColumn>,
  layout: IColumnLayout,
  start: number,
  viewport: number,
  maxShare = 0.6
): Map<string, number> {
  const offsets = new Map<string, number>();
  let left = start;
  for (const c of columns) {
    if (!isPinned(layout, c) || left + c.width > viewport * maxShare) {
      break;
    }
    offsets.set(c.id, left);
    left += c.width;
  }
  return offsets;
}
