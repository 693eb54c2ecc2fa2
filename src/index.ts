/**
 * jupyter-ext: snapshot notebook runs into a shared store, browse their history,
 * diff versions (nbdime) and open them read-only.
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
  InputDialog,
  MainAreaWidget,
  Notification,
  showDialog,
  WidgetTracker
} from '@jupyterlab/apputils';
import { IEditorServices } from '@jupyterlab/codeeditor';
import { DocumentRegistry } from '@jupyterlab/docregistry';
import {
  INotebookModel,
  INotebookTracker,
  NotebookPanel
} from '@jupyterlab/notebook';
import { IRenderMimeRegistry } from '@jupyterlab/rendermime';
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

import { ISnapshotSummary } from './api';
import {
  defaultRestorePath,
  describeSnapshot,
  isSnapshotId,
  relativeTime,
  shortId
} from './common';
import { SnapshotDiffWidget } from './diff/widget';
import { ISecretFinding, SnapshotClient } from './history/client';
import { HistoryModel } from './history/model';
import { HistoryCommandIDs, HistoryPanel } from './history/panel';
import { diffIcon, readonlyIcon, snapshotIcon } from './icons';
import { untrustedRendermime as untrustedRendermimeOf } from './readonly/rendermime';
import { ReadonlySnapshotWidget } from './readonly/widget';
import {
  ISnapshotDialogValue,
  mergeRecentTags,
  SnapshotDialogBody
} from './snapshotDialog';
import { teamRunsPlugin } from './teamRuns/plugin';
import { TRANSLATION_DOMAIN } from './translation';

export const PLUGIN_ID = 'jupyter-ext:plugin';

export namespace CommandIDs {
  export const snapshotRun = HistoryCommandIDs.snapshotRun;
  export const showHistory = 'jupyter-ext:show-history';
  export const diffSelected = HistoryCommandIDs.diffSelected;
  export const diffWithCurrent = HistoryCommandIDs.diffWithCurrent;
  export const openReadonly = HistoryCommandIDs.openReadonly;
  export const restoreCopy = HistoryCommandIDs.restoreCopy;
  export const copyId = HistoryCommandIDs.copyId;
  export const deleteSnapshot = HistoryCommandIDs.deleteSnapshot;
  export const refreshHistory = HistoryCommandIDs.refresh;
  export const reopenView = 'jupyter-ext:reopen-view';
  /** Any snapshot of the store, read-only; args {id}. */
  export const openSnapshot = 'jupyter-ext:open-snapshot';
  /** Diff two snapshots, or a snapshot and a notebook path; args {base, remote}. */
  export const diff = 'jupyter-ext:diff';
}

const AUTO_MESSAGE = 'Auto-snapshot on save';
const AUTO_TAG = 'autosave';
/** How long the dialog waits for the secret scan before opening anyway. */
const SCAN_WAIT_MS = 1500;

