/**
 * Run-diff formatting: turns the server's `run_diff` into rows of display text.
 * Pure functions (no DOM), unit-tested.
 */
import type { TranslationBundle } from '@jupyterlab/translation';

import {
  IDataChange,
  IMetricChange,
  IPackageChange,
  IParamChange,
  IRunDiff
} from '../api';
import { formatNumber, formatSize, formatValue, shortHash } from '../common';
import { defaultTrans } from '../translation';

export type Tone = 'better' | 'worse' | 'neutral';

export interface IParamRow {
  name: string;
  base: string;
  remote: string;
  change: string;
}

export interface IMetricRow extends IParamRow {
  delta: string;
  tone: Tone;
}

export interface IDataRow {
  path: string;
  change: string;
  label: string;
  detail: string;
}

export interface IPackageRow extends IParamRow {
  direction: string;
}

export interface IFieldRow {
  name: string;
  base: string;
  remote: string;
}

const LOWER_IS_BETTER =
  /(loss|err|error|mse|mae|rmse|mape|perplexity|latency|time|duration|seconds|_s$|wer|cer|fpr|fnr)/i;

/** Whether a smaller value of this metric is an improvement. */
export function lowerIsBetter(name: string): boolean {
  return LOWER_IS_BETTER.test(name);
}

/** "+0.02 (+2.2%)", "−3", "" when unknown. */
export function formatDelta(
  delta: number | null | undefined,
  pct: number | null | undefined
): string {
  if (delta === null || delta === undefined || !Number.isFinite(delta)) {
    return '';
  }
  if (delta === 0) {
    return '±0';
  }
  const sign = delta > 0 ? '+' : '−';
  let text = `${sign}${formatNumber(Math.abs(delta))}`;
  if (pct !== null && pct !== undefined && Number.isFinite(pct)) {
    const p = Math.abs(pct);
    const shown = p >= 10 ? p.toFixed(0) : p >= 1 ? p.toFixed(1) : p.toFixed(2);
    text += ` (${sign}${shown}%)`;
  }
  return text;
}

export function metricTone(row: IMetricChange): Tone {
  const d = row.delta;
  if (d === null || d === undefined || d === 0 || !Number.isFinite(d)) {
    return 'neutral';
  }
  const up = d > 0;
  return up !== lowerIsBetter(row.name) ? 'better' : 'worse';
}

export function paramRows(rows: readonly IParamChange[] = []): IParamRow[] {
  return rows.map(r => ({
    name: r.name,
    base: r.change === 'added' ? '—' : formatValue(r.base),
    remote: r.change === 'removed' ? '—' : formatValue(r.remote),
    change: r.change
  }));
}

/** Changed metrics first (largest relative change first), then unchanged ones. */
export function metricRows(rows: readonly IMetricChange[] = []): IMetricRow[] {
  const sorted = [...rows].sort((a, b) => {
    const ca = a.change === 'unchanged' ? 1 : 0;
    const cb = b.change === 'unchanged' ? 1 : 0;
    if (ca !== cb) {
      return ca - cb;
    }
    return a.name.localeCompare(b.name);
  });
  return sorted.map(r => ({
    name: r.name,
    base: r.change === 'added' ? '—' : formatNumber(r.base),
    remote: r.change === 'removed' ? '—' : formatNumber(r.remote),
    change: r.change,
    delta: formatDelta(r.delta, r.delta_pct),
    tone: metricTone(r)
  }));
}

/** The label of a data file change (the server's kind when not known here). */
export function dataLabel(change: string, trans: TranslationBundle): string {
  switch (change) {
    case 'added':
      return trans.__('new');
    case 'removed':
      return trans.__('no longer used');
    case 'content-changed':
      return trans.__('content changed');
    case 'unchanged':
      return trans.__('unchanged');
    case 'unknown':
      return trans.__('unknown');
    default:
      return change;
  }
}

/** Changed data files first; unchanged files are kept for completeness. */
export function dataRows(
  rows: readonly IDataChange[] = [],
  trans: TranslationBundle = defaultTrans()
): IDataRow[] {
  const order = ['content-changed', 'added', 'removed', 'unknown', 'unchanged'];
  const sorted = [...rows].sort(
    (a, b) =>
      order.indexOf(a.change) - order.indexOf(b.change) ||
      a.path.localeCompare(b.path)
  );
  return sorted.map(r => {
    let detail = '';
    if (r.change === 'content-changed') {
      const size =
        r.base_size !== r.remote_size
          ? `${formatSize(r.base_size)} → ${formatSize(r.remote_size)}`
          : formatSize(r.remote_size);
      detail = `${size}; ${shortHash(r.base_hash)} → ${shortHash(r.remote_hash)}`;
    } else if (r.change === 'added') {
      detail = `${formatSize(r.remote_size)} ${shortHash(r.remote_hash)}`;
    } else if (r.change === 'removed') {
      detail = `${formatSize(r.base_size)} ${shortHash(r.base_hash)}`;
    } else if (r.change === 'unchanged') {
      detail = `${formatSize(r.remote_size)} ${shortHash(r.remote_hash)}`;
    }
    return {
      path: r.path,
      change: r.change,
      label: dataLabel(r.change, trans),
      detail: detail.trim()
    };
  });
}

export function packageRows(
  rows: readonly IPackageChange[] = []
): IPackageRow[] {
  return rows.map(r => ({
    name: r.name,
    base: r.change === 'added' ? '—' : String(r.base ?? '—'),
    remote: r.change === 'removed' ? '—' : String(r.remote ?? '—'),
    change: r.change,
    direction: r.direction ?? r.change
  }));
}

export function fieldRows(
  fields: Record<string, { base: unknown; remote: unknown }> | undefined
): IFieldRow[] {
  return Object.entries(fields ?? {}).map(([name, v]) => ({
    name: name.replace(/_/g, ' '),
    base: v.base === null || v.base === undefined ? '—' : String(v.base),
    remote: v.remote === null || v.remote === undefined ? '—' : String(v.remote)
  }));
}

/** "abc1234 → def5678", "same commit abc1234 (main)", or "" when neither side has git. */
export function gitLine(
  git: IRunDiff['git'] | undefined,
  trans: TranslationBundle = defaultTrans()
): string {
  if (!git || (!git.base_commit && !git.remote_commit)) {
    return '';
  }
  const b = (git.base_commit ?? '').slice(0, 7) || '—';
  const r = (git.remote_commit ?? '').slice(0, 7) || '—';
  const dirty = (text: string, d: boolean | null | undefined) =>
    d ? trans.__('%1 (uncommitted changes)', text) : text;
  if (b === r) {
    const same = git.remote_branch
      ? trans.__('same commit %1 on %2', r, git.remote_branch)
      : trans.__('same commit %1', r);
    return dirty(same, git.remote_dirty);
  }
  return `${dirty(b, git.base_dirty)} → ${dirty(r, git.remote_dirty)}`;
}

/** Counts used in section headings and the "nothing changed" state. */
export function changeCounts(rd: IRunDiff): {
  params: number;
  metrics: number;
  data: number;
  packages: number;
  kernel: number;
} {
  return {
    params: (rd.params ?? []).filter(p => p.change !== 'unchanged').length,
    metrics: (rd.metrics ?? []).filter(m => m.change !== 'unchanged').length,
    data: (rd.data ?? []).filter(d => d.change !== 'unchanged').length,
    packages: (rd.packages ?? []).filter(p => p.change !== 'unchanged').length,
    kernel: Object.keys(rd.kernel ?? {}).length
  };
}
