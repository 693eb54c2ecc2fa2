/**
 * Pure helpers behind the history panel: relative times, day groups, key metrics,
 * short ids and default restore paths. No DOM, no JupyterLab: unit-tested directly.
 */
import type { TranslationBundle } from '@jupyterlab/translation';

import { ISnapshotSummary } from '../api';
import { defaultTrans } from '../translation';

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "just now", "5 min ago", "3 h ago", "yesterday", "4 days ago", else a date. */
export function relativeTime(
  iso: string,
  now: Date = new Date(),
  trans: TranslationBundle = defaultTrans()
): string {
  const then = new Date(iso);
  const t = then.getTime();
  if (Number.isNaN(t)) {
    return '';
  }
  const elapsed = now.getTime() - t;
  if (elapsed < 45 * 1000) {
    return trans.__('just now');
  }
  if (elapsed < HOUR) {
    const minutes = Math.max(1, Math.round(elapsed / MINUTE));
    return trans._n('%1 min ago', '%1 min ago', minutes);
  }
  const days = calendarDaysBetween(then, now);
  if (days === 0) {
    return trans._n('%1 h ago', '%1 h ago', Math.floor(elapsed / HOUR));
  }
  if (days === 1) {
    return trans.__('yesterday');
  }
  if (days < 7) {
    return trans._n('%1 day ago', '%1 days ago', days);
  }
  return then.toLocaleDateString(undefined, {
    day: 'numeric',
    month: 'short',
    year: then.getFullYear() === now.getFullYear() ? undefined : 'numeric'
  });
}

/** Whole local calendar days from `a` to `b` (0: same day). */
export function calendarDaysBetween(a: Date, b: Date): number {
  const da = new Date(a.getFullYear(), a.getMonth(), a.getDate());
  const db = new Date(b.getFullYear(), b.getMonth(), b.getDate());
  return Math.round((db.getTime() - da.getTime()) / DAY);
}

/** Local day key, e.g. "2026-11-25". */
export function dayKey(date: Date): string {
  const m = String(date.getMonth() + 1).padStart(2, '0');
  const d = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${m}-${d}`;
}

/** "Today", "Yesterday", or e.g. "Monday, 23 Nov". */
export function dayLabel(
  date: Date,
  now: Date = new Date(),
  trans: TranslationBundle = defaultTrans()
): string {
  const days = calendarDaysBetween(date, now);
  if (days === 0) {
    return trans.__('Today');
  }
  if (days === 1) {
    return trans.__('Yesterday');
  }
  return date.toLocaleDateString(undefined, {
    weekday: days < 7 ? 'long' : undefined,
    day: 'numeric',
    month: 'short',
    year: date.getFullYear() === now.getFullYear() ? undefined : 'numeric'
  });
}

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

function timeOf(iso: string): number {
  const t = new Date(iso).getTime();
  return Number.isNaN(t) ? -Infinity : t;
}

/** A number for humans: integers as they are, others to 4 significant digits. */
export function formatNumber(value: unknown): string {
  if (typeof value !== 'number') {
    return value === undefined || value === null ? '—' : String(value);
  }
  if (!Number.isFinite(value)) {
    return String(value);
  }
  if (Number.isInteger(value) && Math.abs(value) < 1e15) {
    return String(value);
  }
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e6)) {
    return value.toExponential(2);
  }
  return String(Number(value.toPrecision(4)));
}

/** Any JSON value as short text (parameters can be strings, lists, dicts). */
export function formatValue(value: unknown): string {
  if (typeof value === 'number') {
    return formatNumber(value);
  }
  if (typeof value === 'string') {
    return JSON.stringify(value);
  }
  if (value === undefined) {
    return '—';
  }
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
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
    .map(name => ({ name, value: formatNumber(metrics[name]) }));
}

/** The last 6 characters of a ULID (its random part), lower-cased. */
export function shortId(id: string): string {
  return id.slice(-6).toLowerCase();
}

/** "<dir>/<name>-<shortid>.ipynb" next to the original notebook. */
export function defaultRestorePath(notebookPath: string, id: string): string {
  const slash = notebookPath.lastIndexOf('/');
  const dir = slash >= 0 ? notebookPath.slice(0, slash + 1) : '';
  const file = slash >= 0 ? notebookPath.slice(slash + 1) : notebookPath;
  const stem = file.replace(/\.ipynb$/i, '') || 'notebook';
  return `${dir}${stem}-${shortId(id)}.ipynb`;
}

/** Initials from a name when the server did not send any. */
export function initialsOf(author: {
  initials?: string;
  name?: string;
  username?: string;
}): string {
  if (author.initials) {
    return author.initials.slice(0, 3);
  }
  const source = (author.name || author.username || '?').trim();
  const words = source.split(/[\s._-]+/).filter(Boolean);
  const letters =
    words.length >= 2 ? words[0][0] + words[words.length - 1][0] : source[0];
  return (letters || '?').toUpperCase();
}

/** A stable colour for an author when the server did not send one. */
export function colorOf(author: { color?: string; username?: string }): string {
  if (author.color && /^#[0-9a-f]{3,8}$/i.test(author.color)) {
    return author.color;
  }
  const palette = [
    '#1976d2',
    '#388e3c',
    '#d32f2f',
    '#7b1fa2',
    '#f57c00',
    '#0097a7',
    '#5d4037',
    '#c2185b'
  ];
  let hash = 0;
  for (const ch of author.username ?? '') {
    hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  }
  return palette[hash % palette.length];
}

/** Order two snapshots as (older, newer) for a diff. */
export function orderForDiff(
  a: ISnapshotSummary,
  b: ISnapshotSummary
): [ISnapshotSummary, ISnapshotSummary] {
  return timeOf(a.created) <= timeOf(b.created) ? [a, b] : [b, a];
}
