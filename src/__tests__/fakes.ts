/**
 * Small in-memory fakes shared by the specs (not a spec itself).
 */
import { ServerConnection } from '@jupyterlab/services';

import { ILatestVerdicts, ISnapshotPage, ISnapshotSummary } from '../api';

export function summary(
  overrides: Partial<ISnapshotSummary> & { id: string }
): ISnapshotSummary {
  return {
    created: '2026-11-25T10:00:00Z',
    author: {
      username: 'ana',
      name: 'Ana Ruiz',
      initials: 'AR',
      color: '#123456'
    },
    message: '',
    tags: [],
    notebook: { path: 'exp/churn.ipynb', name: 'churn.ipynb', key: 'k' },
    params: {},
    metrics: {},
    ...overrides
  };
}

/** A list() that answers from memory, per notebook path. */
export class MemoryApi {
  calls: string[] = [];
  fail: string | null = null;
  items: Record<string, ISnapshotSummary[]> = {};
  /** When set, list() pages through the items this many at a time. */
  pageSize: number | null = null;
  queries: { notebook?: string; limit?: number; cursor?: string }[] = [];
  async list(
    query: { notebook?: string; limit?: number; cursor?: string } = {}
  ): Promise<ISnapshotPage> {
    this.calls.push(query.notebook ?? '');
    this.queries.push(query);
    if (this.fail) {
      throw new Error(this.fail);
    }
    const all = this.items[query.notebook ?? ''] ?? [];
    if (!this.pageSize) {
      return { items: all, cursor: null };
    }
    const start = query.cursor ? Number(query.cursor) : 0;
    const size = Math.min(this.pageSize, query.limit ?? this.pageSize);
    const end = start + size;
    return {
      items: all.slice(start, end),
      cursor: end < all.length ? String(end) : null
    };
  }
  async whoami() {
    return { username: 'ana', name: 'Ana Ruiz' };
  }
  /** No snapshot has been re-run (tests that need verdicts override this). */
  async latestVerdicts(): Promise<ILatestVerdicts> {
    return {};
  }
}

export interface IRecorded {
  url: string;
  method: string;
  body: string | undefined;
  headers: Record<string, string>;
}

/**
 * Server settings whose fetch records requests and answers with canned replies.
 */
export function fakeServer(
  reply: (req: IRecorded) => {
    status: number;
    body?: string;
    statusText?: string;
  }
): { settings: ServerConnection.ISettings; requests: IRecorded[] } {
  const requests: IRecorded[] = [];
  class FakeHeaders {
    map: Record<string, string> = {};
    constructor(init?: Record<string, string>) {
      Object.assign(this.map, init ?? {});
    }
    has(k: string) {
      return k.toLowerCase() in this.map;
    }
    set(k: string, v: string) {
      this.map[k.toLowerCase()] = v;
    }
    append(k: string, v: string) {
      this.map[k.toLowerCase()] = v;
    }
  }
  class FakeRequest {
    url: string;
    method: string;
    body: string | undefined;
    headers = new FakeHeaders();
    constructor(url: string, init: RequestInit = {}) {
      this.url = url;
      this.method = init.method ?? 'GET';
      this.body = init.body as string | undefined;
    }
  }
  const fetch = async (request: FakeRequest) => {
    const rec: IRecorded = {
      url: request.url,
      method: request.method,
      body: request.body,
      headers: request.headers.map
    };
    requests.push(rec);
    const r = reply(rec);
    return {
      ok: r.status >= 200 && r.status < 300,
      status: r.status,
      statusText: r.statusText ?? '',
      text: async () => r.body ?? ''
    };
  };
  const settings = ServerConnection.makeSettings({
    baseUrl: 'http://localhost:8888/',
    wsUrl: 'ws://localhost:8888/',
    token: '',
    init: {},
    fetch: fetch as any,
    Request: FakeRequest as any,
    Headers: FakeHeaders as any
  });
  return { settings, requests };
}
