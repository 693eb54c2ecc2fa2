/** Parameters, metrics or facts of the runs side by side. */
import * as React from 'react';
import type { TranslationBundle } from '@jupyterlab/translation';
import { formatValue } from '../../common';
import { ICompareRow } from './rows';

export function CompareTable(props: {
  title: string;
  labels: string[];
  rows: ICompareRow[];
  onlyDiff: boolean;
  trans: TranslationBundle;
}): JSX.Element {
  const { title, labels, onlyDiff, trans } = props;
  const rows = onlyDiff ? props.rows.filter(r => r.differs) : props.rows;
  const several = labels.length > 1;
  const differing = props.rows.filter(r => r.differs).length;
  return (
    <section className="jp-snapshots-runsCompare-section" aria-label={title}>
      <h3>
        {title}
        {several && props.rows.length > 0 && (
          <span className="jp-snapshots-runsCompare-count">
            {trans._n(
              '%2 of %1 differ',
              '%2 of %1 differ',
              props.rows.length,
              differing
            )}
          </span>
        )}
      </h3>
      {props.rows.length === 0 ? (
        <div className="jp-snapshots-runsCompare-none">
          {trans.__('None recorded.')}
        </div>
      ) : (
        <table className="jp-snapshots-runsCompare-table">
          <thead>
            <tr>
              <th scope="col">{trans.__('Name')}</th>
              {labels.map((l, i) => (
                <th scope="col" key={i}>
                  {several ? l : trans.__('Value')}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map(r => (
              <tr
                key={r.name}
                className={r.differs ? 'jp-mod-differs' : undefined}
              >
                <th scope="row">{r.name}</th>
                {r.values.map((v, i) => (
                  <td
                    key={i}
                    className={
                      (r.changed[i] ? 'jp-mod-changed ' : '') +
                      (!r.present[i] ? 'jp-mod-missing' : '')
                    }
                    title={
                      r.changed[i] ? trans.__('differs from #1') : undefined
                    }
                  >
                    {r.present[i] ? formatValue(v) : '—'}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
