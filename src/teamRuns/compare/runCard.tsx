/** One run's card: who, when, what, and its actions. */
import * as React from 'react';
import type { TranslationBundle } from '@jupyterlab/translation';
import { ISnapshotSummary } from '../../api';
import { colorOf, formatTime, initialsOf } from '../../common';
import { IManifest } from '../../api';
import { ICompareActions } from './types';

export function Avatar(props: {
  author: ISnapshotSummary['author'];
}): JSX.Element {
  return (
    <span
      className="jp-snapshots-runs-avatar"
      style={{ backgroundColor: colorOf(props.author) }}
      aria-hidden="true"
    >
      {initialsOf(props.author)}
    </span>
  );
}

export function RunCard(props: {
  run: IManifest;
  label: string;
  baseline: IManifest | null;
  index: number;
  actions: ICompareActions;
  trans: TranslationBundle;
}): JSX.Element {
  const { run, actions, baseline, index, trans } = props;
  const current = actions.currentNotebook();
  return (
    <article
      className="jp-snapshots-runsCompare-card"
      data-snapshot-id={run.id}
    >
      <div className="jp-snapshots-runsCompare-cardLabel">
        {baseline
          ? index === 0
            ? trans.__('#%1 · baseline', index + 1)
            : `#${index + 1}`
          : trans.__('Run')}
      </div>
      <div className="jp-snapshots-runsCompare-cardMessage">
        {run.message || trans.__('(no message)')}
      </div>
      <div className="jp-snapshots-runsCompare-cardMeta">
        <Avatar author={run.author} />
        <span>{run.author?.name || run.author?.username}</span>
        <span title={new Date(run.created).toLocaleString()}>
          {formatTime(run.created, new Date(), trans)}
        </span>
      </div>
      <div className="jp-snapshots-runsCompare-cardMeta">
        <span
          className="jp-snapshots-runsCompare-path"
          title={run.notebook?.path}
        >
          {run.notebook?.path}
        </span>
      </div>
      {(run.tags ?? []).length > 0 && (
        <div className="jp-snapshots-runsCompare-cardMeta">
          {run.tags.map(t => (
            <span key={t} className="jp-snapshots-runs-tag">
              {t}
            </span>
          ))}
        </div>
      )}
      <div
        className="jp-snapshots-runsCompare-id"
        title={trans.__('Snapshot id')}
      >
        {run.id}
      </div>
      <div className="jp-snapshots-runsCompare-actions">
        <button
          type="button"
          className="jp-snapshots-runsCompare-action"
          onClick={() => actions.open(run.id)}
          title={trans.__("Open this run's notebook read-only")}
        >
          {trans.__('Open')}
        </button>
        {baseline && index > 0 && (
          <button
            type="button"
            className="jp-snapshots-runsCompare-action"
            onClick={() => actions.diff(baseline.id, run.id)}
            title={trans.__('Diff the baseline run with this run')}
          >
            {trans.__('Diff with #1')}
          </button>
        )}
        <button
          type="button"
          className="jp-snapshots-runsCompare-action"
          onClick={() => actions.diffWithCurrent(run.id)}
          title={
            current
              ? trans.__('Diff this run with %1', current)
              : trans.__(
                  'Diff this run with %1 in your workspace',
                  run.notebook?.path ?? trans.__('its notebook')
                )
          }
        >
          {trans.__('Diff with my notebook')}
        </button>
        <button
          type="button"
          className="jp-snapshots-runsCompare-action"
          onClick={() => actions.restore(run.id)}
          title={trans.__(
            "Save this run's notebook as a new file in your workspace"
          )}
        >
          {trans.__('Restore as a copy')}
        </button>
      </div>
    </article>
  );
}
