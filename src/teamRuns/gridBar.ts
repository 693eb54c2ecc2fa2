/**
 * The bar above the Team runs table: the filter box (debounced, one request
 * per edit), the chips of terms other views added, the run count, the query
 * help or the server's full error, and the "N new runs — show" button.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import { closeIcon, searchIcon } from '@jupyterlab/ui-components';

import { el } from './gridCells';
import type { TeamRunsModel } from './model';

const FILTER_DEBOUNCE_MS = 350;

/** The filter syntax hint under the filter box. */
export function queryHint(trans: TranslationBundle): string {
  return trans.__(
    'author:ana tag:baseline notebook:churn lr>0.01 accuracy>=0.9 — other words search messages, paths, tags and ids'
  );
}

export class GridBar {
  constructor(model: TeamRunsModel, trans: TranslationBundle) {
    this._model = model;
    this._trans = trans;
    this.node = el('div', 'jp-snapshots-runs-top');
    const bar = el('div', 'jp-snapshots-runs-bar');
    const filter = el('div', 'jp-snapshots-runs-filter');
    filter.appendChild(
      searchIcon.element({
        tag: 'span',
        className: 'jp-snapshots-runs-filter-icon'
      })
    );
    const input = (this.input = el('input', 'jp-snapshots-runs-filter-input'));
    input.type = 'search';
    input.placeholder = trans.__(
      'Filter runs: author:ana tag:baseline lr>0.01…'
    );
    input.setAttribute('aria-label', trans.__('Filter runs'));
    input.spellcheck = false;
    input.autocomplete = 'off';
    input.setAttribute('aria-describedby', 'jp-snapshots-runs-query-help');
    filter.appendChild(input);
    const clear = el('button', 'jp-snapshots-runs-filter-clear');
    clear.type = 'button';
    clear.title = trans.__('Clear the filter');
    clear.setAttribute('aria-label', trans.__('Clear the filter'));
    clear.appendChild(closeIcon.element({ tag: 'span' }));
    clear.addEventListener('click', () => {
      input.value = '';
      this.apply();
      input.focus();
    });
    filter.appendChild(clear);
    bar.appendChild(filter);
    this._chips = el('div', 'jp-snapshots-runs-chips');
    bar.appendChild(this._chips);
    this._count = el('div', 'jp-snapshots-runs-count');
    this._count.setAttribute('aria-live', 'polite');
    bar.appendChild(this._count);
    this.node.appendChild(bar);

    this._help = el('div', 'jp-snapshots-runs-query-help');
    this._help.id = 'jp-snapshots-runs-query-help';
    this.node.appendChild(this._help);

    this.newRuns = el('button', 'jp-snapshots-runs-new-runs jp-mod-hidden');
    this.newRuns.type = 'button';
    this.newRuns.addEventListener('click', () => {
      void model.showPending();
    });
    this.node.appendChild(this.newRuns);

    // Typing waits for a pause; Enter applies at once. Either way the model
    // sends a request only when the query text changed.
    input.addEventListener('input', () => {
      window.clearTimeout(this._timer);
      this._timer = window.setTimeout(() => this.apply(), FILTER_DEBOUNCE_MS);
    });
  }

  readonly node: HTMLElement;
  readonly input: HTMLInputElement;
  readonly newRuns: HTMLButtonElement;

  apply(): void {
    window.clearTimeout(this._timer);
    this._timer = 0;
    void this._model.setQuery(this.input.value);
  }

  dispose(): void {
    window.clearTimeout(this._timer);
  }

  /** Bring the bar up to date with the model. */
  update(): void {
    const model = this._model;
    const trans = this._trans;
    // Not while the user's own edit waits for its pause: it would be lost.
    if (
      document.activeElement !== this.input &&
      !this._timer &&
      this.input.value !== model.query
    ) {
      this.input.value = model.query;
    }
    const error = model.queryError;
    this._help.textContent = error || queryHint(trans);
    this._help.title = error;
    this._help.classList.toggle('jp-mod-error', !!error);
    this._help.setAttribute('role', error ? 'alert' : 'note');
    this.input.classList.toggle('jp-mod-error', !!error);
    this.input.setAttribute('aria-invalid', error ? 'true' : 'false');
    this._renderChips();
    this.updateCount();
    const pending = model.pending.length;
    this.newRuns.textContent = pending
      ? trans._n('%1 new run — show', '%1 new runs — show', pending)
      : '';
    this.newRuns.classList.toggle('jp-mod-hidden', pending === 0);
  }

  /** The table's status line (error, empty) and footer (loading more). */
  updateStatus(status: HTMLElement, footer: HTMLElement): void {
    const model = this._model;
    const trans = this._trans;
    let text = '';
    let kind = 'hidden';
    if (model.state === 'error') {
      text = trans.__('Could not load runs: %1', model.error);
      kind = 'error';
    } else if (model.state === 'ready' && model.rows.length === 0) {
      text = model.effectiveQuery
        ? trans.__('No runs match this filter.')
        : trans.__(
            'No runs in the team store yet. Use “Snapshot run” on a notebook to record the first one.'
          );
      kind = 'empty';
    }
    status.textContent = text;
    status.className = `jp-snapshots-runs-status jp-mod-${kind}`;
    if (kind === 'error') {
      status.setAttribute('role', 'alert');
    } else {
      status.removeAttribute('role');
    }
    footer.textContent = model.loadingMore
      ? trans.__('Loading more runs…')
      : model.error && model.state === 'ready'
        ? trans.__('Could not load more: %1', model.error)
        : '';
  }

  updateCount(): void {
    const model = this._model;
    const trans = this._trans;
    const n = model.rows.length;
    if (model.state === 'loading') {
      this._count.textContent = trans.__('Loading…');
      return;
    }
    const shown = `${n.toLocaleString()}${model.hasMore ? '+' : ''}`;
    const runs = trans._n('%2 run', '%2 runs', n, shown);
    const selected = model.selection.size;
    this._count.textContent = selected
      ? trans._n('%2 · %1 selected', '%2 · %1 selected', selected, runs)
      : runs;
  }

  private _renderChips(): void {
    const filters = this._model.extraFilters;
    const key = JSON.stringify(filters);
    if (key === this._chipsKey) {
      return;
    }
    this._chipsKey = key;
    this._chips.replaceChildren();
    for (const f of filters) {
      const chip = el('span', 'jp-snapshots-runs-chip');
      chip.title = f.terms.join(' ');
      chip.appendChild(el('span', 'jp-snapshots-runs-chip-label', f.label));
      const remove = el('button', 'jp-snapshots-runs-chip-remove');
      remove.type = 'button';
      remove.setAttribute(
        'aria-label',
        this._trans.__('Remove the filter %1', f.label)
      );
      remove.title = this._trans.__('Remove this filter');
      remove.appendChild(closeIcon.element({ tag: 'span' }));
      remove.addEventListener('click', () => {
        void this._model.setExtraFilter(f.source, [], '');
        this.input.focus();
      });
      chip.appendChild(remove);
      this._chips.appendChild(chip);
    }
  }

  private _model: TeamRunsModel;
  private _trans: TranslationBundle;
  private _chips: HTMLElement;
  private _count: HTMLElement;
  private _help: HTMLElement;
  private _chipsKey = '';
  private _timer = 0;
}
