/**
 * Comparing runs: side-by-side values with differences marked, and the
 * "same code, different data" (or the reverse) detection (pure logic).
 */
import type { TranslationBundle } from '@jupyterlab/translation';

import { defaultTrans } from '../translation';

/** One parameter/metric/fact across the compared runs. */
export interface ICompareRow {
  name: string;
  values: unknown[];
  /** Which runs have a value at all. */
  present: boolean[];
  /** Not all runs agree (a missing value counts as a difference). */
  differs: boolean;
  /** Per run: differs from the first run (the baseline column). */
  changed: boolean[];
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) {
    return true;
  }
  if (typeof a === 'number' && typeof b === 'number') {
    return Number.isNaN(a) && Number.isNaN(b);
  }
  return JSON.stringify(a) === JSON.stringify(b);
}

const collator = new Intl.Collator(undefined, {
  numeric: true,
  sensitivity: 'base'
});

/**
 * Rows for every name in any of *records* (one record per run, e.g. their
 * params), sorted by name; with *differingFirst*, rows that differ come first.
 */
export function compareRecords(
  records: ReadonlyArray<Record<string, unknown> | null | undefined>,
  differingFirst = false
): ICompareRow[] {
  const names = new Set<string>();
  for (const r of records) {
    for (const k of Object.keys(r ?? {})) {
      names.add(k);
    }
  }
  const rows = [...names].sort(collator.compare).map(name => {
    const present = records.map(r => !!r && name in r);
    const values = records.map(r => (r ? r[name] : undefined));
    const changed = values.map(
      (v, i) => i > 0 && (present[i] !== present[0] || !same(v, values[0]))
    );
    const differs = changed.some(Boolean);
    return { name, values, present, differs, changed };
  });
  if (differingFirst) {
    return [...rows.filter(r => r.differs), ...rows.filter(r => !r.differs)];
  }
  return rows;
}

/** A small, fast, non-cryptographic string hash (cyrb53) for fingerprints. */
export function hashString(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const n = 4294967296 * (2097151 & h2) + (h1 >>> 0);
  return `${text.length.toString(16)}-${n.toString(16)}`;
}

function sourceText(source: unknown): string {
  if (Array.isArray(source)) {
    return source.join('');
  }
  return typeof source === 'string' ? source : '';
}

/**
 * The code of a notebook (nbformat JSON): its code cells' sources, in order,
 * with trailing whitespace ignored, except the papermill `parameters` cell and
 * the cell papermill injects (their values are compared as parameters).
 * Null when there is no notebook.
 */
export function codeFingerprint(notebook: unknown): string | null {
  const cells = (notebook as { cells?: unknown[] } | null)?.cells;
  if (!Array.isArray(cells)) {
    return null;
  }
  const parts: string[] = [];
  for (const cell of cells as {
    cell_type?: string;
    source?: unknown;
    metadata?: { tags?: string[] };
  }[]) {
    if (cell?.cell_type !== 'code') {
      continue;
    }
    const tags = cell.metadata?.tags ?? [];
    if (tags.includes('parameters') || tags.includes('injected-parameters')) {
      continue; // parameter values are compared as parameters, not as code
    }
    parts.push(
      sourceText(cell.source)
        .split('\n')
        .map(l => l.trimEnd())
        .join('\n')
        .trim()
    );
  }
  return hashString(parts.join('\n\u241e\n'));
}

export interface IDataRef {
  path?: string | null;
  url?: string | null;
  hash?: string | null;
  mode?: string | null;
}

/**
 * The data a run read: path (or URL) -> content hash, from the manifest's
 * `data` list. Inputs (read/readwrite) only when there are any, so files a run
 * merely writes do not count as "its data".
 */
export function dataFingerprint(
  data: ReadonlyArray<IDataRef> | null | undefined
): Record<string, string> {
  const refs = (data ?? []).filter(d => d && (d.path || d.url));
  const inputs = refs.filter(d => !d.mode || d.mode !== 'write');
  const chosen = inputs.length ? inputs : refs;
  const out: Record<string, string> = {};
  for (const d of chosen) {
    out[(d.path || d.url) as string] = d.hash ?? '';
  }
  return out;
}

export interface IRunFingerprint {
  id: string;
  /** From codeFingerprint; null when unknown (the relation is then not judged). */
  code: string | null;
  data: Record<string, string>;
}

export type RelationKind =
  'same-code-different-data' | 'same-data-different-code';

export interface IRelation {
  a: string;
  b: string;
  kind: RelationKind;
  /** Human-readable data differences ("train.csv: sha256:1a2b… ≠ sha256:3c4d…"). */
  details: string[];
}

function shortHash(hash: string): string {
  if (!hash) {
    return '(no hash)';
  }
  const [algo, hex] = hash.includes(':') ? hash.split(':', 2) : ['', hash];
  return `${algo ? algo + ':' : ''}${hex.slice(0, 8)}…`;
}

/** How the data of two runs differs, as text lines (empty when identical). */
export function dataDifferences(
  a: Record<string, string>,
  b: Record<string, string>,
  trans: TranslationBundle = defaultTrans()
): string[] {
  const lines: string[] = [];
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort(
    collator.compare
  );
  for (const k of keys) {
    if (!(k in b)) {
      lines.push(trans.__('%1: only in the first run', k));
    } else if (!(k in a)) {
      lines.push(trans.__('%1: only in the second run', k));
    } else if (a[k] !== b[k]) {
      lines.push(`${k}: ${shortHash(a[k])} ≠ ${shortHash(b[k])}`);
    }
  }
  return lines;
}

/**
 * Pairs of runs whose code is identical but whose data differs, or whose
 * data is identical (and not empty) but whose code differs.
 */
export function findRelations(
  runs: ReadonlyArray<IRunFingerprint>,
  trans: TranslationBundle = defaultTrans()
): IRelation[] {
  const out: IRelation[] = [];
  for (let i = 0; i < runs.length; i++) {
    for (let j = i + 1; j < runs.length; j++) {
      const a = runs[i];
      const b = runs[j];
      if (a.code === null || b.code === null) {
        continue;
      }
      const details = dataDifferences(a.data, b.data, trans);
      const sameCode = a.code === b.code;
      const sameData = details.length === 0;
      if (sameCode && !sameData) {
        out.push({
          a: a.id,
          b: b.id,
          kind: 'same-code-different-data',
          details
        });
      } else if (!sameCode && sameData && Object.keys(a.data).length > 0) {
        out.push({
          a: a.id,
          b: b.id,
          kind: 'same-data-different-code',
          details: []
        });
      }
    }
  }
  return out;
}

/** "same code, different data" / "same data, different code". */
export function relationLabel(
  kind: RelationKind,
  trans: TranslationBundle = defaultTrans()
): string {
  return kind === 'same-code-different-data'
    ? trans.__('same code, different data')
    : trans.__('same data, different code');
}
