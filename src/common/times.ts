/**
 * Times as shown to people: relative ("5 min ago") where recency matters, with
 * a shared ticking clock so that text shown once stays current, and short
 * absolute times for tables.
 */
import type { TranslationBundle } from '@jupyterlab/translation';

import { defaultTrans } from '../translation';

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How often relative times are re-rendered. */
export const TICK_MS = 30 * 1000;

/** Milliseconds since the epoch; -Infinity for an invalid time (sorts last). */
export function timeOf(iso: string): number {
  const t = new Date(iso).getTime();
  return Number.isNaN(t) ? -Infinity : t;
}

/** "just now", "5 min ago", "3 h ago", "yesterday", "4 days ago", else a date. */
export function relativeTime(
  iso: string,
  now: Date = new Date(),
  trans: TranslationBundle = defaultTrans()
): string {
  const then = new Date(iso);
  const t = then.getTime();
  if (Number.isNaN(t)) {
    return '';
  }
  const elapsed = now.getTime() - t;
  if (elapsed < 45 * 1000) {
    return trans.__('just now');
  }
  if (elapsed < HOUR) {
    const minutes = Math.max(1, Math.round(elapsed / MINUTE));
    return trans._n('%1 min ago', '%1 min ago', minutes);
  }
  const days = calendarDaysBetween(then, now);
  if (days === 0) {
    return trans._n('%1 h ago', '%1 h ago', Math.floor(elapsed / HOUR));
  }
  if (days === 1) {
    return trans.__('yesterday');
  }
  if (days < 7) {
    return trans._n('%1 day ago', '%1 days ago', days);
  }
  return then.toLocaleDateString(undefined, {
    day: 'numeric',
    month: 'short',
    year: then.getFullYear() === now.getFullYear() ? undefined : 'numeric'
  });
}

/** Whole local calendar days from `a` to `b` (0: same day). */
export function calendarDaysBetween(a: Date, b: Date): number {
  const da = new Date(a.getFullYear(), a.getMonth(), a.getDate());
  const db = new Date(b.getFullYear(), b.getMonth(), b.getDate());
  return Math.round((db.getTime() - da.getTime()) / DAY);
}

/** Local day key, e.g. "2026-11-25". */
export function dayKey(date: Date): string {
  const m = String(date.getMonth() + 1).padStart(2, '0');
  const d = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${m}-${d}`;
}

/** "Today", "Yesterday", or e.g. "Monday, 23 Nov". */
export function dayLabel(
  date: Date,
  now: Date = new Date(),
  trans: TranslationBundle = defaultTrans()
): string {
  const days = calendarDaysBetween(date, now);
  if (days === 0) {
    return trans.__('Today');
  }
  if (days === 1) {
    return trans.__('Yesterday');
  }
  return date.toLocaleDateString(undefined, {
    weekday: days < 7 ? 'long' : undefined,
    day: 'numeric',
    month: 'short',
    year: date.getFullYear() === now.getFullYear() ? undefined : 'numeric'
  });
}

/** Short time for tables: "today 14:05", else "2026-11-25 14:05". */
export function formatTime(
  iso: string,
  now: Date = new Date(),
  trans: TranslationBundle = defaultTrans()
): string {
  const t = new Date(iso);
  if (isNaN(t.getTime())) {
    return iso;
  }
  const pad = (n: number) => String(n).padStart(2, '0');
  const hm = `${pad(t.getHours())}:${pad(t.getMinutes())}`;
  if (t.toDateString() === now.toDateString()) {
    return trans.__('today %1', hm);
  }
  return `${dayKey(t)} ${hm}`;
}

/** Something that stops a ticking subscription. */
export interface ITickSubscription {
  dispose(): void;
}

/**
 * Call *callback* every TICK_MS from one shared timer (started with the first
 * subscriber, stopped with the last), so relative times stay current.
 */
export function onTick(callback: () => void): ITickSubscription {
  Private.subscribers.add(callback);
  if (Private.timer === 0) {
    Private.timer = window.setInterval(() => {
      for (const subscriber of [...Private.subscribers]) {
        subscriber();
      }
    }, TICK_MS);
  }
  return {
    dispose: () => {
      Private.subscribers.delete(callback);
      if (Private.subscribers.size === 0 && Private.timer !== 0) {
        window.clearInterval(Private.timer);
        Private.timer = 0;
      }
    }
  };
}

/**
 * Keep *node*'s text equal to *render()* on every tick until the returned
 * subscription is disposed (or the node has left the document).
 */
export function liveText(
  node: HTMLElement,
  render: (now: Date) => string
): ITickSubscription {
  node.textContent = render(new Date());
  let shown = node.isConnected;
  const subscription = onTick(() => {
    if (!node.isConnected) {
      if (shown) {
        subscription.dispose(); // the view was closed
      }
      return;
    }
    shown = true;
    node.textContent = render(new Date());
  });
  return subscription;
}

/** The shared clock: its subscribers and its interval (0: not running). */
const Private = { subscribers: new Set<() => void>(), timer: 0 };
