/** Command ids of the Snapshots panel (registered by the history plugin). */
export namespace HistoryCommandIDs {
  export const snapshotRun = 'jupyter-ext:snapshot-run';
  export const diffSelected = 'jupyter-ext:diff-selected';
  export const diffWithCurrent = 'jupyter-ext:diff-with-current';
  export const openReadonly = 'jupyter-ext:open-readonly';
  export const restoreCopy = 'jupyter-ext:restore-copy';
  export const copyId = 'jupyter-ext:copy-id';
  export const deleteSnapshot = 'jupyter-ext:delete-snapshot';
  export const refresh = 'jupyter-ext:refresh-history';
  /** Show the panel; args {id?}: select and scroll to that snapshot. */
  export const showHistory = 'jupyter-ext:show-history';
}
