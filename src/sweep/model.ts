/**
 * The sweep view's logic (pure): the axes of a parallel-coordinates plot of
 * one notebook's runs (the parameters that vary, then a metric), each run's
 * position on them, and brushed ranges as Team runs query terms
 * (jupyter_ext/store/query.py).
 */

/** A run as the sweep view reads it (a list summary). */
export interface ISweepRun {
  id: string;
  label: string;
  params: Record<string, unknown>;
  metrics: Record<string, unknown>;
}

export interface IAxis {
  /** Unique among the axes: `param:lr`, `metric:accuracy`. */
  key: string;
  name: string;
  kind: 'param' | 'metric';
  /** Numeric: a linear scale over [min, max]; otherwise the categories in order. */
  numeric: boolean;
  min: number;
  max: number;
  categories: string[];
}

/** A brushed interval on an axis, in its data units (lo ≤ hi). */
export type Ranges = Readonly<Record<string, readonly [number, number]>>;

function finite(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function category(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

const collator = new Intl.Collator(undefined, { numeric: true });

/** What *axis* reads from *run* (undefined: the run has no such value). */
export function axisValue(run: ISweepRun, axis: IAxis): unknown {
  const source = axis.kind === 'param' ? run.params : run.metrics;
  return source?.[axis.name];
}

function makeAxis(
  kind: 'param' | 'metric',
  name: string,
  values: unknown[]
): IAxis {
  const present = values.filter(v => v !== undefined && v !== null);
  const numeric = present.length > 0 && present.every(finite);
  const nums = numeric ? (present as number[]) : [];
  return {
    key: `${kind}:${name}`,
    name,
    kind,
    numeric,
    min: nums.length ? Math.min(...nums) : 0,
    max: nums.length ? Math.max(...nums) : 0,
    categories: numeric
      ? []
      : [...new Set(present.map(category))].sort(collator.compare)
  };
}

/**
 * The axes for *runs*: every parameter whose value differs between runs (all
 * parameters when none differs), by name, then *metric* last.
 */
export function sweepAxes(runs: readonly ISweepRun[], metric: string): IAxis[] {
  const names = new Set<string>();
  for (const r of runs) {
    Object.keys(r.params ?? {}).forEach(n => names.add(n));
  }
  const all = [...names].sort(collator.compare).map(n =>
    makeAxis(
      'param',
      n,
      runs.map(r => r.params?.[n])
    )
  );
  const varying = all.filter(
    a =>
      new Set(
        runs.map(r => {
          const v = axisValue(r, a);
          return v === undefined ? '\u0000' : category(v);
        })
      ).size > 1
  );
  const params = varying.length ? varying : all;
  if (!metric) {
    return params;
  }
  return [
    ...params,
    makeAxis(
      'metric',
      metric,
      runs.map(r => r.metrics?.[metric])
    )
  ];
}

/** *value*'s position on *axis*: 0 at the bottom, 1 at the top; null when missing. */
export function normalise(value: unknown, axis: IAxis): number | null {
  if (value === undefined || value === null) {
    return null;
  }
  if (axis.numeric) {
    if (!finite(value)) {
      return null;
    }
    return axis.max === axis.min
      ? 0.5
      : (value - axis.min) / (axis.max - axis.min);
  }
  const i = axis.categories.indexOf(category(value));
  if (i < 0) {
    return null;
  }
  return axis.categories.length === 1 ? 0.5 : i / (axis.categories.length - 1);
}

/** The data value at position *t* (0 bottom, 1 top) of a numeric axis. */
export function denormalise(t: number, axis: IAxis): number {
  return axis.min + Math.min(Math.max(t, 0), 1) * (axis.max - axis.min);
}

/** A range brushed with the pointer, to 3 significant digits (what a pixel can tell). */
export function roundRange(a: number, b: number): [number, number] {
  const r = (v: number) => Number(v.toPrecision(3));
  return [r(Math.min(a, b)), r(Math.max(a, b))];
}

/** Is *run* inside every brushed range (a run without a value on a brushed axis is not)? */
export function inRanges(
  run: ISweepRun,
  axes: readonly IAxis[],
  ranges: Ranges
): boolean {
  return axes.every(a => {
    const range = ranges[a.key];
    if (!range) {
      return true;
    }
    const v = axisValue(run, a);
    return finite(v) && v >= range[0] && v <= range[1];
  });
}

/**
 * Can *name* be written as a compare term (`name>=1`)? The query grammar
 * ends a name at a space, quote, ':' or an operator character, and a quoted
 * word is free text: such names cannot be filtered on.
 */
export function filterableName(name: string): boolean {
  return /^[^\s:"<>=!]+$/.test(name);
}

/** A field value as the grammar reads it: quoted (with `\` escapes) when it has spaces or quotes. */
export function quoteValue(value: string): string {
  return /[\s"\\]/.test(value) || value === ''
    ? `"${value.replace(/[\\"]/g, c => `\\${c}`)}"`
    : value;
}

/** A number as query text the server parses back to the same float. */
function numberText(n: number): string {
  return String(n);
}

export interface ISweepTerms {
  /** The query terms (`notebook:…`, `lr>=0.01`, `lr<=0.1`); empty when nothing is brushed. */
  terms: string[];
  /** Brushed axes whose names the query grammar cannot express (not sent). */
  skipped: string[];
}

/**
 * Terms that narrow the Team runs table to the brushed runs of *notebook*.
 * Each range is snapped to the values of the runs inside it (`lr>=0.01`
 * rather than `lr>=0.0098731`), so the table shows exactly those runs.
 */
export function sweepTerms(
  notebook: string,
  runs: readonly ISweepRun[],
  axes: readonly IAxis[],
  ranges: Ranges
): ISweepTerms {
  const terms: string[] = [];
  const skipped: string[] = [];
  for (const axis of axes) {
    const range = ranges[axis.key];
    if (!range || !axis.numeric) {
      continue;
    }
    if (!filterableName(axis.name)) {
      skipped.push(axis.name);
      continue;
    }
    const inside = runs
      .map(r => axisValue(r, axis))
      .filter((v): v is number => finite(v) && v >= range[0] && v <= range[1]);
    const lo = inside.length ? Math.min(...inside) : range[0];
    const hi = inside.length ? Math.max(...inside) : range[1];
    if (lo === hi) {
      terms.push(`${axis.name}=${numberText(lo)}`);
    } else {
      terms.push(
        `${axis.name}>=${numberText(lo)}`,
        `${axis.name}<=${numberText(hi)}`
      );
    }
  }
  if (terms.length === 0) {
    return { terms, skipped };
  }
  return { terms: [`notebook:${quoteValue(notebook)}`, ...terms], skipped };
}
