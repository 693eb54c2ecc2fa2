/**
 * Provides ISnapshotViews: the read-only notebook of any snapshot, the diff of
 * two snapshots (or a snapshot and a notebook), and "restore as a copy". The
 * history panel and Team runs both open these; a reload reopens them.
 */
import {
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import {
  InputDialog,
  MainAreaWidget,
  Notification,
  WidgetTracker
} from '@jupyterlab/apputils';
import { IEditorServices } from '@jupyterlab/codeeditor';
import { INotebookTracker } from '@jupyterlab/notebook';
import { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { ReadonlyPartialJSONObject } from '@lumino/coreutils';
import { Widget } from '@lumino/widgets';

import { ISnapshotSummary, SnapshotClient } from '../api';
import {
  defaultRestorePath,
  describeSnapshot,
  isSnapshotId,
  shortId
} from '../common';
import { IDiffSide, SnapshotDiffWidget } from '../diff/widget';
import { untrustedRendermime as untrustedRendermimeOf } from '../readonly/rendermime';
import { ReadonlySnapshotWidget } from '../readonly/widget';
import { IRestoreOptions, ISnapshotClient, ISnapshotViews } from '../tokens';
import { TRANSLATION_DOMAIN } from '../translation';
import { errorText } from '../common/messages';

export namespace ViewCommandIDs {
  /** Reopen a view after a reload; args as saved by the layout restorer. */
  export const reopenView = 'jupyter-ext:reopen-view';
  /** Any snapshot of the store, read-only; args {id}. */
  export const openSnapshot = 'jupyter-ext:open-snapshot';
  /** Diff two snapshots, or a snapshot and a notebook path; args {base, remote}. */
  export const diff = 'jupyter-ext:diff';
}

export const viewsPlugin: JupyterFrontEndPlugin<ISnapshotViews> = {
  id: 'jupyter-ext:views',
  description:
    'Opens snapshots read-only, diffs them (nbdime) and restores them as copies.',
  autoStart: true,
  requires: [
    ISnapshotClient,
    INotebookTracker,
    IRenderMimeRegistry,
    IEditorServices
  ],
  optional: [ILayoutRestorer, ITranslator],
  provides: ISnapshotViews,
  activate: (
    app: JupyterFrontEnd,
    client: SnapshotClient,
    notebooks: INotebookTracker,
    rendermime: IRenderMimeRegistry,
    editorServices: IEditorServices,
    restorer: ILayoutRestorer | null,
    translator: ITranslator | null
  ): ISnapshotViews => {
    const trans = (translator ?? nullTranslator).load(TRANSLATION_DOMAIN);
    const { commands, shell } = app;
    // Teammates' notebooks are untrusted: render through a clone of the app's
    // registry that keeps no command links and runs no JavaScript; outputs
    // are created with trusted=false.
    const untrusted = untrustedRendermimeOf(rendermime);
    const editorFactory = editorServices.factoryService.newInlineEditor.bind(
      editorServices.factoryService
    );
    const views = new WidgetTracker<MainAreaWidget>({
      namespace: 'jupyter-ext-views'
    });
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

    const snapshotSide = (s: ISnapshotSummary): IDiffSide => ({
      ref: s.id,
      label: shortId(s.id),
      detail: (now: Date) => describeSnapshot(s, now, trans)
    });

    /** The notebook at *path*, as shown when it is open. */
    const notebookSide = (
      path: string
    ): {
      side: IDiffSide;
      content?: () => unknown;
      notice?: string;
    } => {
      const open = notebooks.find(nb => nb.context.path === path);
      const side = {
        ref: path,
        label: trans.__('current notebook'),
        detail: open?.context.model.dirty
          ? trans.__('%1 (as shown, unsaved edits included)', path)
          : path
      };
      if (open) {
        return { side, content: () => open.context.model.toJSON() };
      }
      return {
        side,
        notice: trans.__(
          '%1 is not open: this diff compares with the version saved on disk.',
          path
        )
      };
    };

    const openReadonly = async (id: string): Promise<void> => {
      const summary = await client.get(id);
      openView(
        new ReadonlySnapshotWidget({
          summary,
          load: () => client.notebook(id),
          rendermime: untrusted,
          editorFactory,
          mimeTypeService: editorServices.mimeTypeService,
          onRestore: () => void restore(id),
          trans
        }),
        { kind: 'readonly', id }
      );
    };

    const openDiff = async (base: string, remote: string): Promise<void> => {
      const baseSummary = await client.get(base);
      const live = !isSnapshotId(remote);
      const notebook = live ? notebookSide(remote) : null;
      const remoteSide = notebook
        ? notebook.side
        : snapshotSide(await client.get(remote));
      openView(
        new SnapshotDiffWidget({
          api: client,
          base: snapshotSide(baseSummary),
          remote: remoteSide,
          rendermime: untrusted,
          editorFactory,
          notice: notebook?.notice,
          remoteContent: notebook?.content,
          trans
        }),
        { kind: 'diff', base, remote, live }
      );
    };

    const restore = async (
      id: string,
      options: IRestoreOptions = {}
    ): Promise<void> => {
      let summary: ISnapshotSummary;
      try {
        summary = await client.get(id);
      } catch (error) {
        Notification.error(trans.__('Restore failed: %1', errorText(error)));
        return;
      }
      const suggested = defaultRestorePath(summary.notebook.path, id);
      const answer = await InputDialog.getText({
        title: trans.__('Restore as a copy'),
        label: trans.__(
          'Write snapshot %1 of %2 to a new notebook:',
          shortId(id),
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
      const target = answer.value.trim();
      try {
        const reply = await client.restore(id, target);
        const path = reply?.path || target;
        const open = () => void commands.execute('docmanager:open', { path });
        if (options.openCopy ?? true) {
          open();
        }
        Notification.success(trans.__('Restored to %1', path), {
          autoClose: 6000,
          actions: [{ label: trans.__('Open'), callback: open }]
        });
      } catch (error) {
        Notification.error(trans.__('Restore failed: %1', errorText(error)), {
          autoClose: false
        });
      }
    };

    /** Run a view action from a command; a failure becomes a notification. */
    const reporting =
      (message: (error: string) => string) =>
      async (action: () => Promise<void>): Promise<void> => {
        try {
          await action();
        } catch (error) {
          Notification.error(message(errorText(error)), { autoClose: 5000 });
        }
      };
    const reopenFailed = (e: string) =>
      trans.__('Could not reopen a snapshot view: %1', e);
    const openFailed = (e: string) =>
      trans.__('Could not open the snapshot: %1', e);
    const diffFailed = (e: string) =>
      trans.__('Could not open the diff: %1', e);

    commands.addCommand(ViewCommandIDs.reopenView, {
      label: trans.__('Reopen snapshot view'),
      execute: args =>
        reporting(reopenFailed)(async () => {
          if (args.kind === 'readonly' && typeof args.id === 'string') {
            await openReadonly(args.id);
          } else if (
            args.kind === 'diff' &&
            typeof args.base === 'string' &&
            typeof args.remote === 'string'
          ) {
            await openDiff(args.base, args.remote);
          }
        })
    });
    commands.addCommand(ViewCommandIDs.openSnapshot, {
      label: trans.__('Open snapshot read-only'),
      execute: args =>
        reporting(openFailed)(async () => {
          if (typeof args.id === 'string') {
            await openReadonly(args.id);
          }
        })
    });
    commands.addCommand(ViewCommandIDs.diff, {
      label: trans.__('Diff snapshots'),
      execute: args =>
        reporting(diffFailed)(async () => {
          const { base, remote } = args;
          if (typeof base === 'string' && typeof remote === 'string') {
            await openDiff(base, remote);
          }
        })
    });
    if (restorer) {
      void restorer.restore(views, {
        command: ViewCommandIDs.reopenView,
        args: widget => restoreArgs.get(widget) ?? {},
        name: widget => widget.id
      });
    }

    return {
      openReadonly: id => reporting(openFailed)(() => openReadonly(id)),
      openDiff: (base, remote) =>
        reporting(diffFailed)(() => openDiff(base, remote)),
      restore
    };
  }
};
