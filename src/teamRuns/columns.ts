/**
 * Columns of the Team runs table: the fixed run facts plus one column per
 * parameter and per metric seen in the loaded rows (pure logic, unit-tested).
 */
import type { TranslationBundle } from '@jupyterlab/translation';

import { ISnapshotSummary } from '../api';
import { formatValue, initialsOf, relativeTime } from '../common';
import { defaultTrans } from '../translation';

export type ColumnKind = 'run' | 'param' | 'metric';

export interface IColumn {
  /** Stable id, also the key persisted in settings: `created`, `param.lr`, `metric.accuracy`. */
  id: string;
  kind: ColumnKind;
  /** The parameter/metric name, or the fixed column's field. */
  name: string;
  label: string;
  /** Server sort key (without direction), or null when the column cannot be sorted. */
  sortKey: string | null;
  /** Default width in pixels. */
  width: number;
  /** Numbers are right-aligned and sort descending first. */
  numeric: boolean;
  /** A metric's step curve (`spark.<metric>`), drawn from `metrics_history`. */
  sparkline?: boolean;
}

/** The fixed columns, in their default order. */
export const RUN_COLUMNS: ReadonlyArray<IColumn> = [
  col('created', 'Time', 'created', 84, true),
  col('author', 'Author', 'author', 64, false),
  col('verified', 'Verified', null, 96, false),
  col('notebook', 'Notebook', 'notebook', 170, false),
  col('message', 'Message', 'message', 240, false),
  col('tags', 'Tags', null, 140, false),
  col('comments', 'Comments', null, 44, true)
];

function col(
  name: string,
  label: string,
  sortKey: string | null,
  width: number,
  numeric: boolean
): IColumn {
  return { id: name, kind: 'run', name, label, sortKey, width, numeric };
}

export const GROUP_LABELS: Record<ColumnKind, string> = {
  run: 'run',
  param: 'params',
  metric: 'metrics'
};

/** A column's header text: run columns are translated, parameter/metric names are data. */
export function columnLabel(
  column: IColumn,
  trans: TranslationBundle = defaultTrans()
): string {
  if (column.sparkline) {
    return trans.__('%1 curve', column.label);
  }
  if (column.kind !== 'run') {
    return column.label;
  }
  switch (column.name) {
    case 'created':
      return trans.__('Time');
    case 'author':
      return trans.__('Author');
    case 'notebook':
      return trans.__('Notebook');
    case 'message':
      return trans.__('Message');
    case 'tags':
      return trans.__('Tags');
    case 'comments':
      return trans.__('Comments');
    case 'verified':
      return trans.__('Verified');
    default:
      return column.label;
  }
}

/** The text above a group of header cells. */
export function groupLabel(
  kind: ColumnKind,
  trans: TranslationBundle = defaultTrans()
): string {
  switch (kind) {
    case 'param':
      return trans.__('params');
    case 'metric':
      return trans.__('metrics');
    default:
      return trans.__('run');
  }
}

export function columnId(kind: 'param' | 'metric', name: string): string {
  return `${kind}.${name}`;
}

export function valueColumn(kind: 'param' | 'metric', name: string): IColumn {
  return {
    id: columnId(kind, name),
    kind,
    name,
    label: name,
    sortKey: columnId(kind, name),
    width: 96,
    numeric: true
  };
}

/** The step-curve column of metric *name*. */
export function sparkColumn(name: string): IColumn {
  return {
    id: `spark.${name}`,
    kind: 'metric',
    name,
    label: name,
    sortKey: null,
    width: 84,
    numeric: false,
    sparkline: true
  };
}

const collator = new Intl.Collator(undefined, {
  numeric: true,
  sensitivity: 'base'
});

/**
 * Union of the parameter and metric names over *rows* (and *known*, the
 * columns already shown, so columns never disappear while paging), as
 * columns: params, then metrics (each by name), then the fixed run facts:
 * what a run is compared on comes first.
 */
export function unionColumns(
  rows: Iterable<ISnapshotSummary>,
  known: Iterable<IColumn> = []
): IColumn[] {
  const params = new Set<string>();
  const metrics = new Set<string>();
  for (const c of known) {
    if (c.kind === 'param') {
      params.add(c.name);
    } else if (c.kind === 'metric') {
      metrics.add(c.name);
    }
  }
  for (const row of rows) {
    for (const name of Object.keys(row.params ?? {})) {
      params.add(name);
    }
    for (const name of Object.keys(row.metrics ?? {})) {
      metrics.add(name);
    }
  }
  const sorted = (names: Set<string>) => [...names].sort(collator.compare);
  return [
    ...sorted(params).map(n => valueColumn('param', n)),
    ...sorted(metrics).map(n => valueColumn('metric', n)),
    ...RUN_COLUMNS
  ];
}

/** The persisted column layout (per user, in the state database). */
export interface IColumnLayout {
  /** Explicit order of column ids (columns not named keep their default place). */
  order: string[];
  hidden: string[];
  /** Widths the user set by dragging a header edge; others are fitted to content. */
  widths?: Record<string, number>;
  /** Pinned (sticky, leftmost) column ids; absent: every parameter and metric. */
  pinned?: string[];
  /** Show only the parameter/metric columns whose values differ in the loaded rows. */
  differOnly?: boolean;
  /** Metrics shown with a step-curve column beside them. */
  sparklines?: string[];
  /** The table's sort (server key and direction). */
  sort?: { key: string; descending: boolean };
}

