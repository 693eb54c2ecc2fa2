/**
 * Read-only view of a snapshot's notebook, rendered as it was and untrusted:
 * no script of the author's runs, HTML goes through JupyterLab's sanitizer.
 */
import { MainAreaWidget, ToolbarButton } from '@jupyterlab/apputils';
import { CodeEditor, IEditorMimeTypeService } from '@jupyterlab/codeeditor';
import { NotebookModel, StaticNotebook } from '@jupyterlab/notebook';
import { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import type { TranslationBundle } from '@jupyterlab/translation';
import { undoIcon } from '@jupyterlab/ui-components';
import { Panel, Widget } from '@lumino/widgets';

import { INotebookJSON, ISnapshotSummary } from '../api';
import { authorName, relativeTime, shortId } from '../common';
import { readonlyIcon } from '../icons';
import { defaultTrans } from '../translation';
import { blockFormSubmission } from './rendermime';
import { untrustedCopy } from './untrusted';

export { untrustedCopy };

export interface IReadonlyOptions {
  summary: ISnapshotSummary;
  /** Loads the notebook JSON exactly as snapshotted. */
  load: () => Promise<INotebookJSON>;
  rendermime: IRenderMimeRegistry;
  editorFactory: CodeEditor.Factory;
  mimeTypeService: IEditorMimeTypeService;
  onRestore: () => void;
  /** Translations of the user-visible texts (default: English). */
  trans?: TranslationBundle;
}

export class ReadonlySnapshotContent extends Panel {
  constructor(private readonly _options: IReadonlyOptions) {
    super();
    this.addClass('jp-snapshots-readonly');
    this.node.tabIndex = -1;
    blockFormSubmission(this.node);
    this._trans = _options.trans ?? defaultTrans();
    this.addWidget(
      new Widget({ node: Private.header(_options.summary, this._trans) })
    );
    this._status = new Widget();
    this._status.addClass('jp-snapshots-readonly-status');
    this.addWidget(this._status);
  }

  async load(): Promise<void> {
    let json: INotebookJSON;
    try {
      json = await this._options.load();
    } catch (error) {
      this._status.node.textContent = this._trans.__(
        'Could not load the snapshot: %1',
        error instanceof Error ? error.message : String(error)
      );
      this._status.node.setAttribute('role', 'alert');
      return;
    }
    if (this.isDisposed) {
      return;
    }
    const model = new NotebookModel();
    model.fromJSON(untrustedCopy(json) as any);
    for (let i = 0; i < model.cells.length; i++) {
      const cell = model.cells.get(i);
      cell.trusted = false;
    }
    model.readOnly = true;
    model.dirty = false;
    this._model = model;

    const notebook = new StaticNotebook({
      rendermime: this._options.rendermime,
      contentFactory: new StaticNotebook.ContentFactory({
        editorFactory: this._options.editorFactory
      }),
      mimeTypeService: this._options.mimeTypeService,
      notebookConfig: {
        ...StaticNotebook.defaultNotebookConfig,
        windowingMode: 'none'
      }
    });
    notebook.addClass('jp-snapshots-readonly-notebook');
    notebook.model = model;
    for (const cell of notebook.widgets) {
      cell.readOnly = true;
    }
    this.addWidget(notebook);
    this.node.dataset.loaded = 'true';
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    super.dispose();
    this._model?.dispose();
  }

  private _trans: TranslationBundle;
  private _status: Widget;
  private _model: NotebookModel | null = null;
}

export class ReadonlySnapshotWidget extends MainAreaWidget<ReadonlySnapshotContent> {
  constructor(options: IReadonlyOptions) {
    const content = new ReadonlySnapshotContent(options);
    super({ content, reveal: content.load() });
    const { summary } = options;
    const trans = options.trans ?? defaultTrans();
    this.id = `jupyter-ext-readonly-${summary.id}`;
    this.addClass('jp-snapshots-readonly-widget');
    this.title.label = trans.__(
      '%1 @ %2 (read-only)',
      summary.notebook?.name ?? trans.__('notebook'),
      shortId(summary.id)
    );
    this.title.caption = trans.__(
      'Read-only snapshot %1\n%2',
      summary.id,
      summary.message ?? ''
    );
    this.title.icon = readonlyIcon;
    this.title.closable = true;

    const badge = new Widget();
    badge.addClass('jp-snapshots-readonly-badge');
    badge.node.textContent = trans.__('Read-only');
    this.toolbar.addItem('readonly', badge);
    this.toolbar.addItem(
      'restore',
      new ToolbarButton({
        icon: undoIcon,
        label: trans.__('Restore as a copy'),
        tooltip: trans.__(
          'Write this version to a new notebook file and open it'
        ),
        onClick: options.onRestore
      })
    );
  }
}

namespace Private {
  export function header(
    summary: ISnapshotSummary,
    trans: TranslationBundle
  ): HTMLElement {
    const node = document.createElement('div');
    node.className = 'jp-snapshots-readonly-header';
    const icon = document.createElement('span');
    icon.className = 'jp-snapshots-readonly-icon';
    readonlyIcon.element({ container: icon });
    const body = document.createElement('div');
    const line1 = document.createElement('div');
    line1.className = 'jp-snapshots-readonly-title';
    line1.textContent = summary.message || trans.__('(no message)');
    const line2 = document.createElement('div');
    line2.className = 'jp-snapshots-readonly-meta';
    const author = authorName(summary.author);
    const when = new Date(summary.created);
    const path = summary.notebook?.path ?? '';
    const ago = relativeTime(summary.created, new Date(), trans);
    line2.textContent = Number.isNaN(when.getTime())
      ? trans.__(
          'Read-only snapshot of %1 by %2, %3 · id %4',
          path,
          author,
          ago,
          summary.id
        )
      : trans.__(
          'Read-only snapshot of %1 by %2, %3 (%4) · id %5',
          path,
          author,
          ago,
          when.toLocaleString(),
          summary.id
        );
    body.append(line1, line2);
    if (summary.tags?.length) {
      const tags = document.createElement('ul');
      tags.className = 'jp-snapshots-item-tags';
      for (const tag of summary.tags) {
        const li = document.createElement('li');
        li.className = 'jp-snapshots-tag';
        li.textContent = tag;
        tags.appendChild(li);
      }
      body.appendChild(tags);
    }
    node.append(icon, body);
    return node;
  }
}
