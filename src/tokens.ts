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
