/**
 * A time axis whose labels are all different: the label format follows the
 * span of the runs (days, minutes, seconds or milliseconds), and ticks sit on the runs'
 * own times, one per distinct label (pure logic).
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface ITimeAxis {
  /** A d3 time format (Vega-Lite `axis.format`). */
  format: string;
  /** Tick positions (ms since the epoch), ascending, each with its own label. */
  values: number[];
}

function localDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;
}

/** The format and ticks for runs taken at *times* (ISO strings or ms), at most *maxTicks*. */
export function timeAxis(
  times: ReadonlyArray<string | number>,
  maxTicks = 6
): ITimeAxis {
  const ms = [
    ...new Set(
      times
        .map(t => (typeof t === 'number' ? t : Date.parse(t)))
        .filter(Number.isFinite)
    )
  ].sort((a, b) => a - b);
  if (ms.length === 0) {
    return { format: '%b %d %H:%M', values: [] };
  }
  const span = ms[ms.length - 1] - ms[0];
  const oneDay = localDay(ms[0]) === localDay(ms[ms.length - 1]);
  let format: string;
  let bucket: (t: number) => string;
  if (span >= 2 * DAY) {
    format = '%b %d';
    bucket = localDay;
  } else if (span >= 2 * MINUTE) {
    format = oneDay ? '%H:%M' : '%b %d %H:%M';
    bucket = t => String(Math.floor(t / MINUTE));
  } else if (span >= 2 * SECOND) {
    format = '%H:%M:%S';
    bucket = t => String(Math.floor(t / SECOND));
  } else {
    // Runs posted by a script within a second or two: tell them apart by the ms.
    format = '%H:%M:%S.%L';
    bucket = String;
  }
  // The first run of each label: two ticks never read the same.
  const seen = new Set<string>();
  const distinct = ms.filter(t => {
    const key = bucket(t);
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  });
  if (distinct.length <= maxTicks) {
    return { format, values: distinct };
  }
  // Evenly spread, keeping the first and the last.
  const picks = new Set<number>();
  for (let i = 0; i < maxTicks; i++) {
    picks.add(Math.round((i * (distinct.length - 1)) / (maxTicks - 1)));
  }
  return { format, values: [...picks].map(i => distinct[i]) };
}
