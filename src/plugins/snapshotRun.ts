/**
 * "Snapshot run": the notebook toolbar button, command and dialog (message,
 * tags, secret scan), and the optional auto-snapshot on save. Recent tags are
 * remembered in the state database (they are state, not settings).
 */
import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import {
  Dialog,
  ICommandPalette,
  Notification,
  showDialog
} from '@jupyterlab/apputils';
import { DocumentRegistry } from '@jupyterlab/docregistry';
import {
  INotebookModel,
  INotebookTracker,
  NotebookPanel
} from '@jupyterlab/notebook';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { IStateDB } from '@jupyterlab/statedb';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

import { ISecretFinding, ISnapshotSummary, SnapshotClient } from '../api';
import { snapshotIcon } from '../icons';
import {
  ISnapshotDialogValue,
  mergeRecentTags,
  SnapshotDialogBody
} from '../snapshotDialog';
import { ISnapshotClient } from '../tokens';
import { TRANSLATION_DOMAIN } from '../translation';
import { errorText, notify, notifyError } from '../common/messages';
import { HistoryCommandIDs } from '../history/panel';
import { HISTORY_PLUGIN_ID } from './history';

const AUTO_MESSAGE = 'Auto-snapshot on save';
const AUTO_TAG = 'autosave';
/** How long the dialog waits for the secret scan before opening anyway. */
const SCAN_WAIT_MS = 1500;
/** Where the recent tags are kept in the state database. */
const RECENT_TAGS_KEY = 'jupyter-ext:recent-tags';