/** Is column *c* pinned in *layout*? */
export function isPinned(layout: IColumnLayout, c: IColumn): boolean {
  return layout.pinned ? layout.pinned.includes(c.id) : c.kind !== 'run';
}

/**
 * Apply the user's *layout* to *all* columns: ids named in `order` come in
 * that order; columns the layout does not know yet keep their default place
 * (after the last known column of their group, so a new metric lands among the
 * metrics). Hidden columns are dropped. Unknown ids in the layout are ignored.
 */
export function arrangeColumns(
  all: ReadonlyArray<IColumn>,
  layout: IColumnLayout,
  includeHidden = false
): IColumn[] {
  const byId = new Map(all.map(c => [c.id, c]));
  const ordered: IColumn[] = [];
  const placed = new Set<string>();
  for (const id of layout.order) {
    const c = byId.get(id);
    if (c && !placed.has(id)) {
      ordered.push(c);
      placed.add(id);
    }
  }
  for (const c of all) {
    if (placed.has(c.id)) {
      continue;
    }
    // After the last placed column of the same kind, else at the end.
    let at = -1;
    for (let i = ordered.length - 1; i >= 0; i--) {
      if (ordered[i].kind === c.kind) {
        at = i + 1;
        break;
      }
    }
    if (at < 0) {
      ordered.push(c);
    } else {
      ordered.splice(at, 0, c);
    }
    placed.add(c.id);
  }
  // Pinned columns stick to the left edge, so they come first (stable).
  const arranged = [
    ...ordered.filter(c => isPinned(layout, c)),
    ...ordered.filter(c => !isPinned(layout, c))
  ];
  if (includeHidden) {
    return arranged;
  }
  const hidden = new Set(layout.hidden);
  return arranged.filter(c => !hidden.has(c.id));
}

/** Move column *id* to just before *beforeId* (or to the end when null) in the full order. */
export function moveColumn(
  all: ReadonlyArray<IColumn>,
  layout: IColumnLayout,
  id: string,
  beforeId: string | null
): IColumnLayout {
  const order = arrangeColumns(all, layout, true)
    .map(c => c.id)
    .filter(c => c !== id);
  const at = beforeId === null ? -1 : order.indexOf(beforeId);
  if (at < 0) {
    order.push(id);
  } else {
    order.splice(at, 0, id);
  }
  return { ...layout, order, hidden: [...layout.hidden] };
}

/** Move column *id* one visible step left (-1) or right (+1). */
export function shiftColumn(
  all: ReadonlyArray<IColumn>,
  layout: IColumnLayout,
  id: string,
  step: -1 | 1
): IColumnLayout {
  const visible = arrangeColumns(all, layout).map(c => c.id);
  const i = visible.indexOf(id);
  const j = i + step;
  if (i < 0 || j < 0 || j >= visible.length) {
    return layout;
  }
  if (step < 0) {
    return moveColumn(all, layout, id, visible[j]);
  }
  return moveColumn(
    all,
    layout,
    id,
    j + 1 < visible.length ? visible[j + 1] : null
  );
}

export function setHidden(
  layout: IColumnLayout,
  id: string,
  hidden: boolean
): IColumnLayout {
  const set = new Set(layout.hidden);
  if (hidden) {
    set.add(id);
  } else {
    set.delete(id);
  }
  return { ...layout, order: [...layout.order], hidden: [...set] };
}

/** Group spans for the two-level header: consecutive columns of one kind. */
export function columnGroups(
  columns: ReadonlyArray<IColumn>
): { kind: ColumnKind; label: string; span: number; width: number }[] {
  const groups: {
    kind: ColumnKind;
    label: string;
    span: number;
    width: number;
  }[] = [];
  for (const c of columns) {
    const last = groups[groups.length - 1];
    if (last && last.kind === c.kind) {
      last.span++;
      last.width += c.width;
    } else {
      groups.push({
        kind: c.kind,
        label: GROUP_LABELS[c.kind],
        span: 1,
        width: c.width
      });
    }
  }
  return groups;
}

/** The text of one cell. */
export function cellText(
  row: ISnapshotSummary,
  column: IColumn,
  trans: TranslationBundle = defaultTrans()
): string {
  switch (column.kind) {
    case 'param':
      return formatValue(row.params?.[column.name], '');
    case 'metric':
      return formatValue(row.metrics?.[column.name], '');
    default:
      break;
  }
  switch (column.name) {
    case 'created':
      return relativeTime(row.created, new Date(), trans);
    case 'author':
      return initialsOf(row.author);
    case 'notebook':
      return row.notebook?.path ?? '';
    case 'message':
      return row.message ?? '';
    case 'tags':
      return (row.tags ?? []).join(', ');
    case 'comments':
      return row.comment_count ? String(row.comment_count) : '';
    case 'verified':
      return '';
    default:
      return '';
  }
}
