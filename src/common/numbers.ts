/**
 * Numbers and JSON values as short text: one rule for every view (the history
 * panel, the run diff, the Team runs table and the compare view).
 */

/** Significant digits kept for non-integers ("0.94996", "0.869312"). */
const SIGNIFICANT = 6;

/**
 * A number for humans: integers as they are, tiny and huge values in exponent
 * form, others to 6 significant digits. Non-numbers: "—" when missing, else as text.
 */
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
    return value.toExponential(3);
  }
  return String(Number(value.toPrecision(SIGNIFICANT)));
}

/**
 * Any JSON value as short text (parameters can be numbers, strings, lists,
 * dicts): numbers as `formatNumber`, strings as they are, null as "null",
 * others as JSON. *missing* is what a missing value (undefined) shows.
 */
export function formatValue(value: unknown, missing = '—'): string {
  if (value === undefined) {
    return missing;
  }
  if (value === null) {
    return 'null';
  }
  if (typeof value === 'number') {
    return formatNumber(value);
  }
  if (typeof value === 'string') {
    return value;
  }
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** "1.2 MB"; "?" when unknown. */
export function formatSize(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) {
    return '?';
  }
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0
    ? `${value} ${units[unit]}`
    : `${value.toFixed(value >= 100 ? 0 : 1)} ${units[unit]}`;
}

/** "sha256:abcdef…" -> "abcdef1" */
export function shortHash(hash: string | null | undefined): string {
  if (!hash) {
    return '';
  }
  const body = hash.includes(':') ? hash.split(':', 2)[1] : hash;
  return body.slice(0, 7);
}
