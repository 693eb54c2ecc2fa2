/**
 * The body of the Snapshots panel: the empty, loading and error states, or
 * the snapshots grouped by day.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import { CommandRegistry } from '@lumino/commands';
import * as React from 'react';

import { ISnapshotSummary } from '../api';
import { historyIcon, snapshotIcon } from '../icons';
import { HistoryCommandIDs } from './commandIds';
import { useClock, useModel } from './hooks';
import { IItemProps, SnapshotItem } from './item';
import { HistoryModel } from './model';

interface IViewProps {
  model: HistoryModel;
  commands: CommandRegistry;
  trans: TranslationBundle;
  onMenu: IItemProps['onMenu'];
}

export function HistoryBody(props: IViewProps): JSX.Element {
  const { model, commands, trans } = props;
  useModel(model);
  const now = useClock();

  if (!model.notebookPath) {
    return (
      <div className="jp-snapshots-state jp-snapshots-empty">
        <historyIcon.react tag="div" className="jp-snapshots-state-icon" />
        <p>
          <strong>{trans.__('No notebook selected.')}</strong>
        </p>
        <p>
          {trans.__(
            'Open a notebook to see its snapshots. A snapshot freezes the notebook with its outputs, kernel, environment, parameters, metrics and data, so your team can compare runs.'
          )}
        </p>
      </div>
    );
  }
  if (model.state === 'loading' && model.items.length === 0) {
    return (
      <div
        className="jp-snapshots-state jp-snapshots-loading"
        role="status"
        aria-live="polite"
      >
        <div className="jp-snapshots-skeleton" />
        <div className="jp-snapshots-skeleton" />
        <div className="jp-snapshots-skeleton" />
        <p>{trans.__('Loading snapshots…')}</p>
      </div>
    );
  }
  if (model.state === 'error') {
    return (
      <div className="jp-snapshots-state jp-snapshots-error" role="alert">
        <p>
          <strong>{trans.__('Could not load snapshots.')}</strong>
        </p>
        <p className="jp-snapshots-error-message">{model.error}</p>
        <button
          className="jp-Button jp-mod-styled jp-mod-reject"
          onClick={() => void model.refresh()}
        >
          {trans.__('Retry')}
        </button>
      </div>
    );
  }
  if (model.items.length === 0) {
    return (
      <div className="jp-snapshots-state jp-snapshots-empty">
        <snapshotIcon.react tag="div" className="jp-snapshots-state-icon" />
        <p>
          <strong>{trans.__('No snapshots of this notebook yet.')}</strong>
        </p>
        <p>
          {trans.__(
            'A snapshot records this notebook with its outputs, parameters, metrics, environment and data, for you and your team.'
          )}
        </p>
        <button
          className="jp-Button jp-mod-styled jp-mod-accept"
          onClick={() => void commands.execute(HistoryCommandIDs.snapshotRun)}
        >
          {trans.__('Snapshot run')}
        </button>
      </div>
    );
  }

  const onClick = (item: ISnapshotSummary, event: React.MouseEvent) => {
    model.click(item.id, {
      toggle: event.ctrlKey || event.metaKey,
      range: event.shiftKey
    });
  };
  const onOpen = (item: ISnapshotSummary) => {
    void commands.execute(HistoryCommandIDs.openReadonly, { id: item.id });
  };

  return (
    <div className="jp-snapshots-scroll">
      {model.error ? (
        <div className="jp-snapshots-stale" role="status">
          {trans.__('Could not refresh: %1', model.error)}
        </div>
      ) : null}
      {model.groups(now, trans).map(group => (
        <section key={group.key} className="jp-snapshots-day">
          <h3 className="jp-snapshots-day-label">{group.label}</h3>
          <ul
            className="jp-snapshots-list"
            role="listbox"
            aria-multiselectable="true"
            aria-label={trans.__('Snapshots of %1', group.label)}
          >
            {group.items.map(item => (
              <SnapshotItem
                key={item.id}
                item={item}
                now={now}
                trans={trans}
                selected={model.isSelected(item.id)}
                verdict={model.verdictOf(item.id)}
                onClick={onClick}
                onToggle={i => model.toggle(i.id)}
                onOpen={onOpen}
                onMenu={props.onMenu}
              />
            ))}
          </ul>
        </section>
      ))}
      {model.hasMore ? (
        <button
          className="jp-Button jp-mod-styled jp-snapshots-more"
          onClick={() => void model.loadMore()}
        >
          {trans.__('Load older snapshots')}
        </button>
      ) : null}
    </div>
  );
}
