/**
 * The "Re-run to verify" tab: data files that changed since the run, progress
 * with Cancel, then the verdict, each cell's status and "Show diff". A tab in
 * the main area, so the rest of JupyterLab stays usable while it runs.
 */
import { MainAreaWidget } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import { VDomRenderer } from '@jupyterlab/ui-components';
import * as React from 'react';

import { authorName, shortId, verdictText } from '../common';
import { RerunModel } from './rerunModel';
import {
  cellSnippet,
  cellStatusText,
  cellsToReview,
  IRerunView,
  progressText,
  rerunView
} from './rerunState';

/** What the view asks its host to do. */
export interface IRerunActions {
  /** Diff the original run with its re-run. */
  showDiff(of: string, rerun: string): void;
  /** Open a snapshot read-only. */
  open(id: string): void;
}

export class RerunContent extends VDomRenderer<RerunModel> {
  constructor(
    model: RerunModel,
    private readonly _actions: IRerunActions,
    private readonly _trans: TranslationBundle
  ) {
    super(model);
    this.addClass('jp-snapshots-rerun');
    this.node.tabIndex = -1; // focusable when the tab is activated; Tab reaches its buttons
  }

  protected render(): JSX.Element {
    return (
      <RerunPanel
        model={this.model}
        actions={this._actions}
        trans={this._trans}
      />
    );
  }
}

/** The tab around the content; the title names the run being verified. */
export function rerunWidget(
  model: RerunModel,
  actions: IRerunActions,
  trans: TranslationBundle
): MainAreaWidget<RerunContent> {
  const content = new RerunContent(model, actions, trans);
  const widget = new MainAreaWidget({ content });
  widget.id = `jupyter-ext-rerun-${model.snapshotId}-${Date.now().toString(36)}`;
  widget.title.label = trans.__('Re-run of %1', shortId(model.snapshotId));
  widget.title.closable = true;
  widget.disposed.connect(() => {
    void model.cancel(); // closing the tab stops a job nobody watches
    model.dispose();
  });
  return widget;
}

function RerunPanel(props: {
  model: RerunModel;
  actions: IRerunActions;
  trans: TranslationBundle;
}): JSX.Element {
  const { model, actions, trans } = props;
  const job = model.job;
  const view = job ? rerunView(job) : null;
  const running = view
    ? ['starting', 'checking', 'running'].includes(view.phase)
    : !model.error;
  return (
    <div className="jp-snapshots-rerun-body">
      <h2 className="jp-snapshots-rerun-title">
        {trans.__('Re-run %1 to verify it', shortId(model.snapshotId))}
      </h2>
      {model.summary && (
        <div className="jp-snapshots-rerun-run">
          {trans.__(
            '%1 · %2 · by %3',
            model.summary.message || trans.__('(no message)'),
            model.summary.notebook?.path ?? '',
            authorName(model.summary.author)
          )}
        </div>
      )}
      <p className="jp-snapshots-rerun-intro">
        {trans.__(
          'Runs the snapshot top to bottom in a fresh kernel beside its notebook, then compares every code cell with the recorded outputs.'
        )}
      </p>
      {model.error && (
        <div className="jp-snapshots-rerun-error" role="alert">
          {model.error}
        </div>
      )}
      {view && <DataChanged view={view} trans={trans} />}
      {(view || !model.error) && <Progress view={view} trans={trans} />}
      {running && job && (
        <button
          type="button"
          className="jp-Button jp-mod-styled jp-mod-reject jp-snapshots-rerun-cancel"
          onClick={() => void model.cancel()}
          disabled={model.cancelling}
        >
          {model.cancelling ? trans.__('Cancelling…') : trans.__('Cancel')}
        </button>
      )}
      {view && view.phase === 'done' && (
        <Outcome
          view={view}
          of={model.snapshotId}
          sources={(model.notebook?.cells ?? []).map(c => c.source)}
          actions={actions}
          trans={trans}
        />
      )}
      {!running && (
        <button
          type="button"
          className="jp-Button jp-mod-styled jp-snapshots-rerun-again"
          onClick={() => void model.start()}
        >
          {trans.__('Run again')}
        </button>
      )}
    </div>
  );
}

