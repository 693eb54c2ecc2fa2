/**
 * "Team runs": a main-area table of every run in the team store, with
 * compare, charts, comments and live updates.
 */
import {
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import {
  ICommandPalette,
  IThemeManager,
  MainAreaWidget,
  Notification,
  WidgetTracker
} from '@jupyterlab/apputils';
import { INotebookTracker } from '@jupyterlab/notebook';
import { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { IStateDB } from '@jupyterlab/statedb';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import {
  CommandToolbarButton,
  refreshIcon,
  tableRowsIcon
} from '@jupyterlab/ui-components';
import { Poll } from '@lumino/polling';
import { Widget } from '@lumino/widgets';

import { SnapshotClient } from '../api';
import { shortId } from '../common';
import { chooseNotebook } from '../common/chooseNotebook';
import { errorText, notifyError } from '../common/messages';
import { ISnapshotClient, ISnapshotViews, ITeamRunsFilter } from '../tokens';
import { TRANSLATION_DOMAIN } from '../translation';
import { TeamRunsCommandIDs } from './commandIds';
import { addColumnCommands } from './columnMenu';
import { ColumnCommandIDs } from './columnMenu';
import { IColumnLayout } from './columns';
import { CompareWidget, ICompareActions } from './compareView';
import { TeamRunsGrid } from './grid';
import { teamRunsIcon } from '../icons';
import { TeamRunsModel } from './model';
import { addRowMenu } from './rowMenu';
import { TeamRunsFilter } from './filter';
import { layoutSaver, loadLayout } from './layoutState';

export { TeamRunsCommandIDs };

export const TEAM_RUNS_PLUGIN_ID = 'jupyter-ext:team-runs';

interface ISettingsValues {
  layout: IColumnLayout;
  pollInterval: number;
  pageSize: number;
}

function readSettings(
  settings: ISettingRegistry.ISettings | null
): ISettingsValues {
  const get = <T>(key: string, fallback: T): T =>
    settings ? ((settings.get(key).composite as T) ?? fallback) : fallback;
  return {
    layout: {
      order: get<string[]>('columnOrder', []),
      hidden: get<string[]>('hiddenColumns', [])
    },
    pollInterval: Math.max(2, get<number>('pollInterval', 10)),
    pageSize: Math.min(1000, Math.max(20, get<number>('pageSize', 200)))
  };
}

export const teamRunsPlugin: JupyterFrontEndPlugin<ITeamRunsFilter> = {
  id: TEAM_RUNS_PLUGIN_ID,
  description:
    'Team runs: browse, filter, compare and comment on every run in the team store.',
  autoStart: true,
  provides: ITeamRunsFilter,
  requires: [ISnapshotClient, ISnapshotViews],
  optional: [
    IStateDB,
    ICommandPalette,
    ILayoutRestorer,
    ISettingRegistry,
    IRenderMimeRegistry,
    IThemeManager,
    INotebookTracker,
    ITranslator
  ],
  activate: (
    app: JupyterFrontEnd,
    client: SnapshotClient,
    views: ISnapshotViews,
    state: IStateDB | null,
    palette: ICommandPalette | null,
    restorer: ILayoutRestorer | null,
    settingRegistry: ISettingRegistry | null,
    rendermime: IRenderMimeRegistry | null,
    themeManager: IThemeManager | null,
    notebooks: INotebookTracker | null,
    translator: ITranslator | null
  ): ITeamRunsFilter => {
    const trans = (translator ?? nullTranslator).load(TRANSLATION_DOMAIN);
    const { commands, shell } = app;
    const tracker = new WidgetTracker<MainAreaWidget<TeamRunsGrid>>({
      namespace: 'jupyter-ext-team-runs'
    });
    const detailViews = new Map<string, MainAreaWidget<Widget>>();
    // The toolbar button the column menu opens under.
    const columnsButtons = new WeakMap<Widget, Widget>();
    const polls = new WeakMap<Widget, Poll>();
    let values = readSettings(null);
    const settingsReady: Promise<void> = settingRegistry
      ? settingRegistry
          .load(TEAM_RUNS_PLUGIN_ID)
          .then(loaded => {
            values = readSettings(loaded);
            loaded.changed.connect(() => {
              values = readSettings(loaded);
              tracker.forEach(w => {
                const model = w.content.model;
                model.pageSize = values.pageSize;
                const poll = polls.get(w);
                if (poll) {
                  poll.frequency = {
                    ...poll.frequency,
                    interval: values.pollInterval * 1000
                  };
                }
              });
            });
          })
          .catch(reason => {
            console.warn('jupyter-ext: Team runs settings unavailable', reason);
          })
      : Promise.resolve();
    const current = (): TeamRunsGrid | null => {
      const w = tracker.currentWidget;
      return w ? w.content : null;
    };

    const currentNotebook = (): string | null =>
      notebooks?.currentWidget?.context.path ?? null;

    const actions: ICompareActions = {
      open: id => void views.openReadonly(id),
      diff: (base, remote) => void views.openDiff(base, remote),
      diffWithCurrent: id => {
        const choose = async () => {
          // The run's own notebook is the answer only when none is open.
          const fallback = notebooks?.size
            ? null
            : ((await client.get(id)).notebook?.path ?? null);
          if (!fallback && !notebooks?.size) {
            Notification.warning(
              trans.__('Open a notebook to diff this run with it.')
            );
            return;
          }
          // more than one open notebook could be meant: ask which
          const path = await chooseNotebook(
            notebooks,
            app.shell.currentWidget,
            { trans, fallback }
          );
          if (path) {
            await views.openDiff(id, path);
          }
        };
        choose().catch(reason =>
          notifyError(
            trans.__(
              'Could not diff run %1: %2',
              shortId(id),
              errorText(reason)
            )
          )
        );
      },
      // Stay in the comparison: the copy opens from the notification.
      restore: id => void views.restore(id, { openCopy: false }),
      commentAdded: (id, count) => {
        tracker.forEach(w =>
          w.content.model.updateRow(id, { comment_count: count })
        );
      },
      currentNotebook
    };

    const openCompare = (ids: string[]) => {
      if (ids.length === 0) {
        return;
      }
      const key = [...ids].sort().join(',');
      const existing = detailViews.get(key);
      if (existing && !existing.isDisposed) {
        shell.activateById(existing.id);
        return;
      }
      const content = new CompareWidget({
        ids,
        api: client,
        actions,
        rendermime,
        themeChanged: themeManager?.themeChanged ?? null,
        trans
      });
      const main = new MainAreaWidget<Widget>({ content });
      main.id = `jupyter-ext-team-runs-compare-${Date.now().toString(36)}`;
      main.addClass('jp-snapshots-runsCompare-panel');
      main.title.icon = teamRunsIcon;
      main.title.closable = true;
      if (ids.length === 1) {
        const row = tracker.currentWidget?.content.model.row(ids[0]);
        main.title.label = trans.__('Run: %1', row?.message || shortId(ids[0]));
      } else {
        main.title.label = trans._n(
          'Compare %1 run',
          'Compare %1 runs',
          ids.length
        );
      }
      detailViews.set(key, main);
      main.disposed.connect(() => detailViews.delete(key));
      shell.add(main, 'main');
      shell.activateById(main.id);
    };

    // -------------------------------------------------------------- the table
    // Terms other views (the sweep view's brush) add to every table.
    const filter = new TeamRunsFilter(() => {
      const models: TeamRunsModel[] = [];
      tracker.forEach(w => models.push(w.content.model));
      return models;
    });
    const saveLayout = layoutSaver(state);
    const createView = async (query?: string) => {
      await settingsReady;
      // The layout lives in the state database; the older settings seed it.
      const layout = await loadLayout(state, values.layout);
      const model = new TeamRunsModel({
        api: client,
        pageSize: values.pageSize,
        layout,
        verdicts: () => client.latestVerdicts()
      });
      filter.apply(model);
      const grid = new TeamRunsGrid(model, trans, commands);
      const main = new MainAreaWidget<TeamRunsGrid>({ content: grid });
      main.id = 'jupyter-ext-team-runs-panel';
      main.title.label = trans.__('Team runs');
      main.title.icon = teamRunsIcon;
      main.title.caption = trans.__('Every run in the team store');
      main.title.closable = true;
      main.toolbar.addItem(
        'compare',
        new CommandToolbarButton({ commands, id: TeamRunsCommandIDs.compare })
      );
      const columnsButton = new CommandToolbarButton({
        commands,
        id: TeamRunsCommandIDs.columns
      });
      columnsButtons.set(main, columnsButton);
      main.toolbar.addItem('columns', columnsButton);
      main.toolbar.addItem(
        'differ',
        new CommandToolbarButton({ commands, id: ColumnCommandIDs.differOnly })
      );
      main.toolbar.addItem(
        'refresh',
        new CommandToolbarButton({ commands, id: TeamRunsCommandIDs.refresh })
      );

      model.layoutChanged.connect((_, changed) => saveLayout(changed));
      model.selection.changed.connect(() => {
        commands.notifyCommandChanged(TeamRunsCommandIDs.compare);
      });
      grid.openRequested.connect((_, id) => openCompare([id]));
      grid.compareRequested.connect((_, ids) => openCompare(ids));

      const poll = new Poll({
        auto: false,
        factory: async () => {
          // Comment counts are decoration: their failure must not back off new runs.
          await Promise.all([
            model.checkNew(),
            model.checkComments().catch(() => 0)
          ]);
        },
        frequency: {
          interval: values.pollInterval * 1000,
          backoff: true,
          max: 300 * 1000
        },
        name: 'jupyter-ext:team-runs',
        standby: 'when-hidden'
      });
      polls.set(main, poll);
      main.disposed.connect(() => poll.dispose());

      void tracker.add(main);
      shell.add(main, 'main');
      shell.activateById(main.id);
      if (query) {
        await model.setQuery(query);
      } else {
        await model.reload();
      }
      void poll.start();
      return main;
    };

    commands.addCommand(TeamRunsCommandIDs.open, {
      label: trans.__('Team runs'),
      caption: trans.__(
        'Browse, filter and compare every run in the team store'
      ),
      icon: args => (args.isPalette ? undefined : teamRunsIcon),
      execute: async args => {
        const query = typeof args.query === 'string' ? args.query : undefined;
        const existing = tracker.currentWidget ?? tracker.find(() => true);
        if (existing) {
          shell.activateById(existing.id);
          if (query !== undefined) {
            await existing.content.model.setQuery(query);
          }
          return existing;
        }
        return createView(query);
      }
    });

    commands.addCommand(TeamRunsCommandIDs.compare, {
      label: () => {
        const n = current()?.model.selection.size ?? 0;
        return n >= 2
          ? trans._n('Compare %1 run', 'Compare %1 runs', n)
          : n === 1
            ? trans.__('Run details')
            : trans.__('Compare');
      },
      caption: trans.__(
        'Compare the selected runs side by side (select two or more)'
      ),
      icon: tableRowsIcon,
      isEnabled: () => (current()?.model.selection.size ?? 0) >= 1,
      execute: () => {
        const grid = current();
        if (grid) {
          openCompare(grid.model.selection.ids);
        }
      }
    });

    commands.addCommand(TeamRunsCommandIDs.columns, {
      label: trans.__('Columns'),
      caption: trans.__('Show, hide and reorder columns'),
      execute: () => {
        const grid = current();
        if (!grid) {
          return;
        }
        const main = tracker.currentWidget;
        const button = main ? columnsButtons.get(main) : undefined;
        const rect = (button ?? grid).node.getBoundingClientRect();
        grid.openColumnMenu(rect.left, rect.bottom);
      }
    });

    commands.addCommand(TeamRunsCommandIDs.refresh, {
      label: trans.__('Refresh'),
      caption: trans.__('Reload the runs'),
      icon: refreshIcon,
      execute: async () => {
        await current()?.model.reload();
      }
    });

    addColumnCommands(commands, () => current()?.model ?? null, trans);

    tracker.currentChanged.connect(() => {
      commands.notifyCommandChanged(TeamRunsCommandIDs.compare);
    });

    addRowMenu(app, {
      current: () => current(),
      open: id => void views.openReadonly(id),
      details: id => openCompare([id]),
      diffWithCurrent: id => actions.diffWithCurrent(id),
      restore: id => actions.restore(id),
      trans
    });

    if (palette) {
      palette.addItem({
        command: TeamRunsCommandIDs.open,
        category: trans.__('Snapshots'),
        args: { isPalette: true }
      });
    }
    if (restorer) {
      void restorer.restore(tracker, {
        command: TeamRunsCommandIDs.open,
        name: () => 'team-runs'
      });
    }

    filter.addCommand(commands, trans);
    return filter;
  }
};

export default [teamRunsPlugin];
