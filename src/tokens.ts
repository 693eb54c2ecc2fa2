/**
 * The services jupyter-ext's plugins provide to each other (and to other
 * extensions): the REST client and the snapshot views.
 */
import { Token } from '@lumino/coreutils';

import type { SnapshotClient } from './api';

/** The one client of the jupyter-ext REST API. */
export const ISnapshotClient = new Token<SnapshotClient>(
  'jupyter-ext:ISnapshotClient',
  'The client of the jupyter-ext REST API (snapshots, diffs, comments).'
);

/** Options of a restore. */
export interface IRestoreOptions {
  /** Open the copy once written (default true). */
  openCopy?: boolean;
}

/** The main-area views of snapshots: read-only notebook, diff, restore. */
export interface ISnapshotViews {
  /** Open any snapshot of the store read-only (untrusted rendering). */
  openReadonly(id: string): Promise<void>;
  /**
   * Diff snapshot *base* with *remote*: another snapshot id, or a notebook
   * path (compared as shown when it is open, unsaved edits included).
   */
  openDiff(base: string, remote: string): Promise<void>;
  /** Ask where to write a copy of a snapshot's notebook, then write it. */
  restore(id: string, options?: IRestoreOptions): Promise<void>;
}

export const ISnapshotViews = new Token<ISnapshotViews>(
  'jupyter-ext:ISnapshotViews',
  'Opens snapshots read-only, diffs them and restores them as copies.'
);

/**
 * Extra query terms from other views (e.g. a brush on the sweep view) that
 * narrow the Team runs table on top of what the user typed, shown as a chip
 * the user can clear. Terms use the query grammar of jupyter_ext/store/query.py (`lr>=0.01`).
 */
export interface ITeamRunsFilter {
  /** Replace the terms contributed by *source* (an empty list clears them). */
  setExtraTerms(source: string, terms: readonly string[], label: string): void;
}

export const ITeamRunsFilter = new Token<ITeamRunsFilter>(
  'jupyter-ext:ITeamRunsFilter',
  'Narrows the Team runs table with query terms contributed by other views.'
);
