/**
 * Vega-Lite (v5) chart specs for comparing a metric across runs, coloured
 * from the JupyterLab theme so they read in light and dark mode (pure logic;
 * rendered through JupyterLab's own vega renderer via IRenderMimeRegistry).
 */
import type { TranslationBundle } from '@jupyterlab/translation';

import { timeAxis } from '../charts/timeAxis';
import { shortId } from '../common';
import { defaultTrans } from '../translation';

export const VEGALITE_MIME = 'application/vnd.vegalite.v5+json';

export interface IChartTheme {
  foreground: string;
  muted: string;
  grid: string;
  background: string;
  /** Marks. */
  primary: string;
  /** Highlighted marks (the selected runs on the line chart). */
  highlight: string;
  font: string;
}

/** Fallbacks: JupyterLab light theme values. */
export const DEFAULT_CHART_THEME: IChartTheme = {
  foreground: 'rgba(0, 0, 0, 0.87)',
  muted: 'rgba(0, 0, 0, 0.54)',
  grid: '#e0e0e0',
  background: '#ffffff',
  primary: '#1976d2',
  highlight: '#f57c00',
  font: 'system-ui, sans-serif'
};

/** Read the theme colours from the CSS variables on *node* (document.body by default). */
export function readChartTheme(node?: HTMLElement): IChartTheme {
  const el = node ?? (typeof document !== 'undefined' ? document.body : null);
  if (!el || typeof getComputedStyle === 'undefined') {
    return { ...DEFAULT_CHART_THEME };
  }
  const style = getComputedStyle(el);
  const v = (name: string, fallback: string) =>
    style.getPropertyValue(name).trim() || fallback;
  const d = DEFAULT_CHART_THEME;
  return {
    foreground: v('--jp-ui-font-color1', d.foreground),
    muted: v('--jp-ui-font-color2', d.muted),
    grid: v('--jp-border-color2', d.grid),
    background: v('--jp-layout-color1', d.background),
    primary: v('--jp-brand-color1', d.primary),
    highlight: v('--jp-warn-color1', d.highlight),
    font: v('--jp-ui-font-family', d.font)
  };
}

/** Vega-Lite `config` that colours axes, legends and text from *theme*. */
export function chartConfig(theme: IChartTheme): Record<string, unknown> {
  const axis = {
    labelColor: theme.muted,
    titleColor: theme.foreground,
    gridColor: theme.grid,
    domainColor: theme.grid,
    tickColor: theme.grid,
    labelFont: theme.font,
    titleFont: theme.font
  };
  return {
    background: theme.background,
    font: theme.font,
    view: { stroke: null },
    axis,
    legend: {
      labelColor: theme.muted,
      titleColor: theme.foreground,
      labelFont: theme.font,
      titleFont: theme.font
    },
    title: { color: theme.foreground, font: theme.font },
    text: { color: theme.foreground }
  };
}

export interface IBarDatum {
  id: string;
  /** Short unique label of the run (message or id, with author). */
  label: string;
  value: number;
  author: string;
  created: string;
}

/** One bar per run with a value for *metric*. */
export function barChartSpec(
  metric: string,
  runs: ReadonlyArray<IBarDatum>,
  theme: IChartTheme,
  width = 480,
  trans: TranslationBundle = defaultTrans()
): Record<string, unknown> {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    description: trans.__('%1 across the selected runs', metric),
    width,
    height: Math.max(120, Math.min(40 * runs.length, 360)),
    config: chartConfig(theme),
    data: {
      values: runs.map(r => ({
        id: r.id,
        run: r.label,
        value: r.value,
        author: r.author,
        created: r.created
      }))
    },
    mark: { type: 'bar', color: theme.primary, tooltip: true },
    encoding: {
      y: {
        field: 'run',
        type: 'nominal',
        sort: null,
        title: null,
        axis: { labelLimit: 220 }
      },
      x: { field: 'value', type: 'quantitative', title: metric },
      tooltip: [
        { field: 'run', title: trans.__('run') },
        { field: 'author', title: trans.__('author') },
        { field: 'value', title: metric, format: '.4~g' },
        { field: 'created', title: trans.__('time'), type: 'temporal' }
      ]
    }
  };
}

export interface ILineDatum {
  id: string;
  created: string;
  value: number;
  label: string;
  author: string;
  selected: boolean;
}

/** *metric* over time for one notebook's runs; the selected runs are highlighted. */
export function lineChartSpec(
  metric: string,
  notebook: string,
  points: ReadonlyArray<ILineDatum>,
  theme: IChartTheme,
  width = 480,
  trans: TranslationBundle = defaultTrans()
): Record<string, unknown> {
  const values = [...points]
    .sort((a, b) =>
      a.created < b.created ? -1 : a.created > b.created ? 1 : 0
    )
    .map(p => ({
      id: p.id,
      created: p.created,
      value: p.value,
      run: p.label,
      author: p.author,
      selected: p.selected ? 'selected' : 'other'
    }));
  // Ticks on the runs' own times, formatted for their span: no repeated labels.
  const ticks = timeAxis(values.map(v => v.created));
  const x = {
    field: 'created',
    type: 'temporal',
    title: trans.__('time'),
    axis: {
      format: ticks.format,
      values: ticks.values,
      labelOverlap: true,
      labelAngle: 0
    }
  };
  const y = { field: 'value', type: 'quantitative', title: metric };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    description: trans.__('%1 over time for %2', metric, notebook),
    width,
    height: 220,
    config: chartConfig(theme),
    data: { values },
    layer: [
      {
        mark: { type: 'line', color: theme.primary },
        encoding: { x, y }
      },
      {
        mark: { type: 'point', filled: true, size: 70, tooltip: true },
        encoding: {
          x,
          y,
          color: {
            field: 'selected',
            type: 'nominal',
            scale: {
              domain: ['selected', 'other'],
              range: [theme.highlight, theme.primary]
            },
            legend: { title: null, orient: 'bottom' }
          },
          tooltip: [
            { field: 'run', title: trans.__('run') },
            { field: 'author', title: trans.__('author') },
            { field: 'value', title: metric, format: '.4~g' },
            { field: 'created', title: trans.__('time'), type: 'temporal' }
          ]
        }
      }
    ]
  };
}

/** Metric names present in at least one of *runs*, most common first, then by name. */
export function chartableMetrics(
  runs: ReadonlyArray<{ metrics?: Record<string, unknown> }>
): string[] {
  const counts = new Map<string, number>();
  for (const r of runs) {
    for (const [k, v] of Object.entries(r.metrics ?? {})) {
      if (typeof v === 'number' && Number.isFinite(v)) {
        counts.set(k, (counts.get(k) ?? 0) + 1);
      }
    }
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([k]) => k);
}

/** A short label for a run in charts and compare headers, unique within *all*. */
export function runLabel(
  run: {
    id: string;
    message?: string;
    author?: { name?: string; username?: string };
  },
  index?: number
): string {
  const msg = (run.message || '').trim();
  const short = msg.length > 28 ? `${msg.slice(0, 27)}…` : msg;
  const prefix = index === undefined ? '' : `#${index + 1} `;
  return `${prefix}${short || shortId(run.id)}`;
}