function DataChanged(props: {
  view: IRerunView;
  trans: TranslationBundle;
}): JSX.Element | null {
  const { view, trans } = props;
  if (view.dataChanged === null) {
    return null;
  }
  if (view.dataChanged.length === 0) {
    return (
      <div className="jp-snapshots-rerun-data jp-mod-same">
        {trans.__('The data files it read are unchanged since the run.')}
      </div>
    );
  }
  return (
    <div className="jp-snapshots-rerun-data jp-mod-changed" role="status">
      <div>
        {trans._n(
          'This data file changed since the run, so outputs may differ:',
          'These %1 data files changed since the run, so outputs may differ:',
          view.dataChanged.length
        )}
      </div>
      <ul>
        {view.dataChanged.map(path => (
          <li key={path}>
            <code>{path}</code>
          </li>
        ))}
      </ul>
    </div>
  );
}

function Progress(props: {
  view: IRerunView | null;
  trans: TranslationBundle;
}): JSX.Element {
  const { view, trans } = props;
  const text = view
    ? progressText(view, trans)
    : trans.__('Starting the re-run…');
  const phase = view?.phase ?? 'starting';
  const max = Math.max(view?.total ?? 0, 1);
  return (
    <div className={`jp-snapshots-rerun-progress jp-mod-${phase}`}>
      {phase !== 'cancelled' && phase !== 'failed' && (
        <progress
          max={max}
          value={view && view.total > 0 ? view.done : undefined}
          aria-label={trans.__('Cells done')}
        />
      )}
      <div
        className="jp-snapshots-rerun-status"
        role={phase === 'failed' ? 'alert' : 'status'}
        aria-live="polite"
      >
        {text}
      </div>
    </div>
  );
}

function Outcome(props: {
  view: IRerunView;
  of: string;
  sources: unknown[];
  actions: IRerunActions;
  trans: TranslationBundle;
}): JSX.Element {
  const { view, of, sources, actions, trans } = props;
  const verdict = view.verdict ? verdictText(view.verdict, trans) : null;
  const review = cellsToReview(view.cells);
  return (
    <div className="jp-snapshots-rerun-outcome">
      <div className="jp-snapshots-rerun-verdictLine">
        {verdict && (
          <span className={verdict.className} title={verdict.title}>
            {verdict.label}
          </span>
        )}
        <span>
          {view.verdict === 'reproduced'
            ? trans.__('Every cell gave the same or close outputs.')
            : review.length > 0
              ? trans._n(
                  '%1 cell to review.',
                  '%1 cells to review.',
                  review.length
                )
              : ''}
        </span>
      </div>
      <div className="jp-snapshots-rerun-actions">
        {view.rerunId ? (
          <>
            <button
              type="button"
              className="jp-Button jp-mod-styled jp-mod-accept"
              onClick={() => actions.showDiff(of, view.rerunId as string)}
            >
              {trans.__('Show diff')}
            </button>
            <button
              type="button"
              className="jp-Button jp-mod-styled"
              onClick={() => actions.open(view.rerunId as string)}
            >
              {trans.__('Open the re-run')}
            </button>
          </>
        ) : (
          <span className="jp-snapshots-rerun-none">
            {trans.__('No snapshot of the re-run was stored.')}
          </span>
        )}
      </div>
      {view.cells.length > 0 && (
        <table className="jp-snapshots-rerun-cells">
          <caption>{trans.__('Code cells')}</caption>
          <thead>
            <tr>
              <th scope="col">{trans.__('Cell')}</th>
              <th scope="col">{trans.__('Status')}</th>
              <th scope="col">{trans.__('Source')}</th>
            </tr>
          </thead>
          <tbody>
            {view.cells.map(cell => {
              const status = cellStatusText(cell.status, trans);
              return (
                <tr
                  key={cell.index}
                  className={`jp-snapshots-rerun-cell jp-mod-${cell.status}`}
                  data-cell-index={cell.index}
                >
                  <td>{trans.__('Cell %1', cell.index + 1)}</td>
                  <td title={status.title}>
                    <span className="jp-snapshots-rerun-cellStatus">
                      {status.label}
                    </span>
                  </td>
                  <td>
                    <code>{cellSnippet(sources[cell.index])}</code>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
