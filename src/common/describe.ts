/** One line that says whose snapshot it is, when, and what it is about. */
import type { TranslationBundle } from '@jupyterlab/translation';

import { defaultTrans } from '../translation';
import { authorName, IAuthorLike } from './authors';
import { relativeTime } from './times';

export interface IDescribable {
  author?: IAuthorLike | null;
  created: string;
  message?: string;
}

/** "Ada Lovelace, 5 min ago · “try lr 0.1”" (relative to *now*). */
export function describeSnapshot(
  s: IDescribable,
  now: Date = new Date(),
  trans: TranslationBundle = defaultTrans()
): string {
  const who = authorName(s.author);
  const when = relativeTime(s.created, now, trans);
  return s.message
    ? trans.__('%1, %2 · “%3”', who, when, s.message)
    : trans.__('%1, %2', who, when);
}
