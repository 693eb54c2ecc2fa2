/**
 * The one client of the jupyter-ext REST API (`/jupyter-ext/api`), typed by the
 * types generated from jupyter_ext/openapi.json (./types, ./schema.d.ts).
 * Manifests, notebooks and the identity do not change: they are cached.
 */
import { URLExt } from '@jupyterlab/coreutils';
import { ServerConnection } from '@jupyterlab/services';
import { ISignal, Signal } from '@lumino/signaling';

import type {
  EnvironmentFormat,
  IArtifact,
  IAuthor,
  IComment,
  IDiffOptions,
  IDiffResponse,
  IHealth,
  ILatestVerdicts,
  ILineage,
  IListQuery,
  IManifest,
  INotebookJSON,
  IRerunJob,
  IRerunRequest,
  ISecretFinding,
  ISnapshotPage,
  ISnapshotSummary,
  ITakeRequest,
  IVerification,
  ResponseOf
} from './types';

export const API_NAMESPACE = 'jupyter-ext/api';

/** An error from the API with the server's human-readable message. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Build a query string, skipping empty values. */
export function buildQuery(params: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') {
      continue;
    }
    parts.push(
      `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`
    );
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

/** Map diff options onto the server's query flags (only the ones that are on). */
export function diffQuery(
  base: string,
  remote: string,
  options: IDiffOptions = {}
): string {
  return buildQuery({
    base,
    remote,
    ignore_outputs: options.ignoreOutputs ? 1 : undefined,
    ignore_metadata: options.ignoreMetadata ? 1 : undefined,
    ignore_execution_count: options.ignoreExecutionCount ? 1 : undefined,
    ignore_whitespace: options.ignoreWhitespace ? 1 : undefined
  });
}

