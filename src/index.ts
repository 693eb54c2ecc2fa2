/**
 * jupyter-ext: snapshot notebook runs into a shared store, browse their history.
 */
import {
  ILabShell,
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import {
  Dialog,
  ICommandPalette,
  Notification,
  showDialog
} from '@jupyterlab/apputils';
import { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import { ISettingRegistry } from '@jupyterlab/settingregistry';

import { ReadonlyJSONObject } from '@lumino/coreutils';

import { ISnapshotSummary, SnapshotApi } from './api';
import { HistoryModel, HistoryPanel } from './historyPanel';
import { snapshotIcon } from './icons';
import { ISnapshotDialogValue, SnapshotDialogBody } from './snapshotDialog';

export const PLUGIN_ID = 'jupyter-ext:plugin';

export namespace CommandIDs {
  export const snapshotRun = 'jupyter-ext:snapshot-run';
  export const showHistory = 'jupyter-ext:show-history';
}

const RECENT_TAGS_LIMIT = 12;

const plugin: JupyterFrontEndPlugin<void> = {
  id: PLUGIN_ID,
  description:
    'Snapshot notebook runs into a shared store and browse their history.',
  autoStart: true,
  requires: [INotebookTracker],
  optional: [ICommandPalette, ILayoutRestorer, ILabShell, ISettingRegistry],
  activate: (
    app: JupyterFrontEnd,
    tracker: INotebookTracker,
    palette: ICommandPalette | null,
    restorer: ILayoutRestorer | null,
    labShell: ILabShell | null,
    settingRegistry: ISettingRegistry | null
  ) => {
    const api = new SnapshotApi();
    const model = new HistoryModel(api);
    const panel = new HistoryPanel(model);
    app.shell.add(panel, 'left', { rank: 600, type: 'Snapshots' });
    restorer?.add(panel, panel.id);

    let defaultTags: string[] = [];
    let recentTags: string[] = [];
    let settings: ISettingRegistry.ISettings | null = null;
    if (settingRegistry) {
      void settingRegistry.load(PLUGIN_ID).then(loaded => {
        settings = loaded;
        const read = () => {
          defaultTags = (loaded.get('defaultTags').composite as string[]) ?? [];
          recentTags = (loaded.get('recentTags').composite as string[]) ?? [];
        };
        read();
        loaded.changed.connect(read);
      });
    }

    const followActive = () => {
      const current = tracker.currentWidget;
      void model.setNotebook(current ? current.context.path : null);
    };
    tracker.currentChanged.connect(followActive);
    labShell?.currentChanged.connect(followActive);
    followActive();

    const takeSnapshot = async (notebook: NotebookPanel): Promise<void> => {
      const result = await showDialog<ISnapshotDialogValue>({
        title: 'Snapshot run',
        body: new SnapshotDialogBody({
          notebookName:
            notebook.context.localPath.split('/').pop() ??
            notebook.context.path,
          defaultTags,
          recentTags
        }),
        buttons: [
          Dialog.cancelButton(),
          Dialog.okButton({ label: 'Snapshot' })
        ],
        focusNodeSelector: 'input'
      });
      if (!result.button.accept || !result.value) {
        return;
      }
      const { message, tags } = result.value;
      if (settings && tags.length) {
        const merged = [...tags, ...recentTags.filter(t => !tags.includes(t))];
        void settings.set('recentTags', merged.slice(0, RECENT_TAGS_LIMIT));
      }
      const request = api.take({
        path: notebook.context.path,
        content: notebook.context.model.toJSON(),
        kernel_id: notebook.sessionContext.session?.kernel?.id,
        message,
        tags
      });
      Notification.promise<ISnapshotSummary & ReadonlyJSONObject>(
        request as Promise<ISnapshotSummary & ReadonlyJSONObject>,
        {
          pending: {
            message: 'Taking snapshot…',
            options: { autoClose: false }
          },
          success: {
            message: (result: unknown) => {
              const summary = result as ISnapshotSummary;
              return summary.queued
                ? `Store unreachable: snapshot queued locally and will be sent later (${summary.queue_reason ?? ''}).`
                : 'Snapshot saved';
            },
            options: {
              autoClose: 5000,
              actions: [
                {
                  label: 'View',
                  callback: () => {
                    app.shell.activateById(panel.id);
                  }
                }
              ]
            }
          },
          error: {
            message: (reason: unknown) =>
              `Snapshot failed: ${reason instanceof Error ? reason.message : String(reason)}. Nothing was saved; your notebook is unchanged.`,
            options: { autoClose: false }
          }
        }
      );
      try {
        await request;
      } finally {
        void model.refresh();
      }
    };

    app.commands.addCommand(CommandIDs.snapshotRun, {
      label: 'Snapshot run',
      caption:
        'Snapshot this notebook with its outputs, kernel, environment, parameters and data',
      icon: args => (args.toolbar ? snapshotIcon : undefined),
      isEnabled: () => tracker.currentWidget !== null,
      execute: async () => {
        const current = tracker.currentWidget;
        if (!current) {
          Notification.warning('Open a notebook to take a snapshot.');
          return;
        }
        await takeSnapshot(current);
      }
    });
    app.commands.addCommand(CommandIDs.showHistory, {
      label: 'Show notebook snapshots',
      execute: () => {
        app.shell.activateById(panel.id);
      }
    });
    tracker.currentChanged.connect(() => {
      app.commands.notifyCommandChanged(CommandIDs.snapshotRun);
    });

    if (palette) {
      palette.addItem({
        command: CommandIDs.snapshotRun,
        category: 'Snapshots'
      });
      palette.addItem({
        command: CommandIDs.showHistory,
        category: 'Snapshots'
      });
    }
  }
};

export default [plugin];
