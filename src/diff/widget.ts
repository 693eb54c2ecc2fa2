/**
 * Main-area diff view: the run diff first, then changed images, then the notebook
 * diff rendered by nbdime's own widgets (untrusted, sanitized rendering).
 */
import { MainAreaWidget } from '@jupyterlab/apputils';
import { CodeEditor } from '@jupyterlab/codeeditor';
import { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import type { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';
import { Panel, Widget } from '@lumino/widgets';
import { NotebookDiffModel } from 'nbdime/lib/diff/model';
import { NotebookDiffWidget } from 'nbdime/lib/diff/widget';
import * as React from 'react';

import { IDiffOptions, IDiffResponse, SnapshotClient } from '../api';
import { liveText } from '../common';
import { diffIcon } from '../icons';
import { blockFormSubmission } from '../readonly/rendermime';
import { defaultTrans } from '../translation';
import { changedImages, ImageCompare } from './images';
import { RunDiffView } from './runDiffView';

/** One side of a diff as shown to the user. */
export interface IDiffSide {
  /** Snapshot id, or notebook path for the live notebook. */
  ref: string;
  /** Short label for banners and the tab title. */
  label: string;
  /**
   * Longer description (author, time, message) shown under the label; a
   * function of the current time is re-rendered as the clock ticks.
   */
  detail?: string | ((now: Date) => string);
}

export interface IDiffViewOptions {
  api: Pick<SnapshotClient, 'diff'>;
  base: IDiffSide;
  remote: IDiffSide;
  rendermime: IRenderMimeRegistry;
  editorFactory?: CodeEditor.Factory;
  /** A note shown above the run diff. */
  notice?: string;
  /** For a live notebook: its current content (unsaved edits included). */
  remoteContent?: () => unknown;
  /** Translations of the user-visible texts (default: English). */
  trans?: TranslationBundle;
}

const HIDE_UNCHANGED_CLASS = 'jp-mod-hideUnchanged';

/** The scrolling content of the diff tab. */
export class SnapshotDiffContent extends Panel {
  constructor(private readonly _options: IDiffViewOptions) {
    super();
    this.addClass('jp-snapshots-diff');
    this.node.tabIndex = -1;
    blockFormSubmission(this.node);
    this._trans = _options.trans ?? defaultTrans();

    this._banner = new Widget({ node: Private.banner(_options, this._trans) });
    this._status = new Widget();
    this._status.addClass('jp-snapshots-diff-status');
    this._runDiff = new Panel();
    this._runDiff.addClass('jp-snapshots-diff-run');
    this._images = new Panel();
    this._images.addClass('jp-snapshots-diff-images');
    this._scroller = new Panel();
    this._scroller.addClass('nbdime-root');
    this._scroller.addClass('jp-snapshots-diff-notebook');
    this._scroller.addClass(HIDE_UNCHANGED_CLASS);

    this.addWidget(this._banner);
    this.addWidget(this._status);
    this.addWidget(this._runDiff);
    this.addWidget(this._images);
    this.addWidget(this._scroller);
  }

  get options(): IDiffOptions {
    return { ...this._diffOptions };
  }

  get hideUnchanged(): boolean {
    return this._scroller.hasClass(HIDE_UNCHANGED_CLASS);
  }

  set hideUnchanged(value: boolean) {
    this._scroller.toggleClass(HIDE_UNCHANGED_CLASS, value);
    if (value) {
      Private.markUnchangedRanges(this._scroller.node);
    }
  }

  /** Change what the server leaves out (outputs, metadata) and reload. */
  async setOptions(options: IDiffOptions): Promise<void> {
    this._diffOptions = { ...this._diffOptions, ...options };
    await this.load();
  }

  /** Fetch the diff and (re)build the view. Resolves once it is rendered. */
  async load(): Promise<void> {
    const generation = ++this._generation;
    const trans = this._trans;
    this._setStatus(trans.__('Computing diff…'), 'loading');
    let reply: IDiffResponse;
    try {
      reply = await this._options.api.diff(
        this._options.base.ref,
        this._options.remote.ref,
        this._diffOptions,
        this._options.remoteContent?.()
      );
    } catch (error) {
      if (generation === this._generation) {
        this._setStatus(
          trans.__(
            'Could not compute the diff: %1',
            error instanceof Error ? error.message : String(error)
          ),
          'error'
        );
      }
      return;
    }
    if (generation !== this._generation || this.isDisposed) {
      return;
    }
    this._clear();

    if (reply.run_diff) {
      this._runDiff.addWidget(
        ReactWidget.create(
          React.createElement(RunDiffView, {
            runDiff: reply.run_diff,
            live: !!this._options.remoteContent,
            trans
          })
        )
      );
    }

    let model: NotebookDiffModel;
    try {
      model = new NotebookDiffModel(reply.base as any, reply.diff as any);
    } catch (error) {
      this._setStatus(
        trans.__(
          'The notebook diff could not be displayed: %1',
          error instanceof Error ? error.message : String(error)
        ),
        'error'
      );
      return;
    }

    if (!this._diffOptions.ignoreOutputs) {
      const pairs = changedImages(model.cells as any);
      if (pairs.length) {
        const heading = document.createElement('h3');
        heading.textContent = trans._n(
          '%1 image changed',
          '%1 images changed',
          pairs.length
        );
        this._images.addWidget(new Widget({ node: heading }));
        for (const pair of pairs) {
          this._images.addWidget(
            new ImageCompare(
              pair,
              {
                base: this._options.base.label,
                remote: this._options.remote.label
              },
              trans
            )
          );
        }
      }
    }

    const nbdime = new NotebookDiffWidget({
      model,
      rendermime: this._options.rendermime,
      editorFactory: this._options.editorFactory
    });
    this._scroller.addWidget(nbdime);
    try {
      await nbdime.init();
    } catch (error) {
      this._setStatus(
        trans.__(
          'Part of the notebook diff could not be rendered: %1',
          String(error)
        ),
        'error'
      );
    }
    if (generation !== this._generation || this.isDisposed) {
      return;
    }
    Private.markUnchangedRanges(this._scroller.node);
    const unchanged = model.cells.every(c => c.unchanged);
    if (unchanged) {
      this._setStatus(
        trans.__('The notebooks are identical (with the current options).'),
        'info'
      );
    } else {
      this._setStatus('', 'ready');
    }
    this.node.dataset.loaded = 'true';
  }

  private _clear(): void {
    for (const panel of [this._runDiff, this._images, this._scroller]) {
      for (const child of [...panel.widgets]) {
        child.dispose();
      }
    }
    this._scroller.node.removeAttribute('data-nbdime-allcellshidden');
  }

  private _setStatus(text: string, state: string): void {
    this._status.node.textContent = text;
    this._status.node.dataset.state = state;
    this._status.setHidden(!text);
    this._status.node.setAttribute(
      'role',
      state === 'error' ? 'alert' : 'status'
    );
  }

  private _trans: TranslationBundle;
  private _banner: Widget;
  private _status: Widget;
  private _runDiff: Panel;
  private _images: Panel;
  private _scroller: Panel;
  private _diffOptions: IDiffOptions = {};
  private _generation = 0;
}

/** A labelled checkbox for the diff toolbar. */
class ToggleItem extends Widget {
  constructor(label: string, checked: boolean, onChange: (v: boolean) => void) {
    super({ node: document.createElement('label') });
    this.addClass('jp-snapshots-toggle');
    const input = document.createElement('input');
    input.type = 'checkbox';
    input.checked = checked;
    input.addEventListener('change', () => onChange(input.checked));
    const text = document.createElement('span');
    text.textContent = label;
    this.node.append(input, text);
  }
}

/** The diff tab: a MainAreaWidget with the toggles in its toolbar. */
export class SnapshotDiffWidget extends MainAreaWidget<SnapshotDiffContent> {
  constructor(options: IDiffViewOptions) {
    const content = new SnapshotDiffContent(options);
    super({ content, reveal: content.load() });
    const trans = options.trans ?? defaultTrans();
    this.addClass('jp-snapshots-diff-widget');
    this.id = Private.widgetId(options.base.ref, options.remote.ref);
    this.title.label = trans.__(
      'Diff %1 ↔ %2',
      options.base.label,
      options.remote.label
    );
    const side = (s: IDiffSide) => {
      const detail = Private.detailText(s, new Date());
      return detail ? trans.__('%1 (%2)', s.label, detail) : s.label;
    };
    this.title.caption = trans.__(
      'Base: %1\nRemote: %2',
      side(options.base),
      side(options.remote)
    );
    this.title.icon = diffIcon;
    this.title.closable = true;

    this.toolbar.addItem(
      'hide-unchanged',
      new ToggleItem(trans.__('Hide unchanged cells'), true, v => {
        content.hideUnchanged = v;
      })
    );
    this.toolbar.addItem(
      'hide-outputs',
      new ToggleItem(trans.__('Hide outputs'), false, v => {
        void content.setOptions({ ignoreOutputs: v });
      })
    );
    this.toolbar.addItem(
      'hide-metadata',
      new ToggleItem(trans.__('Hide metadata'), false, v => {
        void content.setOptions({ ignoreMetadata: v });
      })
    );
  }
}

namespace Private {
  export function detailText(side: IDiffSide, now: Date): string {
    return typeof side.detail === 'function'
      ? side.detail(now)
      : (side.detail ?? '');
  }

  export function widgetId(base: string, remote: string): string {
    return `jupyter-ext-diff-${base}-${remote}`.replace(/[^A-Za-z0-9_-]/g, '_');
  }

  export function banner(
    options: IDiffViewOptions,
    trans: TranslationBundle
  ): HTMLElement {
    const node = document.createElement('div');
    node.className = 'jp-snapshots-diff-banner';
    const side = (cls: string, caption: string, s: IDiffSide) => {
      const el = document.createElement('div');
      el.className = `jp-snapshots-diff-side ${cls}`;
      const cap = document.createElement('span');
      cap.className = 'jp-snapshots-diff-side-caption';
      cap.textContent = caption;
      const label = document.createElement('strong');
      label.textContent = s.label;
      el.append(cap, label);
      if (s.detail) {
        const detail = document.createElement('span');
        detail.className = 'jp-snapshots-diff-side-detail';
        const ticking = liveText(detail, now => {
          detail.title = detailText(s, now);
          return detail.title;
        });
        if (typeof s.detail === 'string') {
          ticking.dispose(); // nothing to keep current
        }
        el.appendChild(detail);
      }
      return el;
    };
    node.append(
      side('jp-mod-base', trans.__('Base'), options.base),
      side('jp-mod-remote', trans.__('Compared with'), options.remote)
    );
    if (options.notice) {
      const notice = document.createElement('p');
      notice.className = 'jp-snapshots-diff-notice';
      notice.textContent = options.notice;
      node.appendChild(notice);
    }
    return node;
  }

  /**
   * Mark where runs of unchanged cells were hidden so CSS can say how many
   * (the same attributes nbdime's own JupyterLab extension uses).
   */
  export function markUnchangedRanges(root: HTMLElement): void {
    const cells = Array.from(root.querySelectorAll('.jp-Cell-diff'));
    for (const cell of cells) {
      cell.removeAttribute('data-nbdime-ncellshiddenbefore');
      cell.removeAttribute('data-nbdime-ncellshiddenafter');
    }
    let start = -1;
    cells.forEach((cell, i) => {
      if (cell.classList.contains('jp-Diff-unchanged')) {
        if (start < 0) {
          start = i;
        }
      } else if (start >= 0) {
        cell.setAttribute('data-nbdime-NCellsHiddenBefore', String(i - start));
        start = -1;
      }
    });
    const notebook = root.querySelector('.jp-Notebook-diff') ?? root;
    notebook.removeAttribute('data-nbdime-AllCellsHidden');
    if (start === 0 && cells.length) {
      notebook.setAttribute('data-nbdime-AllCellsHidden', String(cells.length));
    } else if (start > 0) {
      cells[start - 1].setAttribute(
        'data-nbdime-NCellsHiddenAfter',
        String(cells.length - start)
      );
    }
  }
}