function parseJson(text: string): any {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The last few values of immutable resources, most recently used kept. */
class Lru<V> {
  constructor(private readonly _max: number) {}
  get(key: string): V | undefined {
    const v = this._map.get(key);
    if (v !== undefined) {
      this._map.delete(key);
      this._map.set(key, v);
    }
    return v;
  }
  set(key: string, value: V): void {
    this._map.delete(key);
    this._map.set(key, value);
    while (this._map.size > this._max) {
      this._map.delete(this._map.keys().next().value as string);
    }
  }
  delete(key: string): void {
    this._map.delete(key);
  }
  private _map = new Map<string, V>();
}

export class SnapshotClient {
  constructor(
    private readonly _settings: ServerConnection.ISettings = ServerConnection.makeSettings()
  ) {}

  /** Emitted after this client took or deleted a snapshot (or tried to). */
  get snapshotsChanged(): ISignal<this, void> {
    return this._snapshotsChanged;
  }

  health(): Promise<IHealth> {
    return this.request<IHealth>('health');
  }

  /** The author this server records for me (asked once). */
  whoami(): Promise<IAuthor> {
    if (!this._whoami) {
      this._whoami = this.request<IAuthor>('whoami');
      this._whoami.catch(() => (this._whoami = null));
    }
    return this._whoami;
  }

  /** The OpenAPI document the server serves. */
  openapi(): Promise<ResponseOf<'openapi'>> {
    return this.request('openapi.json');
  }

  list(query: IListQuery = {}): Promise<ISnapshotPage> {
    return this.request<ISnapshotPage>(`snapshots${buildQuery({ ...query })}`);
  }

  /** Snapshot a notebook (`content`: as shown, unsaved edits included). */
  async take(body: ITakeRequest): Promise<ISnapshotSummary> {
    try {
      return await this.request<ISnapshotSummary>('snapshots', {
        method: 'POST',
        body: JSON.stringify(body)
      });
    } finally {
      this._snapshotsChanged.emit();
    }
  }

  /** A snapshot's manifest. */
  get(id: string): Promise<IManifest> {
    return this._cached(this._manifests, id, () =>
      this.request<IManifest>(`snapshots/${encodeURIComponent(id)}`)
    );
  }

  /** A snapshot's notebook as stored. */
  notebook(id: string): Promise<INotebookJSON> {
    return this._cached(this._notebooks, id, () =>
      this.request<INotebookJSON>(
        `snapshots/${encodeURIComponent(id)}/notebook`
      )
    );
  }

  restore(id: string, path: string): Promise<{ path: string }> {
    return this.request(`snapshots/${encodeURIComponent(id)}/restore`, {
      method: 'POST',
      body: JSON.stringify({ path })
    });
  }

  async remove(id: string): Promise<void> {
    await this.request(`snapshots/${encodeURIComponent(id)}`, {
      method: 'DELETE'
    });
    this._manifests.delete(id);
    this._notebooks.delete(id);
    this._snapshotsChanged.emit();
  }

  /**
   * Diff a snapshot with another snapshot or a notebook path. With
   * `remoteContent`, the remote is the notebook as shown in the browser
   * (unsaved edits included), sent in the body of a POST.
   */
  diff(
    base: string,
    remote: string,
    options: IDiffOptions = {},
    remoteContent?: unknown
  ): Promise<IDiffResponse> {
    if (remoteContent !== undefined) {
      const flags = diffQuery('', '', options);
      return this.request<IDiffResponse>(`diff${flags}`, {
        method: 'POST',
        body: JSON.stringify({ base, remote, remote_content: remoteContent })
      });
    }
    return this.request<IDiffResponse>(
      `diff${diffQuery(base, remote, options)}`
    );
  }

  async secretsScan(content: unknown): Promise<ISecretFinding[]> {
    const reply = await this.request<{ findings?: ISecretFinding[] }>(
      'secrets-scan',
      { method: 'POST', body: JSON.stringify({ content }) }
    );
    return Array.isArray(reply?.findings) ? reply.findings : [];
  }

  async comments(id: string): Promise<IComment[]> {
    const page = await this.request<ResponseOf<'listComments'>>(
      `snapshots/${encodeURIComponent(id)}/comments`
    );
    return (page?.items as IComment[] | undefined) ?? [];
  }

  addComment(
    id: string,
    text: string,
    cellId?: string | null
  ): Promise<IComment> {
    const body: Record<string, string> = { text };
    if (cellId) {
      body.cell_id = cellId;
    }
    return this.request<IComment>(
      `snapshots/${encodeURIComponent(id)}/comments`,
      { method: 'POST', body: JSON.stringify(body) }
    );
  }

  /** Comments per snapshot id (ids without comments are left out). */
  async commentCounts(): Promise<Record<string, number>> {
    const reply =
      await this.request<ResponseOf<'commentCounts'>>('comments/counts');
    return (reply?.counts as Record<string, number> | undefined) ?? {};
  }

  /** Start re-running a snapshot to verify it (a background job on the server). */
  rerun(id: string, options: IRerunRequest = {}): Promise<IRerunJob> {
    return this.request<IRerunJob>(
      `snapshots/${encodeURIComponent(id)}/rerun`,
      {
        method: 'POST',
        body: JSON.stringify(options)
      }
    );
  }

  /** A re-run job's progress (and, once done, its verdict). */
  rerunJob(id: string, jobId: string): Promise<IRerunJob> {
    return this.request<IRerunJob>(
      `snapshots/${encodeURIComponent(id)}/rerun/${encodeURIComponent(jobId)}`
    );
  }

  /** Cancel a re-run job: it stores no snapshot. */
  cancelRerun(id: string, jobId: string): Promise<IRerunJob> {
    return this.request<IRerunJob>(
      `snapshots/${encodeURIComponent(id)}/rerun/${encodeURIComponent(jobId)}`,
      { method: 'DELETE' }
    );
  }

  /** A snapshot's verification records, oldest first. */
  async verifications(id: string): Promise<IVerification[]> {
    const reply = await this.request<ResponseOf<'listVerifications'>>(
      `snapshots/${encodeURIComponent(id)}/verifications`
    );
    return Array.isArray(reply?.items) ? reply.items : [];
  }

  /** The latest verdict of every verified snapshot (one request for a whole list). */
  async latestVerdicts(): Promise<ILatestVerdicts> {
    const reply = await this.request<ResponseOf<'latestVerdicts'>>(
      'verifications/latest'
    );
    return reply?.verdicts ?? {};
  }

  /** A file that recreates the run's environment (pinned imported packages, or `all`). */
  async environmentFile(
    id: string,
    format: EnvironmentFormat = 'requirements',
    all = false
  ): Promise<string> {
    const url = URLExt.join(
      this._settings.baseUrl,
      API_NAMESPACE,
      `snapshots/${encodeURIComponent(id)}/env${buildQuery({ format, all: all ? 1 : undefined })}`
    );
    const response = await this._fetch(url);
    return response.text();
  }

  /** Which runs produced the files this run read, and which runs read what it wrote. */
  lineage(id: string): Promise<ILineage> {
    return this.request<ILineage>(
      `snapshots/${encodeURIComponent(id)}/lineage`
    );
  }

  /** Files the run wrote that the store kept. */
  async artifacts(id: string): Promise<IArtifact[]> {
    const reply = await this.request<ResponseOf<'listArtifacts'>>(
      `snapshots/${encodeURIComponent(id)}/artifacts`
    );
    return Array.isArray(reply?.items) ? reply.items : [];
  }

  /** A kept file's bytes. */
  async artifact(id: string, path: string): Promise<Blob> {
    const url = URLExt.join(
      this._settings.baseUrl,
      API_NAMESPACE,
      `snapshots/${encodeURIComponent(id)}/artifacts/${encodeURIComponent(path)}`
    );
    const response = await this._fetch(url);
    return response.blob();
  }

  async request<T>(endpoint: string, init: RequestInit = {}): Promise<T> {
    const url = URLExt.join(this._settings.baseUrl, API_NAMESPACE, endpoint);
    const text = await (await this._fetch(url, init)).text();
    return (text.length > 0 ? parseJson(text) : null) as T;
  }

  /** The response, when it is a success; otherwise an ApiError with the server's message. */
  private async _fetch(url: string, init: RequestInit = {}): Promise<Response> {
    let response: Response;
    try {
      response = await ServerConnection.makeRequest(url, init, this._settings);
    } catch (error) {
      throw new ApiError(
        `Cannot reach the Jupyter server: ${String(error)}`,
        0
      );
    }
    if (!response.ok) {
      const data = parseJson(await response.text());
      const message =
        (data && typeof data.message === 'string' && data.message) ||
        `${response.status} ${response.statusText}`;
      throw new ApiError(message, response.status);
    }
    return response;
  }

  /** A failed request is not kept: the next call asks again. */
  private _cached<V>(
    cache: Lru<Promise<V>>,
    id: string,
    load: () => Promise<V>
  ): Promise<V> {
    const hit = cache.get(id);
    if (hit) {
      return hit;
    }
    const request = load();
    cache.set(id, request);
    request.catch(() => cache.delete(id));
    return request;
  }

  private _manifests = new Lru<Promise<IManifest>>(64);
  private _notebooks = new Lru<Promise<INotebookJSON>>(16);
  private _whoami: Promise<IAuthor> | null = null;
  private _snapshotsChanged = new Signal<this, void>(this);
}

/** The client calls the Team runs views use (an in-memory fake in tests). */
export type ITeamRunsApi = Pick<
  SnapshotClient,
  | 'list'
  | 'get'
  | 'notebook'
  | 'comments'
  | 'addComment'
  | 'commentCounts'
  | 'restore'
  | 'diff'
  | 'whoami'
  | 'verifications'
  | 'lineage'
  | 'artifacts'
  | 'artifact'
  | 'environmentFile'
>;
