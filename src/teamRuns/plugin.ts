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
  Dialog,
  ICommandPalette,
  InputDialog,
  IThemeManager,
  MainAreaWidget,
  Notification,
  showDialog,
  WidgetTracker
} from '@jupyterlab/apputils';
import { IEditorServices } from '@jupyterlab/codeeditor';
import { INotebookTracker } from '@jupyterlab/notebook';
import { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import {
  CommandToolbarButton,
  refreshIcon,
  tableRowsIcon
} from '@jupyterlab/ui-components';
import { ReadonlyPartialJSONObject } from '@lumino/coreutils';
import { Poll } from '@lumino/polling';
import { Widget } from '@lumino/widgets';

import { SnapshotApi } from '../api';
import {
  defaultRestorePath,
  describeSnapshot,
  isSnapshotId,
  shortId
} from '../common';
import { SnapshotDiffWidget } from '../diff/widget';
import { SnapshotClient } from '../history/client';
import { untrustedRendermime } from '../readonly/rendermime';
import { ReadonlySnapshotWidget } from '../readonly/widget';
import { TRANSLATION_DOMAIN } from '../translation';
import { ITeamRunsApi, TeamRunsClient } from './client';
import { IColumnLayout } from './columns';
import { CompareWidget, ICompareActions } from './compareView';
import { TeamRunsGrid } from './grid';
import { teamRunsIcon } from './icons';
import { TeamRunsModel } from './model';
import { withTerm } from './query';
import { ReadonlyNotebookWidget } from './readonlyView';

export const TEAM_RUNS_PLUGIN_ID = 'jupyter-ext:team-runs';

export namespace TeamRunsCommandIDs {
  /** Open (or activate) the Team runs view; args: {query?: string}. */
  export const open = 'jupyter-ext:team-runs';
  export const compare = 'jupyter-ext:team-runs-compare';
  export const columns = 'jupyter-ext:team-runs-columns';
  export const refresh = 'jupyter-ext:team-runs-refresh';
  /** Show one run's details; args: {id}. */
  export const details = 'jupyter-ext:team-runs-details';
  /** Row context menu (args: {id}, else the row under the menu). */
  export const openRun = 'jupyter-ext:team-runs-open-run';
  export const diffRunWithCurrent = 'jupyter-ext:team-runs-diff-with-current';
  export const restoreRun = 'jupyter-ext:team-runs-restore';
  export const filterAuthor = 'jupyter-ext:team-runs-filter-author';
  export const filterNotebook = 'jupyter-ext:team-runs-filter-notebook';
  /** Commands of the history/diff views, used when present. */
  export const openSnapshot = 'jupyter-ext:open-snapshot';
  export const diff = 'jupyter-ext:diff';
}

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

function sameLayout(a: IColumnLayout, b: IColumnLayout): boolean {
  return (
    JSON.stringify(a.order) === JSON.stringify(b.order) &&
    JSON.stringify([...a.hidden].sort()) ===
      JSON.stringify([...b.hidden].sort())
  );
}

export const teamRunsPlugin: JupyterFrontEndPlugin<void> = {
  id: TEAM_RUNS_PLUGIN_ID,
  description:
    'Team runs: browse, filter, compare and comment on every run in the team store.',
  autoStart: true,
  optional: [
    ICommandPalette,
    ILayoutRestorer,
    ISettingRegistry,
    IRenderMimeRegistry,
    IThemeManager,
    INotebookTracker,
    IEditorServices,
    ITranslator
  ],
  activate: (
    app: JupyterFrontEnd,
    palette: ICommandPalette | null,
    restorer: ILayoutRestorer | null,
    settingRegistry: ISettingRegistry | null,
    rendermime: IRenderMimeRegistry | null,
    themeManager: IThemeManager | null,
    notebooks: INotebookTracker | null,
    editorServices: IEditorServices | null,
    translator: ITranslator | null
  ) => {
    const trans = (translator ?? nullTranslator).load(TRANSLATION_DOMAIN);
    const { commands, shell } = app;
    const client: ITeamRunsApi = new TeamRunsClient(new SnapshotApi());
    // Teammates' notebooks are untrusted: a clone of the registry without
    // command links or JavaScript, outputs created with trusted=false by the views.
    const untrusted = rendermime ? untrustedRendermime(rendermime) : null;
    const editorFactory = editorServices
      ? editorServices.factoryService.newInlineEditor.bind(
          editorServices.factoryService
        )
      : undefined;
    let diffClient: SnapshotClient | null = null;
    const showMain = (widget: MainAreaWidget<Widget>) => {
      let existing: Widget | null = null;
      for (const w of shell.widgets('main')) {
        if (w.id === widget.id) {
          existing = w;
        }
      }
      if (existing) {
        widget.dispose();
        shell.activateById(existing.id);
        return;
      }
      shell.add(widget, 'main');
      shell.activateById(widget.id);
    };
    const tracker = new WidgetTracker<MainAreaWidget<TeamRunsGrid>>({
      namespace: 'jupyter-ext-team-runs'
    });
    const detailViews = new Map<string, MainAreaWidget<Widget>>();
    const polls = new WeakMap<Widget, Poll>();
    let settings: ISettingRegistry.ISettings | null = null;
    let values = readSettings(null);
    const settingsReady: Promise<void> = settingRegistry
      ? settingRegistry
          .load(TEAM_RUNS_PLUGIN_ID)
          .then(loaded => {
            settings = loaded;
            values = readSettings(loaded);
            loaded.changed.connect(() => {
              values = readSettings(loaded);
              tracker.forEach(w => {
                const model = w.content.model;
                if (!sameLayout(model.layout, values.layout)) {
                  model.setLayout(values.layout, false);
                }
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

    // -------------------------------------------------------------- actions
    const openSnapshot = (id: string) => {
      if (commands.hasCommand(TeamRunsCommandIDs.openSnapshot)) {
        void commands.execute(TeamRunsCommandIDs.openSnapshot, { id });
        return;
      }
      if (untrusted && editorFactory && editorServices) {
        // The history view's read-only notebook, for any run of the store.
        void client.manifest(id).then(summary => {
          const widget = new ReadonlySnapshotWidget({
            summary,
            load: () =>
              client.notebook(id) as Promise<unknown> as Promise<
                Record<string, unknown>
              >,
            rendermime: untrusted,
            editorFactory,
            mimeTypeService: editorServices.mimeTypeService,
            onRestore: () => actions.restore(id),
            trans
          });
          showMain(widget as MainAreaWidget<Widget>);
        });
        return;
      }
      const key = `notebook:${id}`;
      const existing = detailViews.get(key);
      if (existing && !existing.isDisposed) {
        shell.activateById(existing.id);
        return;
      }
      const content = new ReadonlyNotebookWidget(id, client, untrusted, trans);
      const main = new MainAreaWidget<Widget>({ content });
      main.id = `jupyter-ext-snapshot-${id}`;
      main.title.label = trans.__('Snapshot %1 (read-only)', shortId(id));
      main.title.icon = teamRunsIcon;
      main.title.closable = true;
      void client.manifest(id).then(m => {
        main.title.label = trans.__(
          '%1 @ %2 (read-only)',
          m.notebook?.name ?? trans.__('notebook'),
          shortId(id)
        );
        main.title.caption = `${m.notebook?.path} — ${m.message} — ${m.author?.name ?? ''}`;
      });
      detailViews.set(key, main);
      main.disposed.connect(() => detailViews.delete(key));
      shell.add(main, 'main');
    };

    const diff = async (base: string, remote: string) => {
      if (commands.hasCommand(TeamRunsCommandIDs.diff)) {
        await commands.execute(TeamRunsCommandIDs.diff, { base, remote });
        return;
      }
      try {
        if (untrusted) {
          // The history view's nbdime diff (+ run diff), for any two runs.
          diffClient = diffClient ?? new SnapshotClient();
          const baseRun = await client.manifest(base);
          const isRun = isSnapshotId(remote);
          let remoteSide;
          let remoteContent: (() => unknown) | undefined;
          let notice: string | undefined;
          if (isRun) {
            const remoteRun = await client.manifest(remote);
            remoteSide = {
              ref: remote,
              label: shortId(remote),
              detail: (now: Date) => describeSnapshot(remoteRun, now, trans)
            };
          } else {
            const open = notebooks?.find(nb => nb.context.path === remote);
            if (open) {
              remoteContent = () => open.context.model.toJSON();
            } else {
              notice = trans.__(
                '%1 is not open: this diff compares with the version saved on disk.',
                remote
              );
            }
            remoteSide = {
              ref: remote,
              label: trans.__('my notebook'),
              detail: remote
            };
          }
          showMain(
            new SnapshotDiffWidget({
              api: diffClient,
              base: {
                ref: base,
                label: shortId(base),
                detail: (now: Date) => describeSnapshot(baseRun, now, trans)
              },
              remote: remoteSide,
              rendermime: untrusted,
              editorFactory,
              notice,
              remoteContent,
              trans
            }) as MainAreaWidget<Widget>
          );
          return;
        }
        const result = await client.diff(base, remote);
        const body = document.createElement('pre');
        body.className = 'jp-TeamRuns-diffFallback';
        body.textContent = JSON.stringify(result.run_diff ?? result, null, 2);
        await showDialog({
          title: trans.__(
            'Run diff %1 → %2',
            shortId(base),
            isSnapshotId(remote) ? shortId(remote) : remote
          ),
          body: new Widget({ node: body }),
          buttons: [Dialog.okButton({ label: trans.__('Close') })]
        });
      } catch (error) {
        Notification.error(
          trans.__(
            'Diff failed: %1',
            error instanceof Error ? error.message : String(error)
          )
        );
      }
    };

    const currentNotebook = (): string | null =>
      notebooks?.currentWidget?.context.path ?? null;

    const actions: ICompareActions = {
      open: openSnapshot,
      diff: (base, remote) => void diff(base, remote),
      diffWithCurrent: id => {
        void client.manifest(id).then(m => {
          const path = currentNotebook() ?? m.notebook?.path;
          if (!path) {
            Notification.warning(
              trans.__('Open a notebook to diff this run with it.')
            );
            return;
          }
          void diff(id, path);
        });
      },
      restore: id => {
        void (async () => {
          const m = await client.manifest(id);
          const result = await InputDialog.getText({
            title: trans.__('Restore as a copy'),
            label: trans.__(
              'Save %1 as of this run to:',
              m.notebook?.name ?? trans.__('the notebook')
            ),
            text: defaultRestorePath(m.notebook?.path ?? 'notebook.ipynb', id),
            okLabel: trans.__('Restore')
          });
          if (!result.button.accept || !result.value) {
            return;
          }
          try {
            const restored = await client.restore(id, result.value.trim());
            Notification.success(trans.__('Restored to %1', restored.path), {
              autoClose: 6000,
              actions: [
                {
                  label: trans.__('Open'),
                  callback: () =>
                    void commands.execute('docmanager:open', {
                      path: restored.path
                    })
                }
              ]
            });
          } catch (error) {
            Notification.error(
              trans.__(
                'Restore failed: %1',
                error instanceof Error ? error.message : String(error)
              )
            );
          }
        })();
      },
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
      main.addClass('jp-TeamRunsCompare-panel');
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
    const createView = async (query?: string) => {
      await settingsReady;
      const model = new TeamRunsModel({
        api: client,
        pageSize: values.pageSize,
        layout: values.layout
      });
      const grid = new TeamRunsGrid(model, trans);
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
      main.toolbar.addItem(
        'columns',
        new CommandToolbarButton({ commands, id: TeamRunsCommandIDs.columns })
      );
      main.toolbar.addItem(
        'refresh',
        new CommandToolbarButton({ commands, id: TeamRunsCommandIDs.refresh })
      );

      model.layoutChanged.connect((_, layout) => {
        if (settings) {
          void settings.set('columnOrder', layout.order);
          void settings.set('hiddenColumns', layout.hidden);
        }
      });
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

    commands.addCommand(TeamRunsCommandIDs.details, {
      label: trans.__('Details and comments'),
      execute: args => {
        const id =
          typeof args.id === 'string'
            ? args.id
            : app.contextMenuHitTest(n =>
                n.classList.contains('jp-TeamRuns-row')
              )?.dataset.snapshotId;
        if (id) {
          openCompare([id]);
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
        const button = tracker.currentWidget?.toolbar.node.querySelector(
          '[data-jp-item-name="columns"]'
        );
        const rect = (button ?? grid.node).getBoundingClientRect();
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

    tracker.currentChanged.connect(() => {
      commands.notifyCommandChanged(TeamRunsCommandIDs.compare);
    });

    // ---------------------------------------------------- row context menu
    const rowId = (args: ReadonlyPartialJSONObject): string | null => {
      if (typeof args.id === 'string' && args.id) {
        return args.id;
      }
      const node = app.contextMenuHitTest(n =>
        n.classList.contains('jp-TeamRuns-row')
      );
      return node?.dataset.snapshotId ?? null;
    };
    const rowSummary = (args: ReadonlyPartialJSONObject) => {
      const id = rowId(args);
      return id ? (current()?.model.row(id) ?? null) : null;
    };
    commands.addCommand(TeamRunsCommandIDs.openRun, {
      label: trans.__('Open read-only'),
      execute: args => {
        const id = rowId(args);
        if (id) {
          openSnapshot(id);
        }
      }
    });
    commands.addCommand(TeamRunsCommandIDs.diffRunWithCurrent, {
      label: trans.__('Diff with my notebook'),
      execute: args => {
        const id = rowId(args);
        if (id) {
          actions.diffWithCurrent(id);
        }
      }
    });
    commands.addCommand(TeamRunsCommandIDs.restoreRun, {
      label: trans.__('Restore as a copy…'),
      execute: args => {
        const id = rowId(args);
        if (id) {
          actions.restore(id);
        }
      }
    });
    commands.addCommand(TeamRunsCommandIDs.filterAuthor, {
      label: args => {
        const r = rowSummary(args);
        return r
          ? trans.__('Only runs by %1', r.author?.name || r.author?.username)
          : trans.__('Only runs by this author');
      },
      execute: args => {
        const r = rowSummary(args);
        const grid = current();
        if (r && grid) {
          void grid.model.setQuery(
            withTerm(grid.model.query, 'author', r.author?.username ?? '')
          );
        }
      }
    });
    commands.addCommand(TeamRunsCommandIDs.filterNotebook, {
      label: trans.__('Only runs of this notebook'),
      execute: args => {
        const r = rowSummary(args);
        const grid = current();
        if (r && grid) {
          void grid.model.setQuery(
            withTerm(grid.model.query, 'notebook', r.notebook?.path ?? '')
          );
        }
      }
    });
    const selector = '.jp-TeamRuns-row';
    [
      TeamRunsCommandIDs.details,
      TeamRunsCommandIDs.openRun,
      TeamRunsCommandIDs.diffRunWithCurrent,
      TeamRunsCommandIDs.restoreRun
    ].forEach((command, i) =>
      app.contextMenu.addItem({ command, selector, rank: 10 + i })
    );
    app.contextMenu.addItem({ type: 'separator', selector, rank: 20 });
    app.contextMenu.addItem({
      command: TeamRunsCommandIDs.filterAuthor,
      selector,
      rank: 21
    });
    app.contextMenu.addItem({
      command: TeamRunsCommandIDs.filterNotebook,
      selector,
      rank: 22
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
  }
};

export default [teamRunsPlugin];
