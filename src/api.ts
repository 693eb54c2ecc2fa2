/**
 * Typed client for the jupyter-ext REST API (`/jupyter-ext/api`).
 */
import { URLExt } from '@jupyterlab/coreutils';
import { ServerConnection } from '@jupyterlab/services';

export const API_NAMESPACE = 'jupyter-ext/api';

export interface IAuthor {
  username: string;
  name: string;
  initials?: string;
  color?: string;
}

export interface ISnapshotSummary {
  id: string;
  created: string;
  author: IAuthor;
  message: string;
  tags: string[];
  notebook: { path: string; name: string; key: string };
  parent?: string | null;
  params: Record<string, unknown>;
  metrics: Record<string, number>;
  cell_count?: number;
  kernel?: { name?: string; display_name?: string } | null;
  queued?: boolean;
  queue_reason?: string;
  comment_count?: number;
  /** Set by the server on list items: whether I may delete it (only its author may). */
  can_delete?: boolean;
  warnings?: string[];
}

export interface ISnapshotPage {
  items: ISnapshotSummary[];
  cursor: string | null;
}

export interface IListQuery {
  notebook?: string;
  author?: string;
  q?: string;
  since?: string;
  limit?: number;
  cursor?: string;
  sort?: string;
}

export interface ITakeRequest {
  path: string;
  content?: unknown;
  kernel_id?: string;
  message?: string;
  tags?: string[];
}

/** `GET comments/counts`: comments per snapshot id, only ids that have some. */
export interface ICommentCounts {
  counts: Record<string, number>;
}

export interface IHealth {
  status: string;
  version: string;
  store: string;
}

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

export class SnapshotApi {
  constructor(
    private readonly settings: ServerConnection.ISettings = ServerConnection.makeSettings()
  ) {}

  health(): Promise<IHealth> {
    return this.request<IHealth>('health');
  }

  list(query: IListQuery = {}): Promise<ISnapshotPage> {
    return this.request<ISnapshotPage>(`snapshots${buildQuery({ ...query })}`);
  }

  take(body: ITakeRequest): Promise<ISnapshotSummary> {
    return this.request<ISnapshotSummary>('snapshots', {
      method: 'POST',
      body: JSON.stringify(body)
    });
  }

  get(id: string): Promise<Record<string, unknown>> {
    return this.request(`snapshots/${encodeURIComponent(id)}`);
  }

  notebook(id: string): Promise<Record<string, unknown>> {
    return this.request(`snapshots/${encodeURIComponent(id)}/notebook`);
  }

  restore(id: string, path: string): Promise<{ path: string }> {
    return this.request(`snapshots/${encodeURIComponent(id)}/restore`, {
      method: 'POST',
      body: JSON.stringify({ path })
    });
  }

  remove(id: string): Promise<void> {
    return this.request(`snapshots/${encodeURIComponent(id)}`, {
      method: 'DELETE'
    });
  }

  diff(base: string, remote: string): Promise<Record<string, unknown>> {
    return this.request(`diff${buildQuery({ base, remote })}`);
  }

  commentCounts(): Promise<ICommentCounts> {
    return this.request<ICommentCounts>('comments/counts');
  }

  async request<T>(endpoint: string, init: RequestInit = {}): Promise<T> {
    const url = URLExt.join(this.settings.baseUrl, API_NAMESPACE, endpoint);
    let response: Response;
    try {
      response = await ServerConnection.makeRequest(url, init, this.settings);
    } catch (error) {
      throw new ApiError(
        `Cannot reach the Jupyter server: ${String(error)}`,
        0
      );
    }
    const text = await response.text();
    let data: any = null;
    if (text.length > 0) {
      try {
        data = JSON.parse(text);
      } catch {
        data = null;
      }
    }
    if (!response.ok) {
      const message =
        (data && typeof data.message === 'string' && data.message) ||
        `${response.status} ${response.statusText}`;
      throw new ApiError(message, response.status);
    }
    return data as T;
  }
}