/** User settings, with their schema defaults. */
interface IConfig {
  defaultTags: string[];
  recentTags: string[];
  autoSnapshotOnSave: boolean;
  pollInterval: number;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const plugin: JupyterFrontEndPlugin<void> = {
  id: PLUGIN_ID,
  description:
    'Snapshot notebook runs into a shared store, browse their history, diff and restore them.',
  autoStart: true,
  requires: [INotebookTracker, IRenderMimeRegistry, IEditorServices],
  optional: [
    ICommandPalette,
    ILayoutRestorer,
    ILabShell,
    ISettingRegistry,
    ITranslator
  ],
  activate: (
    app: JupyterFrontEnd,
    tracker: INotebookTracker,
    rendermime: IRenderMimeRegistry,
    editorServices: IEditorServices,
    palette: ICommandPalette | null,
    restorer: ILayoutRestorer | null,
    labShell: ILabShell | null,
    settingRegistry: ISettingRegistry | null,
    translator: ITranslator | null
  ) => {
    const trans = (translator ?? nullTranslator).load(TRANSLATION_DOMAIN);
    const { commands, shell } = app;
    const api = new SnapshotClient();
    const model = new HistoryModel(api);
    const panel = new HistoryPanel(model, commands, trans);
    shell.add(panel, 'left', { rank: 600, type: 'Snapshots' });
    restorer?.add(panel, panel.id);
    void model.loadIdentity();

    // Teammates' notebooks are untrusted: render through a clone of the app's
    // registry that keeps no command links and runs no JavaScript; outputs
    // are created with trusted=false.
    const untrustedRendermime = untrustedRendermimeOf(rendermime);
    const editorFactory = editorServices.factoryService.newInlineEditor.bind(
      editorServices.factoryService
    );
    const views = new WidgetTracker<MainAreaWidget>({
      namespace: 'jupyter-ext-views'
    });

    // ---- settings ------------------------------------------------------
    const config: IConfig = {
      defaultTags: [],
      recentTags: [],
      autoSnapshotOnSave: false,
      pollInterval: 10
    };
    let settings: ISettingRegistry.ISettings | null = null;
    model.setPollInterval(config.pollInterval);
    if (settingRegistry) {
      void settingRegistry
        .load(PLUGIN_ID)
        .then(loaded => {
          settings = loaded;
          const read = () => {
            config.defaultTags =
              (loaded.get('defaultTags').composite as string[]) ?? [];
            config.recentTags =
              (loaded.get('recentTags').composite as string[]) ?? [];
            config.autoSnapshotOnSave =
              !!loaded.get('autoSnapshotOnSave').composite;
            config.pollInterval =
              (loaded.get('pollInterval').composite as number) ?? 10;
            model.setPollInterval(config.pollInterval);
          };
          read();
          loaded.changed.connect(read);
        })
        .catch(reason => {
          console.warn('jupyter-ext: could not load settings', reason);
        });
    }

    // ---- follow the active notebook --------------------------------------
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

    /** Show the panel and select/scroll to one snapshot. */
    const reveal = async (id: string) => {
      shell.activateById(panel.id);
      if (!model.find(id)) {
        await model.refresh();
      }
      if (model.find(id)) {
        model.click(id);
        requestAnimationFrame(() => {
          const node = panel.node.querySelector<HTMLElement>(
            `[data-snapshot-id="${CSS.escape(id)}"]`
          );
          node?.scrollIntoView({ block: 'nearest' });
          node?.focus();
        });
      }
    };

    // ---- Snapshot run ----------------------------------------------------
    const scanWithTimeout = (
      content: unknown
    ): {
      quick: Promise<ISecretFinding[] | null>;
      full: Promise<ISecretFinding[]>;
    } => {
      const full = api.secretsScan(content).catch(() => [] as ISecretFinding[]);
      const quick = Promise.race([
        full,
        new Promise<null>(resolve =>
          setTimeout(() => resolve(null), SCAN_WAIT_MS)
        )
      ]);
      return { quick, full };
    };

    const takeSnapshot = async (notebook: NotebookPanel): Promise<void> => {
      const context = notebook.context;
      const name = context.localPath.split('/').pop() ?? context.path;
      // What the user sees, unsaved edits included.
      const content = context.model.toJSON();
      const scan = scanWithTimeout(content);
      const early = await scan.quick;
      const body = new SnapshotDialogBody({
        notebookName: name,
        defaultTags: config.defaultTags,
        recentTags: config.recentTags,
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
      const { message, tags, redactSecrets } = result.value;
      if (settings && tags.length) {
        void settings
          .set('recentTags', mergeRecentTags(tags, config.recentTags))
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
        Notification.emit(outcome.message, outcome.type, {
          autoClose: outcome.autoClose,
          actions: outcome.actions
        });
      };
      let summary: ISnapshotSummary;
      try {
        summary = await api.takeSnapshot({
          path: context.path,
          content,
          kernel_id: notebook.sessionContext.session?.kernel?.id,
          message,
          tags,
          redact_secrets: redactSecrets || undefined
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
                void commands.execute(CommandIDs.snapshotRun);
              }
            }
          ]
        });
        void model.refresh({ background: true });
        return;
      }
      const view = {
        label: trans.__('View'),
        callback: () => {
          void reveal(summary.id);
        }
      };
      const warnings = summary.warnings?.length
        ? ' ' + trans.__('Warnings: %1', summary.warnings.join('; '))
        : '';
      if (summary.queued) {
        settle({
          message: summary.queue_reason
            ? trans.__(
                'Store unreachable (%1): snapshot queued locally, will be sent when the store is back.%2',
                summary.queue_reason,
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
      await model.refresh({ background: true });
    };

    // ---- auto-snapshot on save -------------------------------------------
    const autoSnapshot = (notebook: NotebookPanel) => {
      const context = notebook.context;
      api
        .takeSnapshot({
          path: context.path,
          content: context.model.toJSON(),
          kernel_id: notebook.sessionContext.session?.kernel?.id,
          message: AUTO_MESSAGE,
          tags: [AUTO_TAG]
        })
        .then(summary => {
          if (model.notebookPath === context.path) {
            void model.refresh({ background: true });
          }
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
          Notification.error(
            trans.__(
              'Auto-snapshot on save failed: %1. The notebook itself was saved.',
              errorText(error)
            ),
            { autoClose: 8000 }
          );
        });
    };
    tracker.widgetAdded.connect((_, notebook) => {
      const onSave = (
        _ctx: DocumentRegistry.IContext<INotebookModel>,
        state: DocumentRegistry.SaveState
      ) => {
        if (state === 'completed' && config.autoSnapshotOnSave) {
          autoSnapshot(notebook);
        }
      };
      notebook.context.saveState.connect(onSave);
    });

    // ---- views -----------------------------------------------------------
    // How to reopen each view after a page reload (saved by the layout restorer).
    const restoreArgs = new WeakMap<Widget, ReadonlyPartialJSONObject>();
    const openView = (
      widget: MainAreaWidget,
      args: ReadonlyPartialJSONObject
    ) => {
      const existing = views.find(w => w.id === widget.id);
      if (existing) {
        widget.dispose();
        shell.activateById(existing.id);
        if (existing instanceof SnapshotDiffWidget) {
          void existing.content.load(); // the live notebook may have changed
        }
        return;
      }
      restoreArgs.set(widget, args);
      void views.add(widget);
      shell.add(widget, 'main');
      shell.activateById(widget.id);
    };

    const targetId = (args: ReadonlyPartialJSONObject): string | null => {
      const id = args.id;
      return typeof id === 'string' && id ? id : panel.menuTarget;
    };
    const target = (
      args: ReadonlyPartialJSONObject
    ): ISnapshotSummary | null => {
      const id = targetId(args);
      return id ? (model.find(id) ?? null) : null;
    };

    const openDiff = (
      base: ISnapshotSummary,
      remote: ISnapshotSummary | { current: string }
    ) => {
      let remoteSide;
      let remoteContent: (() => unknown) | undefined;
      if ('current' in remote) {
        const path = remote.current;
        const open = tracker.find(nb => nb.context.path === path);
        remoteSide = {
          ref: path,
          label: trans.__('current notebook'),
          detail: open?.context.model.dirty
            ? trans.__('%1 (as shown, unsaved edits included)', path)
            : path
        };
        if (open) {
          remoteContent = () => open.context.model.toJSON();
        }
      } else {
        remoteSide = {
          ref: remote.id,
          label: shortId(remote.id),
          detail: (now: Date) => describeSnapshot(remote, now, trans)
        };
      }
      openView(
        new SnapshotDiffWidget({
          api,
          base: {
            ref: base.id,
            label: shortId(base.id),
            detail: (now: Date) => describeSnapshot(base, now, trans)
          },
          remote: remoteSide,
          rendermime: untrustedRendermime,
          editorFactory,
          remoteContent,
          trans
        }),
        {
          kind: 'diff',
          base: base.id,
          remote: remoteSide.ref,
          live: 'current' in remote
        }
      );
    };

    const restore = async (summary: ISnapshotSummary) => {
      const suggested = defaultRestorePath(summary.notebook.path, summary.id);
      const answer = await InputDialog.getText({
        title: trans.__('Restore as a copy'),
        label: trans.__(
          'Write snapshot %1 of %2 to a new notebook:',
          shortId(summary.id),
          summary.notebook.name
        ),
        text: suggested,
        selectionRange: suggested.length - '.ipynb'.length,
        okLabel: trans.__('Restore'),
        required: true
      });
      if (!answer.button.accept || !answer.value) {
        return;
      }
      try {
        const reply = await api.restore(summary.id, answer.value.trim());
        const path = reply?.path || answer.value.trim();
        await commands.execute('docmanager:open', { path });
        Notification.success(
          trans.__('Restored snapshot %1 to %2.', shortId(summary.id), path),
          {
            autoClose: 4000
          }
        );
      } catch (error) {
        Notification.error(
          trans.__(
            'Could not restore the snapshot: %1. Nothing was written.',
            errorText(error)
          ),
          { autoClose: false }
        );
      }
    };

    const openReadonly = (summary: ISnapshotSummary) => {
      openView(
        new ReadonlySnapshotWidget({
          summary,
          load: () => api.notebook(summary.id),
          rendermime: untrustedRendermime,
          editorFactory,
          mimeTypeService: editorServices.mimeTypeService,
          onRestore: () => void restore(summary),
          trans
        }),
        { kind: 'readonly', id: summary.id }
      );
    };

    /** A snapshot's summary from the panel, else from its manifest. */
    const lookup = async (id: string): Promise<ISnapshotSummary> =>
      model.find(id) ?? ((await api.get(id)) as unknown as ISnapshotSummary);

    commands.addCommand(CommandIDs.reopenView, {
      label: trans.__('Reopen snapshot view'),
      execute: async args => {
        try {
          if (args.kind === 'readonly' && typeof args.id === 'string') {
            openReadonly(await lookup(args.id));
          } else if (
            args.kind === 'diff' &&
            typeof args.base === 'string' &&
            typeof args.remote === 'string'
          ) {
            const base = await lookup(args.base);
            openDiff(
              base,
              args.live ? { current: args.remote } : await lookup(args.remote)
            );
          }
        } catch (error) {
          Notification.warning(
            trans.__('Could not reopen a snapshot view: %1', errorText(error)),
            { autoClose: 5000 }
          );
        }
      }
    });
    // Open any snapshot of the store (not only those in the panel): used by
    // the Team runs view when present.
    commands.addCommand(CommandIDs.openSnapshot, {
      label: trans.__('Open snapshot read-only'),
      execute: async args => {
        if (typeof args.id !== 'string') {
          return;
        }
        try {
          openReadonly(await lookup(args.id));
        } catch (error) {
          Notification.error(
            trans.__('Could not open the snapshot: %1', errorText(error)),
            {
              autoClose: 5000
            }
          );
        }
      }
    });
    commands.addCommand(CommandIDs.diff, {
      label: trans.__('Diff snapshots'),
      execute: async args => {
        const { base, remote } = args;
        if (typeof base !== 'string' || typeof remote !== 'string') {
          return;
        }
        try {
          const isSnapshot = isSnapshotId(remote);
          openDiff(
            await lookup(base),
            isSnapshot ? await lookup(remote) : { current: remote }
          );
        } catch (error) {
          Notification.error(
            trans.__('Could not open the diff: %1', errorText(error)),
            {
              autoClose: 5000
            }
          );
        }
      }
    });
    if (restorer) {
      void restorer.restore(views, {
        command: CommandIDs.reopenView,
        args: widget => restoreArgs.get(widget) ?? {},
        name: widget => widget.id
      });
    }

    // ---- commands --------------------------------------------------------
    commands.addCommand(CommandIDs.snapshotRun, {
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
    commands.addCommand(CommandIDs.showHistory, {
      label: trans.__('Show notebook snapshots'),
      execute: () => {
        shell.activateById(panel.id);
      }
    });
    commands.addCommand(CommandIDs.refreshHistory, {
      label: trans.__('Refresh snapshots'),
      icon: refreshIcon,
      execute: () => model.refresh()
    });
    commands.addCommand(CommandIDs.diffSelected, {
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
        openDiff(pair[0], pair[1]);
      }
    });
    commands.addCommand(CommandIDs.diffWithCurrent, {
      label: trans.__('Diff with current notebook'),
      icon: diffIcon,
      isEnabled: args => !!target(args),
      execute: args => {
        const s = target(args);
        if (s) {
          openDiff(s, {
            current: model.notebookPath ?? s.notebook.path
          });
        }
      }
    });
    commands.addCommand(CommandIDs.openReadonly, {
      label: trans.__('Open read-only'),
      icon: readonlyIcon,
      isEnabled: args => !!target(args),
      execute: args => {
        const s = target(args);
        if (s) {
          openReadonly(s);
        }
      }
    });
    commands.addCommand(CommandIDs.restoreCopy, {
      label: trans.__('Restore as a copy…'),
      icon: undoIcon,
      isEnabled: args => !!target(args),
      execute: async args => {
        const s = target(args);
        if (s) {
          await restore(s);
        }
      }
    });
    commands.addCommand(CommandIDs.copyId, {
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
    commands.addCommand(CommandIDs.deleteSnapshot, {
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
          await api.remove(s.id);
          model.removeItem(s.id);
          Notification.success(trans.__('Snapshot deleted.'), {
            autoClose: 3000
          });
        } catch (error) {
          Notification.error(
            trans.__('Could not delete the snapshot: %1', errorText(error)),
            { autoClose: false }
          );
        }
        void model.refresh({ background: true });
      }
    });

    const refreshCommands = () => {
      commands.notifyCommandChanged(CommandIDs.snapshotRun);
      commands.notifyCommandChanged(CommandIDs.diffSelected);
    };
    tracker.currentChanged.connect(refreshCommands);
    model.changed.connect(refreshCommands);

    if (palette) {
      for (const command of [
        CommandIDs.snapshotRun,
        CommandIDs.showHistory,
        CommandIDs.diffSelected,
        CommandIDs.refreshHistory
      ]) {
        palette.addItem({ command, category: trans.__('Snapshots') });
      }
    }
  }
};

export default [plugin, teamRunsPlugin];
