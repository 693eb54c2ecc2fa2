import {
  colorOf,
  defaultRestorePath,
  describeSnapshot,
  formatNumber,
  formatTime,
  formatValue,
  initialsOf,
  isSnapshotId,
  liveText,
  relativeTime,
  shortId,
  TICK_MS
} from '../common';

// Local-time dates so the tests do not depend on the machine's time zone.
const now = new Date(2026, 10, 25, 15, 0, 0); // Wed 25 Nov 2026 15:00 local
const at = (d: number, h: number, m = 0) =>
  new Date(2026, 10, d, h, m).toISOString();

describe('ids', () => {
  const id = '01JDX0000000000000000ABCDE';

  it('shortens an id to its last 6 characters, lower-cased', () => {
    expect(shortId(id)).toBe('0abcde');
  });

  it('tells snapshot ids from notebook paths', () => {
    expect(isSnapshotId(id)).toBe(true);
    expect(isSnapshotId(id.toLowerCase())).toBe(true);
    expect(isSnapshotId('exp/churn.ipynb')).toBe(false);
    // I, L, O and U are not Crockford base-32 digits
    expect(isSnapshotId('01JDX0000000000000000ABCDU')).toBe(false);
  });

  it('suggests one restore name, with the same short id, everywhere', () => {
    expect(defaultRestorePath('exp/churn.ipynb', id)).toBe(
      'exp/churn-0abcde.ipynb'
    );
    expect(defaultRestorePath('top.ipynb', id)).toBe('top-0abcde.ipynb');
    expect(defaultRestorePath('', id)).toBe('notebook-0abcde.ipynb');
  });
});

describe('numbers', () => {
  it('keeps integers, 6 significant digits, exponents for extremes', () => {
    expect(formatNumber(10)).toBe('10');
    expect(formatNumber(0.94996)).toBe('0.94996');
    expect(formatNumber(0.9123456)).toBe('0.912346');
    expect(formatNumber(0.000012345)).toBe('1.234e-5');
    expect(formatNumber(123456789.5)).toBe('1.235e+8');
    expect(formatNumber(null)).toBe('—');
  });

  it('shows any JSON value as short text, strings unquoted', () => {
    expect(formatValue(0.1)).toBe('0.1');
    expect(formatValue('sgd')).toBe('sgd');
    expect(formatValue([1, 2])).toBe('[1,2]');
    expect(formatValue({ a: 1 })).toBe('{"a":1}');
    expect(formatValue(null)).toBe('null');
    expect(formatValue(true)).toBe('true');
    expect(formatValue(undefined)).toBe('—');
    expect(formatValue(undefined, '')).toBe('');
  });
});

describe('times', () => {
  it('reads like a person would say it', () => {
    expect(
      relativeTime(new Date(now.getTime() - 10_000).toISOString(), now)
    ).toBe('just now');
    expect(relativeTime(at(25, 14, 55), now)).toBe('5 min ago');
    expect(relativeTime(at(25, 12, 0), now)).toBe('3 h ago');
    expect(relativeTime(at(24, 23, 0), now)).toBe('yesterday');
    expect(relativeTime(at(21, 9, 0), now)).toBe('4 days ago');
    expect(relativeTime(at(2, 9, 0), now)).toMatch(/2/); // a date
    expect(relativeTime('not a date', now)).toBe('');
  });

  it('gives tables a short absolute time', () => {
    expect(formatTime(at(25, 9, 5), now)).toBe('today 09:05');
    expect(formatTime(at(24, 23, 0), now)).toBe('2026-11-24 23:00');
    expect(formatTime('garbage', now)).toBe('garbage');
  });

  it('describes a snapshot by author, time and message', () => {
    const s = {
      author: { username: 'ana', name: 'Ana Ruiz' },
      created: at(25, 14, 55),
      message: 'try lr 0.1'
    };
    expect(describeSnapshot(s, now)).toBe('Ana Ruiz, 5 min ago · “try lr 0.1”');
    expect(describeSnapshot({ ...s, message: '' }, now)).toBe(
      'Ana Ruiz, 5 min ago'
    );
  });

  describe('live text', () => {
    beforeEach(() => jest.useFakeTimers({ now: now.getTime() }));
    afterEach(() => jest.useRealTimers());

    it('stays current: "just now" becomes "16 min ago" 16 minutes later', () => {
      const created = new Date(now.getTime() - 5_000).toISOString();
      const node = document.createElement('span');
      document.body.appendChild(node);
      const ticking = liveText(node, t => relativeTime(created, t));
      expect(node.textContent).toBe('just now');
      jest.advanceTimersByTime(16 * 60 * 1000);
      expect(node.textContent).toBe('16 min ago');
      ticking.dispose();
      node.remove();
    });

    it('stops once its node has left the document', () => {
      const node = document.createElement('span');
      document.body.appendChild(node);
      let renders = 0;
      liveText(node, () => String(++renders));
      jest.advanceTimersByTime(TICK_MS);
      expect(renders).toBe(2);
      node.remove();
      jest.advanceTimersByTime(TICK_MS * 3);
      expect(renders).toBe(2);
    });
  });
});

describe('authors', () => {
  it('derives initials when the server sends none', () => {
    expect(initialsOf({ name: 'Ana Ruiz', username: 'ana' })).toBe('AR');
    expect(initialsOf({ name: 'Ana Maria Ruiz' })).toBe('AR');
    expect(initialsOf({ username: 'bo' })).toBe('B');
    expect(initialsOf({ initials: 'XY', name: 'Z' })).toBe('XY');
    expect(initialsOf(undefined)).toBe('?');
  });

  it('uses a valid server colour, else a stable one per username', () => {
    expect(colorOf({ color: '#abcdef' })).toBe('#abcdef');
    // anything that is not a plain hex colour is ignored (no CSS injection)
    expect(colorOf({ color: 'red;background:url(x)', username: 'a' })).toBe(
      colorOf({ username: 'a' })
    );
    expect(colorOf({ color: '#12', username: 'a' })).toBe(
      colorOf({ username: 'a' })
    );
    expect(colorOf({ username: 'bob' })).toMatch(/^#[0-9a-f]{6}$/);
    expect(colorOf({ username: 'bob', name: 'Bob' })).toBe(
      colorOf({ username: 'bob' })
    );
  });
});
