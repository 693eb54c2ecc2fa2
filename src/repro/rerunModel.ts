/**
 * One re-run to verify: starts the server job, polls its progress until it is
 * finished, cancels it on request. The server does the work in a thread; the
 * page only asks how far it got, so nothing here blocks the UI.
 */
import { VDomModel } from '@jupyterlab/ui-components';
import { Poll } from '@lumino/polling';

import type {
  IManifest,
  INotebookJSON,
  IRerunJob,
  SnapshotClient
} from '../api';
import { isFinished } from './rerunState';

/** The client methods a re-run needs. */
export type IRerunApi = Pick<
  SnapshotClient,
  'rerun' | 'rerunJob' | 'cancelRerun' | 'notebook' | 'get'
>;

/** How often to ask for progress while the job runs. */
const POLL_MS = 700;

export class RerunModel extends VDomModel {
  constructor(
    private readonly _api: IRerunApi,
    /** The snapshot being verified. */
    readonly snapshotId: string
  ) {
    super();
  }

  get job(): IRerunJob | null {
    return this._job;
  }

  /** Why the job could not be started or followed ('' when fine). */
  get error(): string {
    return this._error;
  }

  /** The snapshot's notebook, to name cells by their first line. */
  get notebook(): INotebookJSON | null {
    return this._notebook;
  }

  /** The snapshot's manifest, to say which run this is (message, notebook, author). */
  get summary(): IManifest | null {
    return this._summary;
  }

  get cancelling(): boolean {
    return this._cancelling;
  }

  /** Start the job and follow it (again, once the last one is finished). */
  async start(): Promise<void> {
    if (this._job && !isFinished(this._job)) {
      return;
    }
    this._job = null;
    this._error = '';
    this.stateChanged.emit();
    void this._api.get(this.snapshotId).then(
      summary => {
        this._summary = summary;
        this.stateChanged.emit();
      },
      () => undefined // the id alone still names it
    );
    void this._api.notebook(this.snapshotId).then(
      nb => {
        this._notebook = nb;
        this.stateChanged.emit();
      },
      () => undefined // the cells are then named by number only
    );
    try {
      this._setJob(await this._api.rerun(this.snapshotId));
    } catch (error) {
      this._fail(error);
      return;
    }
    this._follow();
  }

  /** Ask the server to stop the job (it stores nothing). */
  async cancel(): Promise<void> {
    const job = this._job;
    if (!job || isFinished(job) || this._cancelling) {
      return;
    }
    this._cancelling = true;
    this.stateChanged.emit();
    try {
      this._setJob(await this._api.cancelRerun(this.snapshotId, job.id));
    } catch (error) {
      this._fail(error);
    }
    void this._poll?.refresh();
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this._poll?.dispose();
    this._poll = null;
    super.dispose();
  }

  private _follow(): void {
    if (!this._job || isFinished(this._job) || this.isDisposed) {
      return;
    }
    this._poll = new Poll({
      factory: async () => {
        const job = this._job;
        if (!job) {
          return;
        }
        this._setJob(await this._api.rerunJob(this.snapshotId, job.id));
      },
      frequency: { interval: POLL_MS, backoff: true, max: 10 * POLL_MS },
      standby: 'never',
      name: 'jupyter-ext:rerun'
    });
    this._poll.ticked.connect(poll => {
      if (poll.state.phase === 'rejected' && poll.state.payload) {
        this._fail(poll.state.payload);
      }
    });
  }

  private _setJob(job: IRerunJob): void {
    if (this.isDisposed) {
      return;
    }
    this._job = job;
    this._error = '';
    if (isFinished(job)) {
      this._cancelling = false;
      this._poll?.dispose();
      this._poll = null;
    }
    this.stateChanged.emit();
  }

  private _fail(error: unknown): void {
    if (this.isDisposed) {
      return;
    }
    this._error = error instanceof Error ? error.message : String(error);
    this.stateChanged.emit();
  }

  private _job: IRerunJob | null = null;
  private _error = '';
  private _notebook: INotebookJSON | null = null;
  private _summary: IManifest | null = null;
  private _cancelling = false;
  private _poll: Poll | null = null;
}
