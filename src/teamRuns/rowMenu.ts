/**
 * The Team runs row context menu: JupyterLab's own context menu on
 * `.jp-snapshots-runs-row`, with commands that act on the row under it (or on
 * `args.id`).
 */
import { JupyterFrontEnd } from '@jupyterlab/application';
import type { TranslationBundle } from '@jupyterlab/translation';
import { ReadonlyPartialJSONObject } from '@lumino/coreutils';

import { authorName, contextMenuElement, watchContextMenu } from '../common';
import { TeamRunsCommandIDs } from './commandIds';
import type { TeamRunsGrid } from './grid';
import { withTerm } from './query';

export const ROW_SELECTOR = '.jp-snapshots-runs-row';

export interface IRowMenuActions {
  /** The grid of the current Team runs view, if any. */
  current(): TeamRunsGrid | null;
  open(id: string): void;
  details(id: string): void;
  diffWithCurrent(id: string): void;
  restore(id: string): void;
  trans: TranslationBundle;
}

export function addRowMenu(
  app: JupyterFrontEnd,
  actions: IRowMenuActions
): void {
  const { commands } = app;
  const { trans } = actions;
  watchContextMenu();
  const rowId = (args: ReadonlyPartialJSONObject): string | null => {
    if (typeof args.id === 'string' && args.id) {
      return args.id;
    }
    return contextMenuElement(ROW_SELECTOR)?.dataset.snapshotId || null;
  };
  const rowSummary = (args: ReadonlyPartialJSONObject) => {
    const id = rowId(args);
    return id ? (actions.current()?.model.row(id) ?? null) : null;
  };
  const onRow =
    (action: (id: string) => void) =>
    (args: ReadonlyPartialJSONObject): void => {
      const id = rowId(args);
      if (id) {
        action(id);
      }
    };
  /** Narrow the current table's filter to one field of the row. */
  const filterBy =
    (field: 'author' | 'notebook') =>
    (args: ReadonlyPartialJSONObject): void => {
      const row = rowSummary(args);
      const grid = actions.current();
      if (row && grid) {
        const value =
          field === 'author'
            ? (row.author?.username ?? '')
            : (row.notebook?.path ?? '');
        void grid.model.setQuery(withTerm(grid.model.query, field, value));
      }
    };

  commands.addCommand(TeamRunsCommandIDs.details, {
    label: trans.__('Details and comments'),
    execute: onRow(actions.details)
  });
  commands.addCommand(TeamRunsCommandIDs.openRun, {
    label: trans.__('Open read-only'),
    execute: onRow(actions.open)
  });
  commands.addCommand(TeamRunsCommandIDs.diffRunWithCurrent, {
    label: trans.__('Diff with my notebook'),
    execute: onRow(actions.diffWithCurrent)
  });
  commands.addCommand(TeamRunsCommandIDs.restoreRun, {
    label: trans.__('Restore as a copy…'),
    execute: onRow(actions.restore)
  });
  commands.addCommand(TeamRunsCommandIDs.filterAuthor, {
    label: args => {
      const row = rowSummary(args);
      return row
        ? trans.__('Only runs by %1', authorName(row.author))
        : trans.__('Only runs by this author');
    },
    execute: filterBy('author')
  });
  commands.addCommand(TeamRunsCommandIDs.filterNotebook, {
    label: trans.__('Only runs of this notebook'),
    execute: filterBy('notebook')
  });

  [
    TeamRunsCommandIDs.details,
    TeamRunsCommandIDs.openRun,
    TeamRunsCommandIDs.diffRunWithCurrent,
    TeamRunsCommandIDs.restoreRun
  ].forEach((command, i) =>
    app.contextMenu.addItem({ command, selector: ROW_SELECTOR, rank: 10 + i })
  );
  app.contextMenu.addItem({
    type: 'separator',
    selector: ROW_SELECTOR,
    rank: 20
  });
  app.contextMenu.addItem({
    command: TeamRunsCommandIDs.filterAuthor,
    selector: ROW_SELECTOR,
    rank: 21
  });
  app.contextMenu.addItem({
    command: TeamRunsCommandIDs.filterNotebook,
    selector: ROW_SELECTOR,
    rank: 22
  });
}
