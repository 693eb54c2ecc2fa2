/**
 * An in-browser-test fake of the runs endpoints of the jupyter-ext REST API
 * (installed with page.route). Used only by the frontend render benchmark
 * (benchmarks/ui/teamRuns.bench.ts), which measures the table without server
 * work. No UI test uses it: the large-table spec runs against a real server on
 * a seeded store (../seed_team_store.py).
 */
import type { Page, Route } from '@playwright/test';

export interface IFakeRun {
  id: string;
  created: string;
  author: { username: string; name: string; initials: string; color: string };
  message: string;
  tags: string[];
  notebook: { path: string; name: string; key: string };
  parent: string | null;
  params: Record<string, unknown>;
  metrics: Record<string, number>;
  cell_count: number;
  kernel: { name: string; display_name: string };
  queued: boolean;
  comment_count: number;
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A ULID for time *ms* (random part derived from *n*, so ids are unique and sortable). */
export function ulid(ms: number, n: number): string {
  let time = '';
  let t = ms;
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[t % 32] + time;
    t = Math.floor(t / 32);
  }
  let rand = '';
  let r = n;
  for (let i = 0; i < 16; i++) {
    rand = CROCKFORD[r % 32] + rand;
    r = Math.floor(r / 32);
  }
  return time + rand;
}

const PEOPLE = [
  { username: 'ana', name: 'Ana Ruiz', initials: 'AR', color: '#8e24aa' },
  { username: 'bo', name: 'Bo Chen', initials: 'BC', color: '#00897b' },
  { username: 'cy', name: 'Cyrus Diaz', initials: 'CD', color: '#e65100' },
  { username: 'dee', name: 'Dee Okafor', initials: 'DO', color: '#3949ab' }
];
const NOTEBOOKS = ['exp/churn.ipynb', 'exp/forecast.ipynb', 'eda/clean.ipynb'];

/** *n* runs over the last days, deterministic. */
export function makeRuns(
  n: number,
  start = Date.UTC(2026, 10, 20)
): IFakeRun[] {
  const runs: IFakeRun[] = [];
  for (let i = 0; i < n; i++) {
    const ms = start + i * 60_000;
    const who = PEOPLE[i % PEOPLE.length];
    const path = NOTEBOOKS[i % NOTEBOOKS.length];
    const lr = [0.1, 0.03, 0.01, 0.003][i % 4];
    const epochs = 5 + (i % 3) * 5;
    runs.push({
      id: ulid(ms, i + 1),
      created: new Date(ms).toISOString(),
      author: who,
      message: `${i % 4 === 0 ? 'baseline' : 'sweep'} lr=${lr} #${i}`,
      tags: i % 4 === 0 ? ['baseline'] : ['sweep'],
      notebook: { path, name: path.split('/').pop()!, key: path },
      parent: null,
      params: { lr, epochs, optimizer: i % 2 ? 'adam' : 'sgd' },
      metrics: {
        accuracy: Math.round((0.8 + ((i * 37) % 100) / 1000) * 1e4) / 1e4,
        loss: Math.round((0.5 - ((i * 13) % 100) / 400) * 1e4) / 1e4
      },
      cell_count: 12,
      kernel: { name: 'python3', display_name: 'Python 3' },
      queued: false,
      comment_count: 0
    });
  }
  return runs;
}

function matches(run: IFakeRun, q: string): string | true {
  for (const term of q.split(/\s+/).filter(Boolean)) {
    const bad = term.match(/(=>|=<|==)/);
    if (bad) {
      const suggest = { '=>': '>=', '=<': '<=', '==': '=' }[bad[1]];
      return `unknown operator '${bad[1]}' at position ${q.indexOf(bad[1])} — did you mean '${suggest}'?`;
    }
    const field = term.match(/^(author|tag|notebook):(.+)$/);
    const cmp = term.match(/^([A-Za-z_]\w*)(>=|<=|!=|>|<|=)(.+)$/);
    let ok: boolean;
    if (field) {
      const v = field[2].toLowerCase();
      ok =
        field[1] === 'author'
          ? run.author.username === v ||
            run.author.name.toLowerCase().includes(v)
          : field[1] === 'tag'
            ? run.tags.includes(field[2])
            : run.notebook.path.toLowerCase().includes(v);
    } else if (cmp) {
      const value = (run.params as any)[cmp[1]] ?? (run.metrics as any)[cmp[1]];
      const num = Number(cmp[3]);
      if (value === undefined) {
        ok = false;
      } else if (typeof value === 'number' && !isNaN(num)) {
        ok = {
          '>=': value >= num,
          '<=': value <= num,
          '>': value > num,
          '<': value < num,
          '=': value === num,
          '!=': value !== num
        }[cmp[2]]!;
      } else {
        ok =
          cmp[2] === '!=' ? String(value) !== cmp[3] : String(value) === cmp[3];
      }
    } else {
      const t = term.toLowerCase();
      ok =
        run.message.toLowerCase().includes(t) ||
        run.notebook.path.toLowerCase().includes(t) ||
        run.tags.some(x => x.toLowerCase().includes(t));
    }
    if (!ok) {
      return 'no';
    }
  }
  return true;
}