export const snapshotRunPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyter-ext:snapshot-run',
  description:
    'Snapshot a notebook with its outputs, kernel, environment, parameters and data.',
  autoStart: true,
  requires: [ISnapshotClient, INotebookTracker],
  optional: [ICommandPalette, ISettingRegistry, IStateDB, ITranslator],
  activate: (
    app: JupyterFrontEnd,
    client: SnapshotClient,
    tracker: INotebookTracker,
    palette: ICommandPalette | null,
    settingRegistry: ISettingRegistry | null,
    state: IStateDB | null,
    translator: ITranslator | null
  ) => {
    const trans = (translator ?? nullTranslator).load(TRANSLATION_DOMAIN);
    const { commands } = app;

    // The history plugin's settings say which tags to pre-fill and whether
    // saving a notebook snapshots it.
    const config = { defaultTags: [] as string[], autoSnapshotOnSave: false };
    if (settingRegistry) {
      void settingRegistry
        .load(HISTORY_PLUGIN_ID)
        .then(loaded => {
          const read = () => {
            config.defaultTags =
              (loaded.get('defaultTags').composite as string[]) ?? [];
            config.autoSnapshotOnSave =
              !!loaded.get('autoSnapshotOnSave').composite;
          };
          read();
          loaded.changed.connect(read);
        })
        .catch(reason => {
          console.warn('jupyter-ext: could not load settings', reason);
        });
    }
    const recentTags = async (): Promise<string[]> => {
      const saved = state ? await state.fetch(RECENT_TAGS_KEY) : undefined;
      return Array.isArray(saved)
        ? saved.filter((t): t is string => typeof t === 'string')
        : [];
    };

    const scanWithTimeout = (
      content: unknown
    ): {
      quick: Promise<ISecretFinding[] | null>;
      full: Promise<ISecretFinding[]>;
    } => {
      const full = client
        .secretsScan(content)
        .catch(() => [] as ISecretFinding[]);
      const quick = Promise.race([
        full,
        new Promise<null>(resolve =>
          setTimeout(() => resolve(null), SCAN_WAIT_MS)
        )
      ]);
      return { quick, full };
    };

    const reveal = (id: string) =>
      void commands.execute(HistoryCommandIDs.showHistory, { id });

    const takeSnapshot = async (notebook: NotebookPanel): Promise<void> => {
      const context = notebook.context;
      const name = context.localPath.split('/').pop() ?? context.path;
      // What the user sees, unsaved edits included.
      const content = context.model.toJSON();
      const scan = scanWithTimeout(content);
      const [early, recent] = await Promise.all([scan.quick, recentTags()]);
      const body = new SnapshotDialogBody({
        notebookName: name,
        defaultTags: config.defaultTags,
        recentTags: recent,
        findings: early ?? [],
        dirty: context.model.dirty,
        trans
      });
      if (early === null) {
        void scan.full.then(findings => {
          if (!body.isDisposed) {
            body.setFindings(findings);
          }
        });
      }
      const result = await showDialog<ISnapshotDialogValue>({
        title: trans.__('Snapshot run'),
        body,
        buttons: [
          Dialog.cancelButton(),
          Dialog.okButton({ label: trans.__('Snapshot') })
        ],
        focusNodeSelector: 'input'
      });
      if (!result.button.accept || !result.value) {
        return;
      }
      const { message, tags, redactSecrets, allowSecrets } = result.value;
      if (state && tags.length) {
        void state
          .save(RECENT_TAGS_KEY, mergeRecentTags(tags, recent))
          .catch(() => undefined);
      }

      const id = Notification.emit(
        trans.__('Taking snapshot of %1…', name),
        'in-progress',
        { autoClose: false }
      );
      // Replace the progress toast with the outcome. (Updating a toast that
      // JupyterLab has not rendered yet can be lost when the server is fast.)
      const settle = (outcome: {
        message: string;
        type: Notification.TypeOptions;
        autoClose: number | false;
        actions: Notification.IAction[];
      }) => {
        Notification.dismiss(id);
        // long server errors: a short toast with the whole text under "Details"
        notify(outcome.message, outcome.type, {
          trans,
          title: trans.__('Snapshot run'),
          autoClose: outcome.autoClose,
          actions: outcome.actions
        });
      };
      let summary: ISnapshotSummary;
      try {
        summary = await client.take({
          path: context.path,
          content,
          kernel_id: notebook.sessionContext.session?.kernel?.id,
          message,
          tags,
          redact_secrets: redactSecrets || undefined,
          // the server redacts unless told otherwise: unticking is an explicit choice
          allow_secrets: allowSecrets || undefined
        });
      } catch (error) {
        settle({
          message: trans.__(
            'Snapshot failed: %1. Nothing was stored; your notebook and its unsaved edits are unchanged.',
            errorText(error)
          ),
          type: 'error',
          autoClose: false,
          actions: [
            {
              label: trans.__('Retry'),
              callback: () => {
                void commands.execute(HistoryCommandIDs.snapshotRun);
              }
            }
          ]
        });
        return;
      }
      const view = {
        label: trans.__('View'),
        callback: () => reveal(summary.id)
      };
      const warnings = summary.warnings?.length
        ? ' ' + trans.__('Warnings: %1', summary.warnings.join('; '))
        : '';
      if (summary.queued) {
        settle({
          message: summary.queue_reason
            ? // what happened first: the reason (often long) follows
              trans.__(
                'Store unreachable: snapshot queued locally, will be sent when the store is back. Reason: %1.%2',
                summary.queue_reason.replace(/\.$/, ''),
                warnings
              )
            : trans.__(
                'Store unreachable: snapshot queued locally, will be sent when the store is back.%1',
                warnings
              ),
          type: 'warning',
          autoClose: 8000,
          actions: [view]
        });
      } else {
        settle({
          message: message
            ? trans.__('Snapshot saved: “%1”.%2', message, warnings)
            : trans.__('Snapshot saved.%1', warnings),
          type: warnings ? 'warning' : 'success',
          autoClose: warnings ? 10000 : 5000,
          actions: [view]
        });
      }
    };

    const autoSnapshot = (notebook: NotebookPanel) => {
      const context = notebook.context;
      client
        .take({
          path: context.path,
          content: context.model.toJSON(),
          kernel_id: notebook.sessionContext.session?.kernel?.id,
          message: AUTO_MESSAGE,
          tags: [AUTO_TAG]
        })
        .then(summary => {
          if (summary.queued) {
            Notification.warning(
              trans.__(
                'Auto-snapshot queued locally; it will be sent when the store is back.'
              ),
              { autoClose: 5000 }
            );
          }
        })
        .catch(error => {
          notifyError(
            trans.__(
              'Auto-snapshot on save failed: %1. The notebook itself was saved.',
              errorText(error)
            ),
            { trans, autoClose: 8000 }
          );
        });
    };
    tracker.widgetAdded.connect((_, notebook) => {
      const onSave = (
        _ctx: DocumentRegistry.IContext<INotebookModel>,
        saveState: DocumentRegistry.SaveState
      ) => {
        if (saveState === 'completed' && config.autoSnapshotOnSave) {
          autoSnapshot(notebook);
        }
      };
      notebook.context.saveState.connect(onSave);
    });

    commands.addCommand(HistoryCommandIDs.snapshotRun, {
      label: trans.__('Snapshot run'),
      caption: trans.__(
        'Snapshot this notebook with its outputs, kernel, environment, parameters and data'
      ),
      icon: args => (args.toolbar ? snapshotIcon : undefined),
      isEnabled: () => tracker.currentWidget !== null,
      execute: async () => {
        const current = tracker.currentWidget;
        if (!current) {
          Notification.warning(trans.__('Open a notebook to take a snapshot.'));
          return;
        }
        await takeSnapshot(current);
      }
    });
    tracker.currentChanged.connect(() =>
      commands.notifyCommandChanged(HistoryCommandIDs.snapshotRun)
    );
    palette?.addItem({
      command: HistoryCommandIDs.snapshotRun,
      category: trans.__('Snapshots')
    });
  }
};
