/**
 * The "Snapshots" sidebar: the history of the active notebook, with its item
 * commands (diff, open read-only, restore, copy id, delete). The views
 * themselves come from ISnapshotViews.
 */
import {
  ILabShell,
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import {
  Clipboard,
  Dialog,
  ICommandPalette,
  Notification,
  showDialog
} from '@jupyterlab/apputils';
import { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import {
  copyIcon,
  deleteIcon,
  refreshIcon,
  undoIcon
} from '@jupyterlab/ui-components';
import { ReadonlyPartialJSONObject } from '@lumino/coreutils';
import { Widget } from '@lumino/widgets';

import { ISnapshotSummary, SnapshotClient } from '../api';
import {
  contextMenuElement,
  relativeTime,
  shortId,
  watchContextMenu
} from '../common';
import { HistoryModel } from '../history/model';
import { chooseNotebook } from '../common/chooseNotebook';
import { errorText, notifyError } from '../common/messages';
import { HistoryCommandIDs } from '../history/commandIds';
import { addItemMenu, ITEM_SELECTOR, itemIdOf } from '../history/itemMenu';
import { HistoryPanel } from '../history/panel';
import { diffIcon, readonlyIcon } from '../icons';
import { ISnapshotClient, ISnapshotViews } from '../tokens';
import { TRANSLATION_DOMAIN } from '../translation';

/** Also the id of the settings schema/plugin.json. */
export const HISTORY_PLUGIN_ID = 'jupyter-ext:plugin';

export const historyPlugin: JupyterFrontEndPlugin<void> = {
  id: HISTORY_PLUGIN_ID,
  description:
    'The Snapshots sidebar: the history of the active notebook, diffs and restores.',
  autoStart: true,
  requires: [ISnapshotClient, ISnapshotViews, INotebookTracker],
  optional: [
    ICommandPalette,
    ILayoutRestorer,
    ILabShell,
    ISettingRegistry,
    ITranslator
  ],
  activate: (
    app: JupyterFrontEnd,
    client: SnapshotClient,
    views: ISnapshotViews,
    tracker: INotebookTracker,
    palette: ICommandPalette | null,
    restorer: ILayoutRestorer | null,
    labShell: ILabShell | null,
    settingRegistry: ISettingRegistry | null,
    translator: ITranslator | null
  ) => {
    const trans = (translator ?? nullTranslator).load(TRANSLATION_DOMAIN);
    watchContextMenu();
    const { commands, shell } = app;
    const model = new HistoryModel(client);
    const panel = new HistoryPanel(
      model,
      commands,
      trans,
      app.contextMenu.menu
    );
    shell.add(panel, 'left', { rank: 600, type: 'Snapshots' });
    restorer?.add(panel, panel.id);
    void model.loadIdentity();
    client.snapshotsChanged.connect(
      () => void model.refresh({ background: true })
    );

    model.setPollInterval(10);
    if (settingRegistry) {
      void settingRegistry
        .load(HISTORY_PLUGIN_ID)
        .then(loaded => {
          const read = () =>
            model.setPollInterval(
              (loaded.get('pollInterval').composite as number) ?? 10
            );
          read();
          loaded.changed.connect(read);
        })
        .catch(reason => {
          console.warn('jupyter-ext: could not load settings', reason);
        });
    }

    // Follow the active notebook, including renames ("Save as", rename in the
    // file browser) of the one being followed.
    let followed: NotebookPanel | null = null;
    const onPathChanged = () => {
      void model.setNotebook(followed ? followed.context.path : null);
    };
    const followActive = () => {
      const current = tracker.currentWidget;
      if (current !== followed) {
        followed?.context.pathChanged.disconnect(onPathChanged);
        followed = current;
        followed?.context.pathChanged.connect(onPathChanged);
      }
      void model.setNotebook(current ? current.context.path : null);
    };
    tracker.currentChanged.connect(followActive);
    labShell?.currentChanged.connect(followActive);
    followActive();

    const targetId = (args: ReadonlyPartialJSONObject): string | null => {
      const id = args.id;
      if (typeof id === 'string' && id) {
        return id;
      }
      return itemIdOf(contextMenuElement(ITEM_SELECTOR));
    };
    const target = (
      args: ReadonlyPartialJSONObject
    ): ISnapshotSummary | null => {
      const id = targetId(args);
      return id ? (model.find(id) ?? null) : null;
    };

    commands.addCommand(HistoryCommandIDs.showHistory, {
      label: trans.__('Show notebook snapshots'),
      execute: async args => {
        shell.activateById(panel.id);
        if (typeof args.id === 'string') {
          await panel.reveal(args.id);
        }
      }
    });
    commands.addCommand(HistoryCommandIDs.refresh, {
      label: trans.__('Refresh snapshots'),
      icon: refreshIcon,
      execute: () => model.refresh()
    });
    commands.addCommand(HistoryCommandIDs.diffSelected, {
      label: trans.__('Diff selected snapshots'),
      icon: diffIcon,
      isEnabled: () => model.diffPair() !== null,
      execute: () => {
        const pair = model.diffPair();
        if (!pair) {
          Notification.info(trans.__('Select two snapshots to diff them.'), {
            autoClose: 4000
          });
          return;
        }
        return views.openDiff(pair[0].id, pair[1].id);
      }
    });
    commands.addCommand(HistoryCommandIDs.diffWithCurrent, {
      label: trans.__('Diff with current notebook'),
      icon: diffIcon,
      isEnabled: args => !!target(args),
      execute: async args => {
        const s = target(args);
        if (!s) {
          return;
        }
        const path = await chooseNotebook(tracker, shell.currentWidget, {
          trans,
          fallback: s.notebook.path
        });
        if (path) {
          return views.openDiff(s.id, path);
        }
      }
    });
    commands.addCommand(HistoryCommandIDs.openReadonly, {
      label: trans.__('Open read-only'),
      icon: readonlyIcon,
      isEnabled: args => !!target(args),
      execute: args => {
        const s = target(args);
        if (s) {
          return views.openReadonly(s.id);
        }
      }
    });
    commands.addCommand(HistoryCommandIDs.restoreCopy, {
      label: trans.__('Restore as a copy…'),
      icon: undoIcon,
      isEnabled: args => !!target(args),
      execute: args => {
        const s = target(args);
        if (s) {
          return views.restore(s.id);
        }
      }
    });
    commands.addCommand(HistoryCommandIDs.copyId, {
      label: trans.__('Copy id'),
      icon: copyIcon,
      isEnabled: args => !!targetId(args),
      execute: args => {
        const id = targetId(args);
        if (id) {
          Clipboard.copyToSystem(id);
          Notification.info(trans.__('Copied snapshot id %1', id), {
            autoClose: 2500
          });
        }
      }
    });
    commands.addCommand(HistoryCommandIDs.deleteSnapshot, {
      label: trans.__('Delete…'),
      icon: deleteIcon,
      isVisible: args => {
        const s = target(args);
        return !!s && model.isOwn(s);
      },
      execute: async args => {
        const s = target(args);
        if (!s) {
          return;
        }
        const body = new Widget();
        const p = document.createElement('p');
        p.textContent = trans.__(
          'Delete the snapshot “%1” (%2) from the team store? Teammates will no longer see it. This cannot be undone.',
          s.message || shortId(s.id),
          relativeTime(s.created, new Date(), trans)
        );
        body.node.appendChild(p);
        const answer = await showDialog({
          title: trans.__('Delete snapshot'),
          body,
          buttons: [
            Dialog.cancelButton(),
            Dialog.warnButton({ label: trans.__('Delete') })
          ]
        });
        if (!answer.button.accept) {
          return;
        }
        try {
          await client.remove(s.id);
          model.removeItem(s.id);
          Notification.success(trans.__('Snapshot deleted.'), {
            autoClose: 3000
          });
        } catch (error) {
          notifyError(
            trans.__('Could not delete the snapshot: %1', errorText(error)),
            { trans }
          );
          void model.refresh({ background: true });
        }
      }
    });

    addItemMenu(app.contextMenu);

    model.changed.connect(() =>
      commands.notifyCommandChanged(HistoryCommandIDs.diffSelected)
    );
    if (palette) {
      for (const command of [
        HistoryCommandIDs.showHistory,
        HistoryCommandIDs.diffSelected,
        HistoryCommandIDs.refresh
      ]) {
        palette.addItem({ command, category: trans.__('Snapshots') });
      }
    }
  }
};
