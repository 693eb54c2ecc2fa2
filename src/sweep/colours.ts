/** Sweep line colours: the metric's value from low (blue) to high (orange), in any theme. */
import type { IChartTheme } from '../teamRuns/charts';

export interface ISweepColours {
  low: string;
  high: string;
  /** Runs outside the brushes. */
  dimmed: string;
  /** Runs without the metric. */
  missing: string;
}

export function sweepColours(theme: IChartTheme): ISweepColours {
  return {
    low: '#4e79a7',
    high: '#f28e2b',
    dimmed: theme.muted,
    missing: theme.muted
  };
}

function rgb(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1, 7), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** The colour at *t* in [0, 1] between `low` and `high` (`missing` for null). */
export function lineColour(t: number | null, colours: ISweepColours): string {
  if (t === null) {
    return colours.missing;
  }
  const a = rgb(colours.low);
  const b = rgb(colours.high);
  const mix = a.map((v, i) => Math.round(v + (b[i] - v) * t));
  return `rgb(${mix.join(', ')})`;
}
