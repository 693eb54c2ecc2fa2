/**
 * The brushes as form fields: a from/to pair per numeric axis, so ranges can
 * be set exactly and from the keyboard (Enter or leaving a field applies).
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import { IAxis, Ranges } from './model';

function NumberField(props: {
  label: string;
  value: number | undefined;
  onCommit: (value: number | null) => void;
}): JSX.Element {
  const commit = (input: HTMLInputElement) => {
    const text = input.value.trim();
    const n = Number(text);
    if (text === '') {
      props.onCommit(null);
    } else if (Number.isFinite(n) && n !== props.value) {
      props.onCommit(n);
    }
  };
  return (
    <input
      // Remounted when the brush moves, so the field shows the new value.
      key={String(props.value)}
      type="number"
      step="any"
      className="jp-mod-styled jp-snapshots-sweep-rangeInput"
      aria-label={props.label}
      defaultValue={props.value === undefined ? '' : String(props.value)}
      onBlur={e => commit(e.currentTarget)}
      onKeyDown={e => {
        if (e.key === 'Enter') {
          commit(e.currentTarget);
        }
      }}
    />
  );
}

export function RangeInputs(props: {
  axes: readonly IAxis[];
  ranges: Ranges;
  onBrush: (key: string, range: readonly [number, number] | null) => void;
  onClear: () => void;
  trans: TranslationBundle;
}): JSX.Element {
  const { axes, ranges, trans } = props;
  const numeric = axes.filter(a => a.numeric);
  const set = (axis: IAxis, end: 0 | 1, value: number | null) => {
    const old = ranges[axis.key] ?? [axis.min, axis.max];
    if (value === null) {
      // Both ends empty: no brush on this axis.
      const other = ranges[axis.key]?.[end === 0 ? 1 : 0];
      props.onBrush(
        axis.key,
        other === undefined
          ? null
          : end === 0
            ? [axis.min, other]
            : [other, axis.max]
      );
      return;
    }
    const next: [number, number] =
      end === 0 ? [value, old[1]] : [old[0], value];
    props.onBrush(axis.key, [Math.min(...next), Math.max(...next)]);
  };
  return (
    <fieldset className="jp-snapshots-sweep-ranges">
      <legend>{trans.__('Ranges')}</legend>
      {numeric.map(axis => (
        <div key={axis.key} className="jp-snapshots-sweep-range">
          <span className="jp-snapshots-sweep-rangeName">{axis.name}</span>
          <NumberField
            label={trans.__('%1 from', axis.name)}
            value={ranges[axis.key]?.[0]}
            onCommit={v => set(axis, 0, v)}
          />
          <span aria-hidden="true">–</span>
          <NumberField
            label={trans.__('%1 to', axis.name)}
            value={ranges[axis.key]?.[1]}
            onCommit={v => set(axis, 1, v)}
          />
        </div>
      ))}
      <button
        type="button"
        className="jp-mod-styled jp-snapshots-sweep-clear"
        disabled={Object.keys(ranges).length === 0}
        onClick={props.onClear}
      >
        {trans.__('Clear ranges')}
      </button>
    </fieldset>
  );
}
