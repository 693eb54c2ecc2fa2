/**
 * What a re-run job means to the person watching it: its phase, progress,
 * data files that changed, and each cell's status as words. Pure functions of
 * the server's job record (`GET /snapshots/{id}/rerun/{job}`).
 */
import type { TranslationBundle } from '@jupyterlab/translation';

import type { IRerunJob } from '../api';
import { isVerdict, type Verdict } from '../common';
import { defaultTrans } from '../translation';

export type CellStatus = 'same' | 'close' | 'differs' | 'error' | 'timeout';

export type RerunPhase =
  'starting' | 'checking' | 'running' | 'done' | 'failed' | 'cancelled';

export interface IRerunCell {
  /** Position in the notebook's cell list (0-based). */
  index: number;
  status: CellStatus;
}

/** One re-run job as the dialog shows it. */
export interface IRerunView {
  phase: RerunPhase;
  /** Code cells executed so far, and how many there are (0 while unknown). */
  done: number;
  total: number;
  /** Files the run read whose content changed since it was recorded (null: not checked yet). */
  dataChanged: string[] | null;
  verdict: Verdict | null;
  cells: IRerunCell[];
  /** The re-run's own snapshot (null when none was stored). */
  rerunId: string | null;
  /** Why it failed, when the server said. */
  detail: string;
}

const CELL_STATUSES: readonly string[] = [
  'same',
  'close',
  'differs',
  'error',
  'timeout'
];

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/** A finished job's record never changes again: stop polling it. */
export function isFinished(job: Pick<IRerunJob, 'state'>): boolean {
  return (
    job.state === 'done' || job.state === 'failed' || job.state === 'cancelled'
  );
}

export function rerunView(job: IRerunJob): IRerunView {
  const progress = (job.progress ?? {}) as Record<string, unknown>;
  const result = job.result ?? null;
  const dataChanged = Array.isArray(result?.data_changed)
    ? result.data_changed
    : Array.isArray(job.data_changed)
      ? job.data_changed
      : null;
  const cells: IRerunCell[] = (result?.cells ?? [])
    .filter(c => CELL_STATUSES.includes(c.status))
    .map(c => ({ index: c.index, status: c.status as CellStatus }));
  const total = numberOr(progress.total, cells.length);
  let phase: RerunPhase;
  let done = numberOr(progress.done, 0);
  switch (job.state) {
    case 'done':
      phase = 'done';
      done = cells.length || total;
      break;
    case 'failed':
    case 'cancelled':
      phase = job.state;
      break;
    default:
      phase =
        progress.stage === 'cell'
          ? 'running'
          : progress.stage === 'data'
            ? 'checking'
            : 'starting';
  }
  return {
    phase,
    done,
    total: Math.max(total, done),
    dataChanged,
    verdict: isVerdict(result?.verdict) ? result.verdict : null,
    cells,
    rerunId: typeof result?.id === 'string' && result.id ? result.id : null,
    detail: String(job.error || result?.detail || '')
  };
}

/** The one line under the progress bar. */
export function progressText(
  view: IRerunView,
  trans: TranslationBundle = defaultTrans()
): string {
  switch (view.phase) {
    case 'starting':
      return trans.__('Starting a fresh kernel…');
    case 'checking':
      return trans.__('Checking the data files it read…');
    case 'running':
      return trans.__('Running cell %1 of %2…', view.done + 1, view.total);
    case 'done':
      return view.verdict === 'failed'
        ? trans.__('The re-run failed: %1', view.detail || trans.__('unknown'))
        : trans._n('Ran %1 code cell.', 'Ran all %1 code cells.', view.total);
    case 'failed':
      return trans.__(
        'The re-run could not finish: %1',
        view.detail || trans.__('unknown error')
      );
    case 'cancelled':
      return trans.__('Cancelled. Nothing was stored.');
  }
}

/** A cell status as a word and a sentence. */
export function cellStatusText(
  status: CellStatus,
  trans: TranslationBundle = defaultTrans()
): { label: string; title: string } {
  switch (status) {
    case 'same':
      return {
        label: trans.__('same'),
        title: trans.__('The outputs are the same')
      };
    case 'close':
      return {
        label: trans.__('close'),
        title: trans.__('Numbers within the tolerance, images nearly equal')
      };
    case 'differs':
      return {
        label: trans.__('differs'),
        title: trans.__('The outputs differ')
      };
    case 'error':
      return {
        label: trans.__('error'),
        title: trans.__('The cell raised an error or did not run')
      };
    case 'timeout':
      return {
        label: trans.__('timeout'),
        title: trans.__('The time limit ran out before this cell finished')
      };
  }
}

/** Cells a person should look at first: everything but same and close. */
export function cellsToReview(cells: readonly IRerunCell[]): IRerunCell[] {
  return cells.filter(c => c.status !== 'same' && c.status !== 'close');
}

/** The first non-empty line of a cell's source, shortened (shown as text). */
export function cellSnippet(source: unknown, max = 60): string {
  const text = Array.isArray(source)
    ? source.join('')
    : typeof source === 'string'
      ? source
      : '';
  const first = text.split('\n').find(line => line.trim()) ?? '';
  return first.length > max ? `${first.slice(0, max - 1)}…` : first;
}
