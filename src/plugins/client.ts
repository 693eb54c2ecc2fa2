/** Provides the one REST client (ISnapshotClient) to every other plugin. */
import { JupyterFrontEndPlugin } from '@jupyterlab/application';

import { SnapshotClient } from '../api';
import { ISnapshotClient } from '../tokens';

export const clientPlugin: JupyterFrontEndPlugin<SnapshotClient> = {
  id: 'jupyter-ext:client',
  description: 'The client of the jupyter-ext REST API.',
  autoStart: true,
  provides: ISnapshotClient,
  activate: (): SnapshotClient => new SnapshotClient()
};
