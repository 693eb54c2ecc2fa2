/**
 * Server errors as notifications people can read: JupyterLab cuts a
 * notification's text at 140 characters (toast and notification centre), so
 * the toast carries the first sentence and a "Details" action shows the whole
 * text; the whole text also stays in the notification's data.
 */
import { Dialog, Notification, showDialog } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';

import { defaultTrans } from '../translation';

/** JupyterLab shows at most this many characters of a notification. */
export const NOTIFICATION_LIMIT = 140;

/** A sentence ends at . ! ? followed by a capital, a quote or the end; or at a line break. */
const SENTENCE = /[^\n]*?(?:[.!?](?=\s+[A-Z“"'(]|\s*$)|\n|$)/g;

export interface IToastText {
  /** What a toast shows whole: whole sentences, the first one cut at a word if too long. */
  short: string;
  /** Whether `short` leaves anything out. */
  truncated: boolean;
}

/** The whole sentences at the start of `text`. */
function sentences(text: string): string[] {
  return (text.match(SENTENCE) ?? []).map(s => s.trim()).filter(Boolean);
}

/** The part of `full` a toast can show whole, and whether details are needed. */
export function toastText(
  full: string,
  limit = NOTIFICATION_LIMIT
): IToastText {
  const text = full.trim();
  if (text.length <= limit) {
    return { short: text, truncated: false };
  }
  let short = '';
  for (const sentence of sentences(text)) {
    const next = short ? `${short} ${sentence}` : sentence;
    if (next.length > limit) {
      break;
    }
    short = next;
  }
  if (!short) {
    // the first sentence alone is too long: cut it at a word
    const cut = text.slice(0, limit - 1);
    const space = cut.lastIndexOf(' ');
    short = (space > limit / 2 ? cut.slice(0, space) : cut).trimEnd() + '…';
  }
  return { short, truncated: true };
}

/** Show a whole message in a dialog, wrapped and selectable. */
export async function showMessageDetails(
  title: string,
  text: string,
  trans: TranslationBundle = defaultTrans()
): Promise<void> {
  const body = new Widget();
  body.addClass('jp-snapshots-message-details');
  const p = document.createElement('p');
  p.textContent = text;
  body.node.appendChild(p);
  await showDialog({
    title,
    body,
    buttons: [Dialog.okButton({ label: trans.__('Close') })]
  });
}

export interface INotifyOptions {
  trans?: TranslationBundle;
  /** Title of the details dialog (default "Details"). */
  title?: string;
  autoClose?: number | false;
  actions?: Notification.IAction[];
}

/**
 * Emit a notification whose text is never cut: a short toast, plus a
 * "Details" action with the whole text when the toast leaves something out.
 * Returns the notification id.
 */
export function notify(
  full: string,
  type: Notification.TypeOptions,
  options: INotifyOptions = {}
): string {
  const trans = options.trans ?? defaultTrans();
  const { short, truncated } = toastText(full);
  const actions = [...(options.actions ?? [])];
  if (truncated) {
    actions.push({
      label: trans.__('Details'),
      caption: trans.__('Show the whole message'),
      displayType: 'link',
      callback: event => {
        // keep the toast (and its actions) open while the dialog is up
        event.preventDefault();
        void showMessageDetails(
          options.title ?? trans.__('Details'),
          full,
          trans
        );
      }
    });
  }
  return Notification.emit(short, type, {
    autoClose: options.autoClose ?? (truncated ? false : 5000),
    actions,
    data: { message: full }
  });
}

/** An error as the text a notification shows. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** `notify` for errors: stays until dismissed unless told otherwise. */
export function notifyError(
  full: string,
  options: INotifyOptions = {}
): string {
  return notify(full, 'error', { autoClose: false, ...options });
}
