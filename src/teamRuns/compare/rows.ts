/**
 * Comparing runs: side-by-side values with differences marked, and the
 * "same code, different data" (or the reverse) detection (pure logic). Data
 * differences are the server's (`run_diff.data` of GET /diff); the code
 * fingerprint is the server's `code_hash` (no notebook is downloaded for it).
 */
import type { TranslationBundle } from '@jupyterlab/translation';

import type { IDataChange } from '../../api';
import { dataRows } from '../../diff/format';
import { defaultTrans } from '../../translation';

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

/** A run's code, as far as it is known (null: unknown, not judged). */
export interface IRunCode {
  id: string;
  code: string | null;
}

export type RelationKind =
  'same-code-different-data' | 'same-data-different-code';

export interface IRelation {
  a: string;
  b: string;
  kind: RelationKind;
  /** Human-readable data differences ("train.csv: content changed …"). */
  details: string[];
}

/**
 * How the baseline *a* and run *b* relate, from their code and the server's
 * run diff of their data (`run_diff.data`, the server's rules): identical code
 * but different data, or identical (non-empty) data but different code.
 */
export function relationOf(
  a: IRunCode,
  b: IRunCode,
  data: ReadonlyArray<IDataChange>,
  trans: TranslationBundle = defaultTrans()
): IRelation | null {
  if (a.code === null || b.code === null) {
    return null;
  }
  const changed = dataRows(
    data.filter(d => d.change !== 'unchanged'),
    trans
  );
  if (a.code === b.code && changed.length > 0) {
    return {
      a: a.id,
      b: b.id,
      kind: 'same-code-different-data',
      details: changed.map(r =>
        r.detail
          ? `${r.path}: ${r.label} (${r.detail})`
          : `${r.path}: ${r.label}`
      )
    };
  }
  if (a.code !== b.code && data.length > 0 && changed.length === 0) {
    return { a: a.id, b: b.id, kind: 'same-data-different-code', details: [] };
  }
  return null;
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
