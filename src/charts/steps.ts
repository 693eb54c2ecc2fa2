/**
 * Step curves: each metric's logged values (`metrics_history`) against the
 * step, one line per run, with exponential smoothing and a log scale (pure
 * logic; the spec is rendered by JupyterLab's Vega-Lite renderer).
 */
import type { TranslationBundle } from '@jupyterlab/translation';

import { defaultTrans } from '../translation';
import { chartConfig, IChartTheme } from '../teamRuns/charts';

export interface IStepPoint {
  step: number;
  value: number;
}

function finite(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/**
 * A metric's points from a run: its `metrics_history` entry, either the
 * manifest's every value (`[v1, v2, …]`, steps from 1; null values skipped but
 * counted) or a summary's `[[step, value], …]` pairs. A metric logged once (no
 * history, or one value) is one point at step 1 from *last*.
 */
export function stepsOf(history: unknown, last: unknown): IStepPoint[] {
  const points: IStepPoint[] = [];
  if (Array.isArray(history)) {
    history.forEach((entry: unknown, i) => {
      if (Array.isArray(entry)) {
        if (entry.length === 2 && finite(entry[0]) && finite(entry[1])) {
          points.push({ step: entry[0], value: entry[1] });
        }
      } else if (finite(entry)) {
        points.push({ step: i + 1, value: entry });
      }
    });
  }
  if (points.length === 0 && finite(last)) {
    points.push({ step: 1, value: last });
  }
  return points;
}

/**
 * Exponential moving average (as TensorBoard's smoothing slider): each value
 * is *weight* of the previous smoothed value plus (1 − weight) of its own,
 * debiased so the first values are not pulled towards zero. weight 0: as is.
 */
export function ema(values: readonly number[], weight: number): number[] {
  const w = Math.min(Math.max(weight, 0), 0.999);
  if (w === 0) {
    return [...values];
  }
  let acc = 0;
  let norm = 0;
  return values.map(v => {
    acc = acc * w + (1 - w) * v;
    norm = norm * w + (1 - w);
    return acc / norm;
  });
}

/** The runs a step chart shows: one series per run that has the metric. */
export interface IStepSeries {
  id: string;
  /** Unique label of the run in the view ("#1 baseline"). */
  label: string;
  points: IStepPoint[];
}

export interface IStepOptions {
  /** EMA weight in [0, 1). */
  smoothing: number;
  /** A log y scale (values ≤ 0 cannot be drawn and are left out). */
  log: boolean;
}

/** The rows of a step chart: smoothed per run, values ≤ 0 dropped on a log scale. */
export function stepRows(
  series: readonly IStepSeries[],
  options: IStepOptions
): { id: string; run: string; step: number; value: number; raw: number }[] {
  const rows = [];
  for (const s of series) {
    const points = [...s.points].sort((a, b) => a.step - b.step);
    const smooth = ema(
      points.map(p => p.value),
      options.smoothing
    );
    for (let i = 0; i < points.length; i++) {
      const value = smooth[i];
      if (options.log && (value <= 0 || points[i].value <= 0)) {
        continue;
      }
      rows.push({
        id: s.id,
        run: s.label,
        step: points[i].step,
        value,
        raw: points[i].value
      });
    }
  }
  return rows;
}

/**
 * Ticks of the step axis: whole steps only, each once (Vega's own ticks fall
 * on halves for short runs, and "d" formats 1.5 and 2 both as "2").
 */
export function stepTicks(steps: readonly number[], maxTicks = 10): number[] {
  const whole = [...new Set(steps.filter(Number.isInteger))].sort(
    (a, b) => a - b
  );
  if (whole.length <= maxTicks) {
    return whole;
  }
  const lo = whole[0];
  const hi = whole[whole.length - 1];
  const raw = (hi - lo) / (maxTicks - 1);
  const power = 10 ** Math.floor(Math.log10(raw));
  const every = Math.max(
    1,
    [1, 2, 5, 10].map(m => m * power).find(m => m >= raw) ?? raw
  );
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / every) * every; t <= hi; t += every) {
    ticks.push(t);
  }
  return ticks;
}

/** Run colours that read on light and dark backgrounds (Tableau 10). */
export const RUN_COLOURS = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac'
];

/** *metric* against the step for each run in *series*: lines, and a point per logged value. */
export function stepChartSpec(
  metric: string,
  series: readonly IStepSeries[],
  options: IStepOptions,
  theme: IChartTheme,
  width = 480,
  trans: TranslationBundle = defaultTrans()
): Record<string, unknown> {
  const values = stepRows(series, options);
  const smoothed = options.smoothing > 0;
  const x = {
    field: 'step',
    type: 'quantitative',
    title: trans.__('step'),
    axis: { values: stepTicks(values.map(v => v.step)), format: 'd' }
  };
  const y = {
    field: 'value',
    type: 'quantitative',
    title: smoothed ? trans.__('%1 (smoothed)', metric) : metric,
    scale: options.log ? { type: 'log' } : { zero: false }
  };
  const color = {
    field: 'run',
    type: 'nominal',
    sort: null,
    title: null,
    scale: { range: RUN_COLOURS },
    legend: { orient: 'bottom', labelLimit: 220 }
  };
  const tooltip = [
    { field: 'run', title: trans.__('run') },
    { field: 'step', title: trans.__('step') },
    { field: smoothed ? 'raw' : 'value', title: metric, format: '.4~g' },
    ...(smoothed
      ? [{ field: 'value', title: trans.__('smoothed'), format: '.4~g' }]
      : [])
  ];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    description: trans.__('%1 by step for the selected runs', metric),
    width,
    height: 220,
    config: chartConfig(theme),
    data: { values },
    encoding: { x, y, color },
    layer: [
      {
        name: 'lines',
        mark: { type: 'line', strokeWidth: 2, cursor: 'pointer' },
        encoding: { detail: { field: 'id', type: 'nominal' } }
      },
      {
        name: 'points',
        mark: {
          type: 'point',
          filled: true,
          size: 60,
          opacity: 1,
          cursor: 'pointer'
        },
        encoding: { tooltip }
      },
      // Smoothed: the logged values stay visible, faint, behind the smoothed lines.
      ...(smoothed
        ? [
            {
              name: 'raw',
              mark: { type: 'line', strokeWidth: 1, opacity: 0.3 },
              encoding: {
                y: { ...y, field: 'raw' },
                detail: { field: 'id', type: 'nominal' }
              }
            }
          ]
        : [])
    ]
  };
}
