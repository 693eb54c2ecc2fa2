/**
 * jupyter-ext: snapshot notebook runs into a shared store, browse their history,
 * diff versions (nbdime), open them read-only and compare the team's runs.
 * One plugin per concern; they share services through the tokens in ./tokens.
 */
import { clientPlugin } from './plugins/client';
import { historyPlugin } from './plugins/history';
import { reproPlugin } from './plugins/repro';
import { snapshotRunPlugin } from './plugins/snapshotRun';
import { sweepPlugin } from './plugins/sweep';
import { viewsPlugin } from './plugins/views';
import { teamRunsPlugin } from './teamRuns/plugin';

export * from './tokens';

export default [
  clientPlugin,
  viewsPlugin,
  historyPlugin,
  snapshotRunPlugin,
  teamRunsPlugin,
  sweepPlugin,
  reproPlugin
];
