/**
 * The "Snapshot run" dialog body: message (first field, Enter submits), tags with
 * recently used ones a click away, and a warning + "Redact secrets" when the
 * notebook seems to contain secrets.
 */
import { Dialog } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';

import type { ISecretFinding } from './api';
import { defaultTrans } from './translation';

let dialogCounter = 0;

export interface ISnapshotDialogValue {
  message: string;
  tags: string[];
  redactSecrets: boolean;
  /** The user saw the secrets warning and unticked "redact": keep them as they are. */
  allowSecrets: boolean;
}

/** Split a comma/space separated tag string into unique, trimmed tags. */
export function parseTags(text: string): string[] {
  const tags: string[] = [];
  for (const raw of text.split(/[,\s]+/)) {
    const tag = raw.trim();
    if (tag && !tags.includes(tag)) {
      tags.push(tag);
    }
  }
  return tags;
}

/** Most recent first, unique, at most `limit`. */
export function mergeRecentTags(
  used: readonly string[],
  recent: readonly string[],
  limit = 12
): string[] {
  const merged: string[] = [];
  for (const tag of [...used, ...recent]) {
    if (tag && !merged.includes(tag)) {
      merged.push(tag);
    }
  }
  return merged.slice(0, limit);
}

/**
 * "cell 2 (source, line 3): AWS key" — one line per finding, cells counted from 1;
 * "notebook metadata: …" for secrets outside the cells (e.g. papermill parameters).
 */
export function describeFindings(
  findings: readonly ISecretFinding[],
  trans: TranslationBundle = defaultTrans()
): string[] {
  const lines: string[] = [];
  for (const f of findings) {
    let line: string;
    if (f.cell_index === null || f.cell_index === undefined) {
      line = trans.__('notebook metadata: %1', f.kind);
    } else {
      const where =
        f.where === 'output'
          ? trans.__('output')
          : f.line !== null && f.line !== undefined
            ? trans.__('source, line %1', f.line)
            : trans.__('source');
      line = trans.__('cell %1 (%2): %3', f.cell_index + 1, where, f.kind);
    }
    if (!lines.includes(line)) {
      lines.push(line);
    }
  }
  return lines;
}

export class SnapshotDialogBody
  extends Widget
  implements Dialog.IBodyWidget<ISnapshotDialogValue>
{
  constructor(options: {
    notebookName: string;
    defaultTags: string[];
    recentTags: string[];
    findings?: ISecretFinding[] | null;
    dirty?: boolean;
    trans?: TranslationBundle;
  }) {
    super();
    const trans = options.trans ?? defaultTrans();
    this._trans = trans;
    this.addClass('jp-snapshots-dialog');
    const intro = document.createElement('p');
    intro.className = 'jp-snapshots-dialog-intro';
    intro.textContent = options.dirty
      ? trans.__(
          'Snapshot “%1” with its outputs, kernel, environment, parameters, metrics and data references (unsaved edits included).',
          options.notebookName
        )
      : trans.__(
          'Snapshot “%1” with its outputs, kernel, environment, parameters, metrics and data references.',
          options.notebookName
        );

    this._message = document.createElement('input');
    this._message.type = 'text';
    this._message.className = 'jp-mod-styled jp-snapshots-dialog-message';
    this._message.placeholder = trans.__(
      'What changed? (e.g. "lr 0.01 → 0.1")'
    );
    this._message.setAttribute('aria-label', trans.__('Snapshot message'));

    this._tags = document.createElement('input');
    this._tags.type = 'text';
    this._tags.className = 'jp-mod-styled jp-snapshots-dialog-tags';
    this._tags.placeholder = trans.__('tags, comma separated');
    this._tags.setAttribute('aria-label', trans.__('Snapshot tags'));
    this._tags.value = options.defaultTags.join(', ');
    const listId = `jp-snapshots-recent-tags-${++dialogCounter}`;
    this._tags.setAttribute('list', listId);
    const datalist = document.createElement('datalist');
    datalist.id = listId;
    for (const tag of options.recentTags) {
      const option = document.createElement('option');
      option.value = tag;
      datalist.appendChild(option);
    }

    const messageLabel = Private.label(trans.__('Message'), this._message);
    const tagsLabel = Private.label(trans.__('Tags'), this._tags);
    this.node.append(intro, messageLabel, tagsLabel, datalist);

    if (options.recentTags.length) {
      const recent = document.createElement('div');
      recent.className = 'jp-snapshots-dialog-recent';
      const caption = document.createElement('span');
      caption.textContent = trans.__('Recent:');
      recent.appendChild(caption);
      for (const tag of options.recentTags.slice(0, 8)) {
        const chip = document.createElement('button');
        chip.type = 'button';
        chip.className = 'jp-snapshots-tag jp-snapshots-tag-button';
        chip.textContent = tag;
        chip.title = trans.__('Add tag “%1”', tag);
        chip.addEventListener('click', event => {
          event.preventDefault();
          const tags = parseTags(this._tags.value);
          if (!tags.includes(tag)) {
            tags.push(tag);
          }
          this._tags.value = tags.join(', ');
          this._message.focus();
        });
        recent.appendChild(chip);
      }
      this.node.appendChild(recent);
    }

    this._secrets = document.createElement('div');
    this._secrets.className = 'jp-snapshots-dialog-secrets';
    this._secrets.setAttribute('role', 'alert');
    this._secrets.hidden = true;
    this.node.appendChild(this._secrets);
    this.setFindings(options.findings ?? []);
  }

  /** Show (or clear) the "possible secrets" warning and the redact option. */
  setFindings(findings: readonly ISecretFinding[]): void {
    this._secrets.replaceChildren();
    this._redact = null;
    if (!findings.length) {
      this._secrets.hidden = true;
      return;
    }
    this._secrets.hidden = false;
    const trans = this._trans;
    const title = document.createElement('strong');
    title.textContent = trans.__(
      'This notebook looks like it contains secrets'
    );
    const explain = document.createElement('p');
    explain.textContent = trans.__(
      'Snapshots are shared with your team. Found in:'
    );
    const list = document.createElement('ul');
    for (const line of describeFindings(findings, trans)) {
      const li = document.createElement('li');
      li.textContent = line;
      list.appendChild(li);
    }
    const redact = document.createElement('input');
    redact.type = 'checkbox';
    redact.checked = true;
    redact.className = 'jp-snapshots-dialog-redact';
    const label = document.createElement('label');
    label.className = 'jp-snapshots-dialog-redact-label';
    const text = document.createElement('span');
    text.textContent = trans.__(
      'Redact secrets (replace them in the snapshot)'
    );
    label.append(redact, text);
    this._redact = redact;
    this._secrets.append(title, explain, list, label);
  }

  getValue(): ISnapshotDialogValue {
    return {
      message: this._message.value.trim(),
      tags: parseTags(this._tags.value),
      redactSecrets: !!this._redact?.checked,
      allowSecrets: this._redact !== null && !this._redact.checked
    };
  }

  protected onAfterAttach(): void {
    this._message.focus();
  }

  private _trans: TranslationBundle;
  private _message: HTMLInputElement;
  private _tags: HTMLInputElement;
  private _secrets: HTMLDivElement;
  private _redact: HTMLInputElement | null = null;
}

namespace Private {
  export function label(text: string, input: HTMLElement): HTMLLabelElement {
    const label = document.createElement('label');
    label.className = 'jp-snapshots-dialog-field';
    const span = document.createElement('span');
    span.textContent = text;
    label.append(span, input);
    return label;
  }
}
