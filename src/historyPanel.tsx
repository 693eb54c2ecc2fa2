/**
 * Left-sidebar "Snapshots" panel: the history of the active notebook.
 */
import { ReactWidget } from '@jupyterlab/ui-components';
import { Signal, ISignal } from '@lumino/signaling';
import * as React from 'react';

import { ISnapshotSummary, SnapshotApi } from './api';
import { historyIcon } from './icons';

export type LoadState = 'idle' | 'loading' | 'ready' | 'error';

/** State of the history panel, independent of rendering (unit-tested). */
export class HistoryModel {
  constructor(readonly api: SnapshotApi) {}

  get changed(): ISignal<this, void> {
    return this._changed;
  }
  get notebookPath(): string | null {
    return this._path;
  }
  get items(): ISnapshotSummary[] {
    return this._items;
  }
  get state(): LoadState {
    return this._state;
  }
  get error(): string {
    return this._error;
  }

  async setNotebook(path: string | null): Promise<void> {
    if (path === this._path) {
      return;
    }
    this._path = path;
    this._items = [];
    await this.refresh();
  }

  async refresh(): Promise<void> {
    if (!this._path) {
      this._state = 'idle';
      this._changed.emit();
      return;
    }
    const path = this._path;
    this._state = 'loading';
    this._changed.emit();
    try {
      const page = await this.api.list({ notebook: path, limit: 200 });
      if (path !== this._path) {
        return; // the user switched notebooks while we waited
      }
      this._items = page.items;
      this._state = 'ready';
      this._error = '';
    } catch (error) {
      this._state = 'error';
      this._error = error instanceof Error ? error.message : String(error);
    }
    this._changed.emit();
  }

  private _path: string | null = null;
  private _items: ISnapshotSummary[] = [];
  private _state: LoadState = 'idle';
  private _error = '';
  private _changed = new Signal<this, void>(this);
}

function SnapshotItem(props: { item: ISnapshotSummary }): JSX.Element {
  const { item } = props;
  return (
    <li className="jp-snapshots-item" data-snapshot-id={item.id} tabIndex={0}>
      <div className="jp-snapshots-item-message">
        {item.message || '(no message)'}
      </div>
      <div className="jp-snapshots-item-meta">
        <span className="jp-snapshots-item-author">
          {item.author?.name ?? ''}
        </span>
        <span className="jp-snapshots-item-time">
          {new Date(item.created).toLocaleString()}
        </span>
        {item.queued ? (
          <span className="jp-snapshots-item-queued">queued</span>
        ) : null}
      </div>
    </li>
  );
}

function HistoryView(props: { model: HistoryModel }): JSX.Element {
  const { model } = props;
  const [, setTick] = React.useState(0);
  React.useEffect(() => {
    const onChange = () => setTick(t => t + 1);
    model.changed.connect(onChange);
    return () => {
      model.changed.disconnect(onChange);
    };
  }, [model]);

  if (!model.notebookPath) {
    return (
      <div className="jp-snapshots-empty">
        <p>
          <strong>No notebook selected.</strong>
        </p>
        <p>
          Open a notebook to see its snapshots. A snapshot freezes the notebook
          with its outputs, kernel, environment, parameters, metrics and data,
          so your team can compare runs.
        </p>
      </div>
    );
  }
  if (model.state === 'loading' && model.items.length === 0) {
    return <div className="jp-snapshots-loading">Loading snapshots…</div>;
  }
  if (model.state === 'error') {
    return (
      <div className="jp-snapshots-error" role="alert">
        Could not load snapshots: {model.error}
      </div>
    );
  }
  if (model.items.length === 0) {
    return (
      <div className="jp-snapshots-empty">
        <p>
          <strong>No snapshots of this notebook yet.</strong>
        </p>
        <p>
          Use “Snapshot run” in the notebook toolbar or the command palette to
          take the first one.
        </p>
      </div>
    );
  }
  return (
    <ul className="jp-snapshots-list" aria-label="Snapshots">
      {model.items.map(item => (
        <SnapshotItem key={item.id} item={item} />
      ))}
    </ul>
  );
}

export class HistoryPanel extends ReactWidget {
  constructor(readonly model: HistoryModel) {
    super();
    this.id = 'jupyter-ext-history';
    this.addClass('jp-snapshots-panel');
    this.title.icon = historyIcon;
    this.title.caption = 'Snapshots';
    this.title.label = '';
  }

  render(): JSX.Element {
    return (
      <div className="jp-snapshots-panel-body">
        <header className="jp-snapshots-header">
          <h2>Snapshots</h2>
        </header>
        <HistoryView model={this.model} />
      </div>
    );
  }
}
