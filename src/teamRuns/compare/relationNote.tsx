/** "Same code, different data" (or the reverse) between two runs. */
import * as React from 'react';
import type { TranslationBundle } from '@jupyterlab/translation';
import { IRelation, relationLabel } from './rows';

export function RelationNote(props: {
  relation: IRelation;
  a: string;
  b: string;
  trans: TranslationBundle;
}): JSX.Element {
  const { relation, a, b, trans } = props;
  return (
    <div
      className={`jp-snapshots-runsCompare-relation jp-mod-${relation.kind}`}
      role="note"
    >
      <strong>
        {trans.__('%1 and %2: %3', a, b, relationLabel(relation.kind, trans))}
      </strong>
      {relation.kind === 'same-code-different-data' ? (
        <span>
          {' '}
          {trans.__(
            '— the code cells are identical but the data they read is not:'
          )}
        </span>
      ) : (
        <span>
          {' '}
          {trans.__('— they read identical data files with different code.')}
        </span>
      )}
      {relation.details.length > 0 && (
        <ul>
          {relation.details.map(d => (
            <li key={d}>{d}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
