/**
 * Left-sidebar "Snapshots" panel. The implementation lives in `./history/`;
 * this module keeps the original import path working.
 */
export { HistoryModel, LoadState } from './history/model';
export { HistoryPanel, HistoryCommandIDs } from './history/panel';
