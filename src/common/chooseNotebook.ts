/**
 * "Diff with my notebook": which open notebook is meant. With one obvious
 * notebook the answer is immediate; when more than one could be meant, a
 * dialog lists the open notebooks with the obvious one preselected.
 */
import { Dialog, showDialog } from '@jupyterlab/apputils';
import type { INotebookTracker } from '@jupyterlab/notebook';
import type { TranslationBundle } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';

import { defaultTrans } from '../translation';

export interface INotebookChoice {
  /** Paths of the open notebooks, without duplicates, in opening order. */
  paths: string[];
  /** The notebook preselected: the current widget if it is one, else the only one. */
  preselected: string | null;
  /** Whether the user has to be asked (more than one notebook could be meant). */
  ask: boolean;
}

/** Pure choice logic: `current` is the path of the current widget if it is a notebook. */
export function notebookChoice(
  open: readonly string[],
  current: string | null
): INotebookChoice {
  const paths = Array.from(new Set(open));
  const preselected =
    current && paths.includes(current)
      ? current
      : paths.length === 1
        ? paths[0]
        : null;
  return { paths, preselected, ask: paths.length > 1 };
}

/** Radio buttons, one per open notebook; the value is the checked path. */
class NotebookList extends Widget implements Dialog.IBodyWidget<string> {
  constructor(choice: INotebookChoice, trans: TranslationBundle) {
    super();
    this.addClass('jp-snapshots-choose-notebook');
    const hint = document.createElement('p');
    hint.textContent = trans.__(
      'Which open notebook should the run be compared with?'
    );
    this.node.appendChild(hint);
    const list = document.createElement('div');
    list.setAttribute('role', 'radiogroup');
    list.setAttribute('aria-label', trans.__('Open notebooks'));
    choice.paths.forEach((path, index) => {
      const label = document.createElement('label');
      label.className = 'jp-snapshots-choose-notebook-option';
      label.title = path;
      const radio = document.createElement('input');
      radio.type = 'radio';
      radio.name = 'jp-snapshots-notebook';
      radio.value = path;
      radio.checked = path === choice.preselected;
      if (index === 0 && !choice.preselected) {
        radio.checked = true;
      }
      const name = document.createElement('span');
      name.className = 'jp-snapshots-choose-notebook-name';
      name.textContent = path.split('/').pop() ?? path;
      const dir = document.createElement('span');
      dir.className = 'jp-snapshots-choose-notebook-dir';
      dir.textContent = path.includes('/')
        ? path.slice(0, path.lastIndexOf('/'))
        : '';
      label.append(radio, name, dir);
      list.appendChild(label);
    });
    this.node.appendChild(list);
  }

  getValue(): string {
    const checked = this.node.querySelector<HTMLInputElement>(
      'input[type="radio"]:checked'
    );
    return checked?.value ?? '';
  }
}

export interface IChooseOptions {
  trans?: TranslationBundle;
  /** What to diff with when no notebook is open (e.g. the run's own notebook path). */
  fallback?: string | null;
}

/**
 * The path of the notebook to diff with: asks when more than one is open.
 * Null when the user cancels, or when nothing is open and there is no fallback.
 */
export async function chooseNotebook(
  tracker: INotebookTracker | null,
  current: Widget | null,
  options: IChooseOptions = {}
): Promise<string | null> {
  const trans = options.trans ?? defaultTrans();
  const open: string[] = [];
  tracker?.forEach(panel => {
    open.push(panel.context.path);
  });
  const currentPath =
    current && tracker?.has(current)
      ? (tracker.find(panel => panel === current)?.context.path ?? null)
      : null;
  const choice = notebookChoice(open, currentPath);
  if (!choice.paths.length) {
    return options.fallback ?? null;
  }
  if (!choice.ask) {
    return choice.preselected;
  }
  const result = await showDialog<string>({
    title: trans.__('Diff with which notebook?'),
    body: new NotebookList(choice, trans),
    buttons: [
      Dialog.cancelButton(),
      Dialog.okButton({ label: trans.__('Diff') })
    ],
    focusNodeSelector: 'input:checked'
  });
  return result.button.accept && result.value ? result.value : null;
}
