/**
 * Reproduction: "Re-run to verify", "Copy environment" and "Download…" on
 * Team runs rows and history items (JupyterLab's context menu), and "Re-run
 * to verify" for the current notebook's latest snapshot in the palette.
 */
import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette, Notification } from '@jupyterlab/apputils';
import { INotebookTracker } from '@jupyterlab/notebook';
import {
  ITranslator,
  nullTranslator,
  TranslationBundle
} from '@jupyterlab/translation';
import { ReadonlyPartialJSONObject } from '@lumino/coreutils';

import type { EnvironmentFormat, IRerunJob, SnapshotClient } from '../api';
import {
  contextMenuElement,
  shortId,
  verdictText,
  watchContextMenu
} from '../common';
import { copyEnvironment, pickAndDownload } from '../repro/files';
import { RerunModel } from '../repro/rerunModel';
import { isFinished, rerunView } from '../repro/rerunState';
import { rerunWidget } from '../repro/rerunView';
import { ISnapshotClient, ISnapshotViews } from '../tokens';
import { TRANSLATION_DOMAIN } from '../translation';
import { errorText } from '../common/messages';

export namespace ReproCommandIDs {
  /**
   * Re-run a snapshot to verify it; args {id}, else the row/item under the
   * menu; {current: true}: the current notebook's latest snapshot.
   */
  export const rerun = 'jupyter-ext:rerun';
  /** Copy a run's environment file; args {id?, format: 'requirements' | 'conda'}. */
  export const copyEnvironment = 'jupyter-ext:copy-environment';
  /** Pick a file the run wrote and download it; args {id?}. */
  export const download = 'jupyter-ext:download-artifact';
}

/** Where the run commands appear: Team runs rows, history items, a run's reproduction section. */
const TARGETS = [
  '.jp-snapshots-runs-row',
  '.jp-snapshots-item',
  '.jp-snapshots-repro-run'
];

export const reproPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyter-ext:repro',
  description:
    'Re-run a snapshot to verify it, copy its environment, download the files it wrote.',
  autoStart: true,
  requires: [ISnapshotClient, ISnapshotViews],
  optional: [INotebookTracker, ICommandPalette, ITranslator],
  activate: (
    app: JupyterFrontEnd,
    client: SnapshotClient,
    views: ISnapshotViews,
    notebooks: INotebookTracker | null,
    palette: ICommandPalette | null,
    translator: ITranslator | null
  ) => {
    const trans = (translator ?? nullTranslator).load(TRANSLATION_DOMAIN);
    watchContextMenu();
    const { commands, shell } = app;

    /** The id in args, else the row or history item the menu was opened on. */
    const targetId = (args: ReadonlyPartialJSONObject): string | null => {
      if (typeof args.id === 'string' && args.id) {
        return args.id;
      }
      return contextMenuElement(...TARGETS)?.dataset.snapshotId || null;
    };

    /** The latest snapshot of the notebook being edited. */
    const latestOfCurrent = async (): Promise<string | null> => {
      const path = notebooks?.currentWidget?.context.path;
      if (!path) {
        return null;
      }
      const page = await client.list({ notebook: path, limit: 1 });
      return page.items[0]?.id ?? null;
    };

    const startRerun = (id: string) => {
      const model = new RerunModel(client, id);
      const widget = rerunWidget(
        model,
        {
          showDiff: (of, rerun) => void views.openDiff(of, rerun),
          open: rerunId => void views.openReadonly(rerunId)
        },
        trans
      );
      shell.add(widget, 'main', { mode: 'split-right' });
      shell.activateById(widget.id);
      // Someone who moved on while it ran hears how it ended.
      let seen: IRerunJob | null = null;
      model.stateChanged.connect(() => {
        const job = model.job;
        if (!job || job === seen || !isFinished(job) || widget.isVisible) {
          return;
        }
        seen = job;
        Notification.emit(finishedText(job, id, trans), finishedType(job), {
          autoClose: 8000,
          actions: [
            {
              label: trans.__('Show'),
              callback: () => shell.activateById(widget.id)
            }
          ]
        });
      });
      void model.start();
    };

    commands.addCommand(ReproCommandIDs.rerun, {
      label: args =>
        args.current
          ? trans.__("Re-run this notebook's latest snapshot to verify")
          : trans.__('Re-run to verify'),
      caption: trans.__(
        'Run the snapshot again in a fresh kernel and compare its outputs with the recorded ones'
      ),
      execute: async args => {
        // From the palette: the current notebook (a stale right-click target must not win).
        let id = args.current ? null : targetId(args);
        if (!id) {
          try {
            id = await latestOfCurrent();
          } catch (error) {
            Notification.error(errorText(error), { autoClose: 8000 });
            return;
          }
        }
        if (!id) {
          Notification.warning(
            trans.__('Snapshot this notebook first, then re-run it to verify.'),
            { autoClose: 6000 }
          );
          return;
        }
        startRerun(id);
      }
    });

    commands.addCommand(ReproCommandIDs.copyEnvironment, {
      label: args =>
        args.format === 'conda'
          ? trans.__('Copy environment (conda)')
          : trans.__('Copy environment (pip requirements)'),
      caption: trans.__(
        "Copy a file that recreates the run's environment, with the packages it imported pinned"
      ),
      execute: async args => {
        const id = targetId(args);
        const format: EnvironmentFormat =
          args.format === 'conda' ? 'conda' : 'requirements';
        if (id) {
          await copyEnvironment(client, id, format, trans);
        }
      }
    });

    commands.addCommand(ReproCommandIDs.download, {
      label: trans.__('Download a file it wrote…'),
      caption: trans.__('Download a file the run wrote, kept in the store'),
      execute: async args => {
        const id = targetId(args);
        if (id) {
          await pickAndDownload(client, id, trans);
        }
      }
    });

    for (const selector of TARGETS) {
      app.contextMenu.addItem({ type: 'separator', selector, rank: 30 });
      app.contextMenu.addItem({
        command: ReproCommandIDs.rerun,
        selector,
        rank: 31
      });
      app.contextMenu.addItem({
        command: ReproCommandIDs.copyEnvironment,
        args: { format: 'requirements' },
        selector,
        rank: 32
      });
      app.contextMenu.addItem({
        command: ReproCommandIDs.copyEnvironment,
        args: { format: 'conda' },
        selector,
        rank: 33
      });
      app.contextMenu.addItem({
        command: ReproCommandIDs.download,
        selector,
        rank: 34
      });
    }
    palette?.addItem({
      command: ReproCommandIDs.rerun,
      args: { current: true },
      category: trans.__('Snapshots')
    });
  }
};

/** The toast for a re-run that ended while its tab was hidden. */
function finishedText(
  job: IRerunJob,
  id: string,
  trans: TranslationBundle
): string {
  const view = rerunView(job);
  if (view.phase === 'done' && view.verdict) {
    return trans.__(
      'Re-run of %1: %2',
      shortId(id),
      verdictText(view.verdict, trans).label
    );
  }
  return view.phase === 'cancelled'
    ? trans.__('Re-run of %1 cancelled', shortId(id))
    : trans.__('Re-run of %1 could not finish', shortId(id));
}

function finishedType(job: IRerunJob): 'success' | 'warning' | 'error' {
  const verdict = rerunView(job).verdict;
  return verdict === 'reproduced'
    ? 'success'
    : verdict === 'differs' || job.state === 'cancelled'
      ? 'warning'
      : 'error';
}