function sortKey(run: IFakeRun, key: string): unknown {
  if (key === 'created') {
    return run.id;
  }
  if (key === 'author') {
    return run.author.username;
  }
  if (key === 'notebook') {
    return run.notebook.path;
  }
  if (key === 'message') {
    return run.message;
  }
  const m = key.match(/^(param|metric)[.:](.+)$/);
  if (m) {
    return m[1] === 'param' ? run.params[m[2]] : run.metrics[m[2]];
  }
  return run.id;
}

export interface IFakeStore {
  runs: IFakeRun[];
  comments: Map<string, any[]>;
  requests: string[];
}

/** Serve the list/get/comments endpoints from *runs* for this page. */
export async function installFakeApi(
  page: Page,
  runs: IFakeRun[]
): Promise<IFakeStore> {
  const store: IFakeStore = { runs, comments: new Map(), requests: [] };
  const json = (route: Route, status: number, body: unknown) =>
    route.fulfill({
      status,
      contentType: 'application/json',
      body: JSON.stringify(body)
    });
  await page.route(/\/jupyter-ext\/api\/(snapshots|whoami)/, async route => {
    const url = new URL(route.request().url());
    const path = url.pathname.replace(/^.*\/jupyter-ext\/api\//, '');
    store.requests.push(`${route.request().method()} ${path}${url.search}`);
    if (path === 'whoami') {
      return json(route, 200, PEOPLE[0]);
    }
    if (path === 'snapshots') {
      const p = url.searchParams;
      const q = p.get('q') ?? '';
      let items = [...store.runs];
      if (q) {
        const errors = items.length ? matches(items[0], q) : true;
        if (typeof errors === 'string' && errors !== 'no') {
          return json(route, 400, { message: errors });
        }
        items = items.filter(r => matches(r, q) === true);
      }
      const since = p.get('since');
      if (since) {
        items = items.filter(r => r.id >= since);
      }
      const sort = p.get('sort') || '-created';
      const desc = sort.startsWith('-');
      const key = sort.replace(/^[-+]/, '');
      items.sort((a, b) => {
        const x = sortKey(a, key) as any;
        const y = sortKey(b, key) as any;
        if (x === y) {
          return desc ? (a.id < b.id ? 1 : -1) : a.id < b.id ? -1 : 1;
        }
        if (x === undefined) {
          return 1;
        }
        if (y === undefined) {
          return -1;
        }
        return (x < y ? -1 : 1) * (desc ? -1 : 1);
      });
      const offset = Number(p.get('cursor') || 0);
      const limit = Number(p.get('limit') || 50);
      const page = items.slice(offset, offset + limit);
      return json(route, 200, {
        items: page,
        cursor: offset + limit < items.length ? String(offset + limit) : null
      });
    }
    const m = path.match(/^snapshots\/([0-9A-Z]{26})(?:\/(\w+))?$/);
    const run = m && store.runs.find(r => r.id === m[1]);
    if (!m || !run) {
      return json(route, 404, { message: 'no such snapshot' });
    }
    if (!m[2]) {
      return json(route, 200, {
        ...run,
        format: 'jupyter-ext/snapshot@1',
        data: [
          {
            path: 'data/train.csv',
            hash: `sha256:${run.params.optimizer === 'adam' ? 'aa11' : 'bb22'}${'0'.repeat(60)}`,
            size: 1234,
            mode: 'read'
          }
        ],
        git: { commit: 'abc123def4567890', branch: 'main', dirty: false },
        environment: { python: '3.11.7', packages_count: 212, hostname: 'lab' },
        content: { cell_count: 3 }
      });
    }
    if (m[2] === 'notebook') {
      return json(route, 200, {
        nbformat: 4,
        nbformat_minor: 5,
        metadata: {},
        cells: [
          { id: 'c1', cell_type: 'markdown', source: '# Churn', metadata: {} },
          {
            id: 'c2',
            cell_type: 'code',
            source: `lr = ${run.params.lr}`,
            metadata: { tags: ['parameters'] },
            outputs: [],
            execution_count: 1
          },
          {
            id: 'c3',
            cell_type: 'code',
            source: 'train(lr)',
            metadata: {},
            outputs: [],
            execution_count: 2
          }
        ]
      });
    }
    if (m[2] === 'comments') {
      const list = store.comments.get(run.id) ?? [];
      if (route.request().method() === 'POST') {
        const body = JSON.parse(route.request().postData() || '{}');
        const comment = {
          id: ulid(Date.now(), list.length + 1),
          snapshot: run.id,
          author: PEOPLE[0],
          created: new Date().toISOString(),
          text: body.text,
          cell_id: body.cell_id ?? null
        };
        list.push(comment);
        store.comments.set(run.id, list);
        run.comment_count = list.length;
        return json(route, 201, comment);
      }
      return json(route, 200, { items: list });
    }
    return json(route, 404, { message: 'not found' });
  });
  return store;
}
