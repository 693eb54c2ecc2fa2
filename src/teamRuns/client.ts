/**
 * The REST calls the Team runs view needs, over the shared SnapshotApi
 * (list/get/notebook/restore/diff) plus comments and whoami. An interface so
 * the view models can be tested against in-memory fakes.
 */
import {
  IAuthor,
  IListQuery,
  ISnapshotPage,
  ISnapshotSummary,
  SnapshotApi
} from '../api';
import { IDataRef } from './compare';

export interface IComment {
  id: string;
  snapshot: string;
  author: IAuthor;
  created: string;
  text: string;
  cell_id?: string | null;
}

/** The parts of a manifest (docs/internals.md) the view reads. */
export interface IManifest extends ISnapshotSummary {
  data?: (IDataRef & { size?: number; mtime?: string })[];
  git?: {
    commit?: string;
    branch?: string;
    dirty?: boolean;
    remote?: string;
  } | null;
  environment?: {
    os?: string;
    hostname?: string;
    python?: string;
    packages_count?: number;
    imported_packages?: Record<string, string>;
  } | null;
  kernel?: {
    name?: string;
    display_name?: string;
    language?: string;
    implementation_version?: string;
    state?: string;
  } | null;
  content?: { cells?: string[]; cell_count?: number } | null;
  warnings?: string[];
}

/** A notebook as nbformat JSON (only what the view reads is typed). */
export interface INotebookJSON {
  cells: {
    id?: string;
    cell_type: string;
    source: string | string[];
    outputs?: any[];
    execution_count?: number | null;
    metadata?: Record<string, any>;
  }[];
  metadata?: Record<string, any>;
  nbformat?: number;
  nbformat_minor?: number;
}

export interface ITeamRunsApi {
  list(query: IListQuery): Promise<ISnapshotPage>;
  manifest(id: string): Promise<IManifest>;
  notebook(id: string): Promise<INotebookJSON>;
  comments(id: string): Promise<IComment[]>;
  addComment(
    id: string,
    text: string,
    cellId?: string | null
  ): Promise<IComment>;
  /** Comments per snapshot id (ids without comments are left out). */
  commentCounts(): Promise<Record<string, number>>;
  restore(id: string, path: string): Promise<{ path: string }>;
  diff(base: string, remote: string): Promise<Record<string, unknown>>;
  whoami(): Promise<IAuthor>;
}

/** Manifests and notebooks are immutable: keep the last few in memory. */
class Lru<V> {
  constructor(private readonly max: number) {}
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
    while (this._map.size > this.max) {
      this._map.delete(this._map.keys().next().value as string);
    }
  }
  private _map = new Map<string, V>();
}

export class TeamRunsClient implements ITeamRunsApi {
  constructor(readonly api: SnapshotApi) {}

  list(query: IListQuery): Promise<ISnapshotPage> {
    return this.api.list(query);
  }

  manifest(id: string): Promise<IManifest> {
    const hit = this._manifests.get(id);
    if (hit) {
      return hit;
    }
    const request = this.api.get(id) as Promise<unknown> as Promise<IManifest>;
    this._manifests.set(id, request);
    request.catch(() => this._manifests.set(id, undefined as any));
    return request;
  }

  notebook(id: string): Promise<INotebookJSON> {
    const hit = this._notebooks.get(id);
    if (hit) {
      return hit;
    }
    const request = this.api.notebook(
      id
    ) as Promise<unknown> as Promise<INotebookJSON>;
    this._notebooks.set(id, request);
    request.catch(() => this._notebooks.set(id, undefined as any));
    return request;
  }

  async comments(id: string): Promise<IComment[]> {
    const page = await this.api.request<{ items: IComment[] }>(
      `snapshots/${encodeURIComponent(id)}/comments`
    );
    return page?.items ?? [];
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
    return this.api.request<IComment>(
      `snapshots/${encodeURIComponent(id)}/comments`,
      { method: 'POST', body: JSON.stringify(body) }
    );
  }

  async commentCounts(): Promise<Record<string, number>> {
    const reply = await this.api.commentCounts();
    return reply?.counts ?? {};
  }

  restore(id: string, path: string): Promise<{ path: string }> {
    return this.api.restore(id, path);
  }

  diff(base: string, remote: string): Promise<Record<string, unknown>> {
    return this.api.diff(base, remote);
  }

  whoami(): Promise<IAuthor> {
    if (!this._whoami) {
      this._whoami = this.api.request<IAuthor>('whoami');
      this._whoami.catch(() => (this._whoami = null));
    }
    return this._whoami;
  }

  private _manifests = new Lru<Promise<IManifest>>(64);
  private _notebooks = new Lru<Promise<INotebookJSON>>(16);
  private _whoami: Promise<IAuthor> | null = null;
}
