/**
 * Pure helpers behind the history panel: day groups, key parameters and
 * metrics, diff order.
 * Times, numbers, ids and authors come from ../common. Unit-tested directly.
 */
import type { TranslationBundle } from '@jupyterlab/translation';

import { ISnapshotSummary } from '../api';
import { dayKey, dayLabel, formatValue, timeOf } from '../common';
import { defaultTrans } from '../translation';

export interface IDayGroup<T> {
  key: string;
  label: string;
  items: T[];
}

/** Newest first, grouped by local calendar day (groups newest first too). */
export function groupByDay<T extends { created: string }>(
  items: readonly T[],
  now: Date = new Date(),
  trans: TranslationBundle = defaultTrans()
): IDayGroup<T>[] {
  const sorted = [...items].sort(
    (a, b) => timeOf(b.created) - timeOf(a.created)
  );
  const groups: IDayGroup<T>[] = [];
  for (const item of sorted) {
    const date = new Date(item.created);
    const valid = !Number.isNaN(date.getTime());
    const key = valid ? dayKey(date) : 'unknown';
    let group = groups[groups.length - 1];
    if (!group || group.key !== key) {
      group = {
        key,
        label: valid ? dayLabel(date, now, trans) : trans.__('Unknown date'),
        items: []
      };
      groups.push(group);
    }
    group.items.push(item);
  }
  return groups;
}

/** Up to `limit` metrics to show on an item: preferred names first, then alphabetical. */
export function keyMetrics(
  metrics: Record<string, unknown> | null | undefined,
  limit = 3
): { name: string; value: string }[] {
  if (!metrics) {
    return [];
  }
  const preferred = [
    'accuracy',
    'acc',
    'f1',
    'auc',
    'roc_auc',
    'r2',
    'loss',
    'val_loss',
    'rmse',
    'mae'
  ];
  const names = Object.keys(metrics).sort((a, b) => {
    const ia = preferred.indexOf(a.toLowerCase());
    const ib = preferred.indexOf(b.toLowerCase());
    if (ia !== ib) {
      return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib);
    }
    return a.localeCompare(b);
  });
  return names
    .slice(0, limit)
    .map(name => ({ name, value: formatValue(metrics[name]) }));
}

/** Up to `limit` parameters, in the order the parameters cell sets them. */
export function keyParams(
  params: Record<string, unknown> | null | undefined,
  limit = 3
): { name: string; value: string }[] {
  return Object.entries(params ?? {})
    .slice(0, limit)
    .map(([name, value]) => ({ name, value: formatValue(value) }));
}

/** Every `name = value` pair as one line, for a title that shows what an item cuts. */
export function allValues(
  values: Record<string, unknown> | null | undefined
): string {
  return Object.entries(values ?? {})
    .map(([name, value]) => `${name} = ${formatValue(value)}`)
    .join(', ');
}

/** Order two snapshots as (older, newer) for a diff. */
export function orderForDiff(
  a: ISnapshotSummary,
  b: ISnapshotSummary
): [ISnapshotSummary, ISnapshotSummary] {
  return timeOf(a.created) <= timeOf(b.created) ? [a, b] : [b, a];
}
