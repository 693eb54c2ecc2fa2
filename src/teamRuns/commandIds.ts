/** The command ids of the Team runs views. */
export namespace TeamRunsCommandIDs {
  /** Open (or activate) the Team runs view; args: {query?: string}. */
  export const open = 'jupyter-ext:team-runs';
  export const compare = 'jupyter-ext:team-runs-compare';
  export const columns = 'jupyter-ext:team-runs-columns';
  export const refresh = 'jupyter-ext:team-runs-refresh';
  /** Show one run's details; args: {id}. */
  export const details = 'jupyter-ext:team-runs-details';
  /** Row context menu (args: {id}, else the row under the menu). */
  export const openRun = 'jupyter-ext:team-runs-open-run';
  export const diffRunWithCurrent = 'jupyter-ext:team-runs-diff-with-current';
  export const restoreRun = 'jupyter-ext:team-runs-restore';
  export const filterAuthor = 'jupyter-ext:team-runs-filter-author';
  export const filterNotebook = 'jupyter-ext:team-runs-filter-notebook';
  /** ITeamRunsFilter as a command; args: {source, terms: string[], label}. */
  export const filterTerms = 'jupyter-ext:team-runs-filter-terms';
}
