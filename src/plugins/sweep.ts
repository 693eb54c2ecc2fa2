/**
 * The sweep view: many runs of one notebook as parallel coordinates and a
 * scatter, whose brushes narrow the Team runs table. Opened from the palette
 * (`jupyter-ext:sweep-notebook`, args {path?}) and from a Team runs row's
 * context menu ("Sweep View of This Notebook").
 */
import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import {
  ICommandPalette,
  InputDialog,
  IThemeManager,
  MainAreaWidget,
  Notification
} from '@jupyterlab/apputils';
import { INotebookTracker } from '@jupyterlab/notebook';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { ReadonlyPartialJSONObject } from '@lumino/coreutils';

import { SnapshotClient } from '../api';
import { teamRunsIcon } from '../icons';
import { contextMenuElement, watchContextMenu } from '../common';
import { SweepWidget } from '../sweep/view';
import { ROW_SELECTOR } from '../teamRuns/rowMenu';
import { ISnapshotClient, ISnapshotViews, ITeamRunsFilter } from '../tokens';
import { TRANSLATION_DOMAIN } from '../translation';
import { errorText } from '../common/messages';

export namespace SweepCommandIDs {
  /** The sweep view of a notebook; args {path?}, else the Team runs row under the menu, else asked. */
  export const open = 'jupyter-ext:sweep-notebook';
}

export const sweepPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyter-ext:sweep',
  description:
    'The sweep view: parallel coordinates and a scatter of one notebook’s runs; brushes filter Team runs.',
  autoStart: true,
  requires: [ISnapshotClient, ISnapshotViews],
  optional: [
    ITeamRunsFilter,
    ICommandPalette,
    IThemeManager,
    INotebookTracker,
    ITranslator
  ],
  activate: (
    app: JupyterFrontEnd,
    client: SnapshotClient,
    views: ISnapshotViews,
    filter: ITeamRunsFilter | null,
    palette: ICommandPalette | null,
    themeManager: IThemeManager | null,
    notebooks: INotebookTracker | null,
    translator: ITranslator | null
  ): void => {
    const trans = (translator ?? nullTranslator).load(TRANSLATION_DOMAIN);
    watchContextMenu();
    const { commands, shell } = app;
    const open = new Map<string, MainAreaWidget<SweepWidget>>();

    /** The notebook of the Team runs row under the context menu, if any. */
    const rowNotebook = async (): Promise<string | null> => {
      const id = contextMenuElement(ROW_SELECTOR)?.dataset.snapshotId;
      return id ? ((await client.get(id)).notebook?.path ?? null) : null;
    };

    /** Ask which notebook, offering those with recent runs (the open one first). */
    const askNotebook = async (): Promise<string | null> => {
      const page = await client.list({ limit: 500, sort: '-created' });
      const paths = [
        ...new Set(page.items.map(r => r.notebook?.path).filter(Boolean))
      ];
      const current = notebooks?.currentWidget?.context.path;
      if (current && paths.includes(current)) {
        paths.splice(paths.indexOf(current), 1);
        paths.unshift(current);
      }
      if (paths.length === 0) {
        Notification.info(trans.__('No run in the store yet.'), {
          autoClose: 5000
        });
        return null;
      }
      const answer = await InputDialog.getItem({
        title: trans.__('Sweep view of a notebook'),
        label: trans.__('Notebook'),
        items: paths,
        current: 0
      });
      return answer.button.accept ? answer.value : null;
    };

    const show = (path: string) => {
      const existing = open.get(path);
      if (existing && !existing.isDisposed) {
        shell.activateById(existing.id);
        return;
      }
      const content = new SweepWidget({
        notebook: path,
        api: client,
        filter,
        open: id => void views.openReadonly(id),
        themeChanged: themeManager?.themeChanged ?? null,
        trans
      });
      const main = new MainAreaWidget<SweepWidget>({ content });
      main.id = `jupyter-ext-sweep-${Date.now().toString(36)}`;
      main.addClass('jp-snapshots-sweep-panel');
      main.title.icon = teamRunsIcon;
      main.title.closable = true;
      main.title.label = trans.__('Sweep: %1', path.split('/').pop() ?? path);
      main.title.caption = trans.__('Sweep view of %1', path);
      open.set(path, main);
      main.disposed.connect(() => open.delete(path));
      shell.add(main, 'main');
      shell.activateById(main.id);
    };

    commands.addCommand(SweepCommandIDs.open, {
      label: args =>
        args.fromRow
          ? trans.__('Sweep View of This Notebook')
          : trans.__('Sweep View of a Notebook…'),
      caption: trans.__(
        'Parallel coordinates and a scatter of a notebook’s runs; brushing filters Team runs'
      ),
      execute: async (args: ReadonlyPartialJSONObject) => {
        try {
          const path =
            (typeof args.path === 'string' && args.path) ||
            (args.fromRow ? await rowNotebook() : null) ||
            (await askNotebook());
          if (path) {
            show(path);
          }
        } catch (error) {
          Notification.error(
            trans.__('Could not open the sweep view: %1', errorText(error)),
            { autoClose: 8000 }
          );
        }
      }
    });
    app.contextMenu.addItem({
      command: SweepCommandIDs.open,
      args: { fromRow: true },
      selector: ROW_SELECTOR,
      rank: 30
    });
    if (palette) {
      palette.addItem({
        command: SweepCommandIDs.open,
        category: trans.__('Snapshots')
      });
    }
  }
};
