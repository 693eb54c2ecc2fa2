/**
 * The "Snapshot run" dialog body: message (first field, Enter submits) and tags.
 */
import { Dialog } from '@jupyterlab/apputils';
import { Widget } from '@lumino/widgets';

let dialogCounter = 0;

export interface ISnapshotDialogValue {
  message: string;
  tags: string[];
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

export class SnapshotDialogBody
  extends Widget
  implements Dialog.IBodyWidget<ISnapshotDialogValue>
{
  constructor(options: {
    notebookName: string;
    defaultTags: string[];
    recentTags: string[];
  }) {
    super();
    this.addClass('jp-snapshots-dialog');
    const intro = document.createElement('p');
    intro.className = 'jp-snapshots-dialog-intro';
    intro.textContent = `Snapshot “${options.notebookName}” with its outputs, kernel, environment, parameters, metrics and data references.`;

    this._message = document.createElement('input');
    this._message.type = 'text';
    this._message.className = 'jp-mod-styled jp-snapshots-dialog-message';
    this._message.placeholder = 'What changed? (e.g. "lr 0.01 → 0.1")';
    this._message.setAttribute('aria-label', 'Snapshot message');

    this._tags = document.createElement('input');
    this._tags.type = 'text';
    this._tags.className = 'jp-mod-styled jp-snapshots-dialog-tags';
    this._tags.placeholder = 'tags, comma separated';
    this._tags.setAttribute('aria-label', 'Snapshot tags');
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

    const messageLabel = Private.label('Message', this._message);
    const tagsLabel = Private.label('Tags', this._tags);
    this.node.append(intro, messageLabel, tagsLabel, datalist);
  }

  getValue(): ISnapshotDialogValue {
    return {
      message: this._message.value.trim(),
      tags: parseTags(this._tags.value)
    };
  }

  protected onAfterAttach(): void {
    this._message.focus();
  }

  private _message: HTMLInputElement;
  private _tags: HTMLInputElement;
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
