import { Notification } from '@jupyterlab/apputils';

import {
  notify,
  notifyError,
  NOTIFICATION_LIMIT,
  toastText
} from '../common/messages';

const OUTAGE =
  'Could not load snapshots: the team store at s3://team-bucket/snapshots is not reachable (connection refused after 3 attempts). ' +
  'Snapshots you take are queued locally and sent when it is back. Check the network or the store settings in jupyter_server_config.py.';

describe('toastText', () => {
  it('keeps a message that fits in a notification as it is', () => {
    const text =
      'Snapshot failed: notebook is larger than the 256 MB limit. Nothing was stored; your notebook and its unsaved edits are unchanged.';
    expect(toastText(text)).toEqual({ short: text, truncated: false });
  });

  it('shows whole first sentences of a long message, never a cut word', () => {
    const { short, truncated } = toastText(OUTAGE);
    expect(truncated).toBe(true);
    expect(short.length).toBeLessThanOrEqual(NOTIFICATION_LIMIT);
    expect(short).toBe(
      'Could not load snapshots: the team store at s3://team-bucket/snapshots is not reachable (connection refused after 3 attempts).'
    );
  });

  it('cuts a single over-long sentence at a word, with an ellipsis', () => {
    const words = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');
    const { short, truncated } = toastText(words);
    expect(truncated).toBe(true);
    expect(short.length).toBeLessThanOrEqual(NOTIFICATION_LIMIT);
    expect(short.endsWith('…')).toBe(true);
    expect(words.startsWith(short.slice(0, -1))).toBe(true);
    expect(words.charAt(short.length - 1)).toBe(' ');
  });

  it('stops at a line break', () => {
    const long = 'x '.repeat(80);
    expect(toastText(`First line\n${long}`).short).toBe('First line');
  });
});

describe('notify', () => {
  afterEach(() => Notification.dismiss());

  it('keeps the whole text and offers Details when the toast is shortened', () => {
    const id = notifyError(OUTAGE);
    const n = Notification.manager.notifications.find(x => x.id === id)!;
    expect(n.type).toBe('error');
    expect(n.message.length).toBeLessThanOrEqual(NOTIFICATION_LIMIT);
    expect(n.options.data).toEqual({ message: OUTAGE });
    expect(n.options.actions?.map(a => a.label)).toEqual(['Details']);
    expect(n.options.autoClose).toBe(false);
  });

  it('adds nothing to a short message and keeps the caller actions', () => {
    const retry = { label: 'Retry', callback: () => undefined };
    const id = notify('Snapshot saved.', 'success', { actions: [retry] });
    const n = Notification.manager.notifications.find(x => x.id === id)!;
    expect(n.message).toBe('Snapshot saved.');
    expect(n.options.actions?.map(a => a.label)).toEqual(['Retry']);
  });
});
