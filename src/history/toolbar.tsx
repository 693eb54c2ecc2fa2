/** The notebook name, the selection count and the "Diff selected" / refresh buttons. */
import type { TranslationBundle } from '@jupyterlab/translation';
import { refreshIcon, ToolbarButtonComponent } from '@jupyterlab/ui-components';
import { CommandRegistry } from '@lumino/commands';
import * as React from 'react';

import { diffIcon } from '../icons';
import { HistoryCommandIDs } from './commandIds';
import { useModel } from './hooks';
import { HistoryModel } from './model';

export function HistoryToolbar(props: {
  model: HistoryModel;
  commands: CommandRegistry;
  trans: TranslationBundle;
}): JSX.Element {
  const { model, commands, trans } = props;
  useModel(model);
  const count = model.selected.length;
  const name = model.notebookPath?.split('/').pop() ?? '';
  return (
    <div className="jp-snapshots-toolbar">
      <div className="jp-snapshots-notebook" title={model.notebookPath ?? ''}>
        {name}
      </div>
      <div className="jp-snapshots-actions">
        {count > 0 ? (
          <span className="jp-snapshots-selection" aria-live="polite">
            {trans._n('%1 selected', '%1 selected', count)}
            <button
              className="jp-snapshots-clear jp-Button"
              onClick={() => model.clearSelection()}
              title={trans.__('Clear selection')}
              aria-label={trans.__('Clear selection')}
            >
              ×
            </button>
          </span>
        ) : null}
        <ToolbarButtonComponent
          className="jp-snapshots-diff-selected"
          icon={diffIcon}
          label={trans.__('Diff selected')}
          tooltip={
            count === 2
              ? trans.__('Diff the two selected snapshots')
              : trans.__(
                  'Select two snapshots (checkbox, or Ctrl/Shift-click) to diff them'
                )
          }
          enabled={count === 2}
          onClick={() => void commands.execute(HistoryCommandIDs.diffSelected)}
        />
        <ToolbarButtonComponent
          className="jp-snapshots-refresh"
          icon={refreshIcon}
          tooltip={trans.__('Refresh')}
          enabled={!!model.notebookPath}
          onClick={() => void model.refresh()}
        />
      </div>
    </div>
  );
}
