import {
  ApiError,
  IAuthor,
  IListQuery,
  ISnapshotPage,
  ISnapshotSummary
} from '../api';
import {
  barChartSpec,
  chartableMetrics,
  DEFAULT_CHART_THEME,
  lineChartSpec,
  runLabel
} from '../teamRuns/charts';
import {
  IComment,
  IDiffResponse,
  IManifest,
  INotebookJSON,
  ITeamRunsApi
} from '../api';
import {
  arrangeColumns,
  cellText,
  columnGroups,
  moveColumn,
  RUN_COLUMNS,
  setHidden,
  shiftColumn,
  unionColumns
} from '../teamRuns/columns';
import { compareRecords, relationOf } from '../teamRuns/compare/rows';
import { runFacts, serverCodeHash } from '../teamRuns/compareView';
import { TeamRunsModel } from '../teamRuns/model';
import {
  buildListQuery,
  buildSinceQuery,
  nextSort,
  parseSort,
  sortParam,
  withTerm
} from '../teamRuns/query';
import { RowSelection } from '../teamRuns/selection';

let counter = 0;
/** ULID-like ids that sort by creation order. */
function nextId(): string {
  counter++;
  return `01JDX${String(counter).padStart(21, '0')}`;
}

function run(partial: Partial<ISnapshotSummary> = {}): ISnapshotSummary {
  const id = partial.id ?? nextId();
  return {
    id,
    created: '2026-11-25T10:00:00Z',
    author: { username: 'ana', name: 'Ana Ruiz', initials: 'AR' },
    message: `run ${id.slice(-3)}`,
    tags: [],
    notebook: { path: 'exp/churn.ipynb', name: 'churn.ipynb', key: 'k' },
    params: {},
    metrics: {},
    ...partial
  };
}

describe('columns', () => {
  it('unions params and metrics over rows, grouped and sorted by name', () => {
    const cols = unionColumns([
      run({ params: { lr: 0.1, epochs: 10 }, metrics: { accuracy: 0.9 } }),
      run({ params: { lr: 0.2, batch: 32 }, metrics: { loss: 0.3 } })
    ]);
    // what runs are compared on comes first, the run facts after
    expect(cols.map(c => c.id)).toEqual([
      'param.batch',
      'param.epochs',
      'param.lr',
      'metric.accuracy',
      'metric.loss',
      ...RUN_COLUMNS.map(c => c.id)
    ]);
    expect(columnGroups(cols).map(g => [g.label, g.span])).toEqual([
      ['params', 3],
      ['metrics', 2],
      ['run', RUN_COLUMNS.length]
    ]);
  });

  it('keeps known columns while paging and sorts names naturally', () => {
    const first = unionColumns([run({ params: { layer10: 1, layer2: 2 } })]);
    const next = unionColumns([run({ metrics: { f1: 0.5 } })], first);
    expect(next.filter(c => c.kind !== 'run').map(c => c.id)).toEqual([
      'param.layer2',
      'param.layer10',
      'metric.f1'
    ]);
  });

  it('applies the saved order and hidden columns; new columns join their group', () => {
    const all = unionColumns([
      run({ params: { lr: 1, epochs: 2 }, metrics: { acc: 1, loss: 2 } })
    ]);
    const layout = {
      order: ['message', 'metric.acc', 'created', 'param.lr', 'gone.column'],
      hidden: ['tags'],
      pinned: []
    };
    const ids = arrangeColumns(all, layout).map(c => c.id);
    const known = ['message', 'metric.acc', 'created', 'param.lr'];
    expect(ids.filter(id => known.includes(id))).toEqual([
      'message',
      'metric.acc',
      'created',
      'param.lr'
    ]);
    // epochs (unknown to the layout) goes after the last param; loss after the last metric
    expect(ids.indexOf('param.epochs')).toBe(ids.indexOf('param.lr') + 1);
    expect(ids.indexOf('metric.loss')).toBe(ids.indexOf('metric.acc') + 1);
    expect(ids).not.toContain('tags');
    expect(ids).not.toContain('gone.column');
    expect(arrangeColumns(all, layout, true).map(c => c.id)).toContain('tags');
  });

  it('moves, shifts and hides columns', () => {
    const all = unionColumns([run({ params: { lr: 1 } })]);
    const empty = { order: [], hidden: [], pinned: [] };
    const moved = moveColumn(all, empty, 'param.lr', 'created');
    expect(arrangeColumns(all, moved)[0].id).toBe('param.lr');
    const right = shiftColumn(all, moved, 'param.lr', 1);
    expect(
      arrangeColumns(all, right)
        .slice(0, 2)
        .map(c => c.id)
    ).toEqual(['created', 'param.lr']);
    // shifting past the edge is a no-op
    expect(shiftColumn(all, moved, 'param.lr', -1)).toBe(moved);
    const hidden = setHidden(right, 'author', true);
    expect(arrangeColumns(all, hidden).map(c => c.id)).not.toContain('author');
    expect(
      arrangeColumns(all, setHidden(hidden, 'author', false)).map(c => c.id)
    ).toContain('author');
  });

  it('renders cell text', () => {
    const r = run({
      params: { lr: 0.000012345, name: 'sgd', layers: [1, 2] },
      metrics: { acc: 0.912345678 },
      tags: ['a', 'b'],
      comment_count: 3
    });
    const cols = unionColumns([r]);
    const text = (id: string) =>
      cellText(
        r,
        cols.find(c => c.id === id)!
      );
    expect(text('param.lr')).toBe('1.234e-5');
    expect(text('param.name')).toBe('sgd');
    expect(text('param.layers')).toBe('[1,2]');
    expect(text('metric.acc')).toBe('0.912346');
    expect(text('tags')).toBe('a, b');
    expect(text('comments')).toBe('3');
    expect(text('author')).toBe('AR'); // compact: the full name is the title
  });
});

describe('query building', () => {
  it('builds list queries with server sort keys', () => {
    expect(
      buildListQuery({
        q: '  author:ana   lr>0.01 ',
        sort: { key: 'metric.accuracy', descending: true },
        limit: 100,
        cursor: 'abc'
      })
    ).toEqual({
      q: 'author:ana lr>0.01',
      sort: '-metric.accuracy',
      limit: 100,
      cursor: 'abc'
    });
    expect(
      buildListQuery({
        q: '',
        sort: { key: 'created', descending: true },
        limit: 50
      })
    ).toEqual({ sort: '-created', limit: 50 });
    expect(sortParam({ key: 'param.lr', descending: false })).toBe('param.lr');
    expect(sortParam({ key: 'author', descending: true })).toBe('-author');
    expect(parseSort('-metric:accuracy')).toEqual({
      key: 'metric.accuracy',
      descending: true
    });
  });

  it('builds the live-update query from the newest id and keeps the filter', () => {
    expect(buildSinceQuery({ q: 'tag:x', since: '01JDX', limit: 200 })).toEqual(
      { q: 'tag:x', since: '01JDX', limit: 200, sort: '-created' }
    );
  });

  it('flips the direction on the same column, numbers start descending', () => {
    const s = { key: 'created', descending: true };
    expect(nextSort(s, 'created', true)).toEqual({
      key: 'created',
      descending: false
    });
    expect(nextSort(s, 'author', false)).toEqual({
      key: 'author',
      descending: false
    });
    expect(nextSort(s, 'metric.acc', true)).toEqual({
      key: 'metric.acc',
      descending: true
    });
  });

  it('adds or replaces a field term', () => {
    expect(withTerm('lr>0.1 author:bob', 'author', 'Ana Ruiz')).toBe(
      'lr>0.1 author:"Ana Ruiz"'
    );
    expect(withTerm('', 'tag', 'baseline')).toBe('tag:baseline');
  });
});

describe('RowSelection', () => {
  const order = ['a', 'b', 'c', 'd', 'e'];

  it('selects, toggles and extends ranges from the anchor', () => {
    const s = new RowSelection();
    let changes = 0;
    s.changed.connect(() => changes++);
    s.select('b');
    expect(s.ids).toEqual(['b']);
    s.extend('d', order);
    expect(s.ids.sort()).toEqual(['b', 'c', 'd']);
    s.extend('a', order); // range from the anchor b, replacing
    expect(s.ids.sort()).toEqual(['a', 'b']);
    s.toggle('e'); // ctrl-click adds
    expect(s.ids.sort()).toEqual(['a', 'b', 'e']);
    s.toggle('a'); // and removes
    expect(s.ids.sort()).toEqual(['b', 'e']);
    s.extend('c', order, true); // ctrl+shift adds the range a..c from anchor a
    expect(s.ids.sort()).toEqual(['a', 'b', 'c', 'e']);
    s.selectAll(order);
    expect(s.size).toBe(5);
    s.clear();
    expect(s.size).toBe(0);
    expect(changes).toBe(8);
  });
});

describe('compare', () => {
  it('marks rows that differ and the values that changed from the first run', () => {
    const rows = compareRecords([
      { lr: 0.1, epochs: 10, opt: { name: 'adam' } },
      { lr: 0.2, epochs: 10, opt: { name: 'adam' } },
      { lr: 0.1, opt: { name: 'adam' } }
    ]);
    const byName = Object.fromEntries(rows.map(r => [r.name, r]));
    expect(byName.lr.differs).toBe(true);
    expect(byName.lr.changed).toEqual([false, true, false]);
    expect(byName.epochs.differs).toBe(true);
    expect(byName.epochs.present).toEqual([true, true, false]);
    expect(byName.epochs.changed).toEqual([false, false, true]);
    expect(byName.opt.differs).toBe(false);
    expect(
      compareRecords(
        [
          { a: 1, b: 1 },
          { a: 1, b: 2 }
        ],
        true
      ).map(r => r.name)
    ).toEqual(['b', 'a']);
  });

  it('takes the code fingerprint from the server (manifest or summary)', () => {
    const hash = `sha256:${'a'.repeat(64)}`;
    expect(serverCodeHash({ content: { code_hash: hash } })).toBe(hash);
    expect(serverCodeHash({ code_hash: hash })).toBe(hash);
    expect(serverCodeHash({ content: { cell_count: 3 } })).toBeNull();
    expect(serverCodeHash({ code_hash: null })).toBeNull();
  });

  it('relates runs by code and the server run diff of their data', () => {
    const changed = {
      path: 'train.csv',
      change: 'content-changed',
      base_hash: 'sha256:aaaaaaaaaaaa',
      remote_hash: 'sha256:bbbbbbbbbbbb',
      base_size: 8,
      remote_size: 12
    };
    const same = { ...changed, change: 'unchanged', remote_hash: 'sha256:aa' };
    const A = { id: 'A', code: 'c1' };
    const sameCode = relationOf(A, { id: 'B', code: 'c1' }, [changed]);
    expect(sameCode).toMatchObject({
      a: 'A',
      b: 'B',
      kind: 'same-code-different-data'
    });
    expect(sameCode!.details).toEqual([
      'train.csv: content changed (8 B → 12 B; aaaaaaa → bbbbbbb)'
    ]);
    expect(relationOf(A, { id: 'C', code: 'c2' }, [same])).toMatchObject({
      kind: 'same-data-different-code',
      details: []
    });
    // identical code and data, no data at all, or unknown code: nothing to say
    expect(relationOf(A, { id: 'B', code: 'c1' }, [same])).toBeNull();
    expect(relationOf(A, { id: 'C', code: 'c2' }, [])).toBeNull();
    expect(relationOf(A, { id: 'D', code: null }, [changed])).toBeNull();
  });

  it('lists run facts for the comparison', () => {
    const facts = runFacts({
      ...run(),
      kernel: { display_name: 'Python 3' },
      git: { commit: '0123456789abcdef', dirty: true, branch: 'main' },
      environment: { python: '3.11.7', packages_count: 212 },
      data: [{ path: 'd.csv', hash: 'sha256:ab' }]
    } as IManifest);
    expect(facts).toMatchObject({
      kernel: 'Python 3',
      'git commit': '0123456789 (dirty)',
      'git branch': 'main',
      python: '3.11.7',
      packages: 212,
      'data: d.csv': 'sha256:ab'
    });
  });
});

describe('charts', () => {
  const theme = {
    ...DEFAULT_CHART_THEME,
    foreground: '#eee',
    primary: '#42a5f5',
    background: '#111'
  };

  it('builds a themed bar chart of a metric across runs', () => {
    const spec: any = barChartSpec(
      'accuracy',
      [
        { id: 'a', label: '#1 base', value: 0.9, author: 'Ana', created: 't1' },
        { id: 'b', label: '#2 lr', value: 0.95, author: 'Bo', created: 't2' }
      ],
      theme
    );
    expect(spec.$schema).toContain('vega-lite/v5');
    expect(spec.mark.type).toBe('bar');
    expect(spec.mark.color).toBe('#42a5f5');
    expect(spec.config.background).toBe('#111');
    expect(spec.config.axis.titleColor).toBe('#eee');
    expect(spec.data.values.map((v: any) => [v.run, v.value])).toEqual([
      ['#1 base', 0.9],
      ['#2 lr', 0.95]
    ]);
    expect(spec.encoding.x.title).toBe('accuracy');
  });

  it('builds a line chart over time with the selected runs highlighted', () => {
    const spec: any = lineChartSpec(
      'loss',
      'exp/churn.ipynb',
      [
        {
          id: 'b',
          created: '2026-11-25T11:00:00Z',
          value: 0.2,
          label: 'b',
          author: 'x',
          selected: true
        },
        {
          id: 'a',
          created: '2026-11-25T10:00:00Z',
          value: 0.3,
          label: 'a',
          author: 'x',
          selected: false
        }
      ],
      theme
    );
    expect(spec.data.values.map((v: any) => [v.id, v.selected])).toEqual([
      ['a', 'other'],
      ['b', 'selected']
    ]);
    expect(spec.layer[0].mark.type).toBe('line');
    expect(spec.layer[1].encoding.color.scale.range).toEqual([
      theme.highlight,
      theme.primary
    ]);
  });

  it('offers the metrics the runs have, most common first', () => {
    expect(
      chartableMetrics([
        { metrics: { acc: 1, loss: 2 } },
        { metrics: { loss: 1, bad: NaN } }
      ])
    ).toEqual(['loss', 'acc']);
    expect(runLabel({ id: '01JDXABCDEF', message: '' }, 0)).toBe('#1 abcdef');
  });
});

/** An in-memory store behind the API interface. */
class FakeApi implements ITeamRunsApi {
  constructor(public runs: ISnapshotSummary[]) {}
  calls: IListQuery[] = [];
  badQuery = false;
  /** What `GET comments/counts` answers (teammates' comments included). */
  counts: Record<string, number> = {};

  async list(query: IListQuery): Promise<ISnapshotPage> {
    this.calls.push(query);
    if (this.badQuery && query.q) {
      throw new ApiError(
        "unknown operator '=>' at position 4 — did you mean '>='?",
        400
      );
    }
    let items = [...this.runs].sort((a, b) => (a.id < b.id ? 1 : -1));
    if (query.since) {
      items = items.filter(r => r.id >= query.since!);
    }
    if (query.q) {
      items = items.filter(r => r.message.includes(query.q!));
    }
    const start = query.cursor ? Number(query.cursor) : 0;
    const limit = query.limit ?? 50;
    const page = items.slice(start, start + limit);
    return {
      items: page,
      cursor: start + limit < items.length ? String(start + limit) : null
    };
  }
  get(id: string): Promise<IManifest> {
    return Promise.resolve(this.runs.find(r => r.id === id) as IManifest);
  }
  notebook(): Promise<INotebookJSON> {
    return Promise.resolve({ cells: [] });
  }
  comments(): Promise<IComment[]> {
    return Promise.resolve([]);
  }
  addComment(): Promise<IComment> {
    throw new Error('not used');
  }
  commentCounts(): Promise<Record<string, number>> {
    return Promise.resolve({ ...this.counts });
  }
  restore(): Promise<{ path: string }> {
    throw new Error('not used');
  }
  diff(): Promise<IDiffResponse> {
    throw new Error('not used');
  }
  whoami(): Promise<IAuthor> {
    return Promise.resolve({ username: 'ana', name: 'Ana' });
  }
  // Nothing re-run, no lineage, no files kept.
  verifications: ITeamRunsApi['verifications'] = async () => [];
  lineage: ITeamRunsApi['lineage'] = async () => ({
    upstream: [],
    downstream: []
  });
  artifacts: ITeamRunsApi['artifacts'] = async () => [];
  artifact: ITeamRunsApi['artifact'] = () => {
    throw new Error('not used');
  };
  environmentFile: ITeamRunsApi['environmentFile'] = () => {
    throw new Error('not used');
  };
}

describe('TeamRunsModel', () => {
  const many = (n: number) =>
    Array.from({ length: n }, (_, i) =>
      run({
        message: `m${i}`,
        params: i === n - 1 ? { late: 1 } : { lr: i }
      })
    );

  it('loads pages with a cursor, de-duplicates, and grows columns', async () => {
    const api = new FakeApi(many(25));
    const model = new TeamRunsModel({ api, pageSize: 10 });
    await model.reload();
    expect(model.rows.length).toBe(10);
    expect(model.hasMore).toBe(true);
    // the newest run (last created) has the param "late"
    expect(model.columns.map(c => c.id)).toContain('param.late');
    await model.loadMore();
    await model.loadMore();
    expect(model.rows.length).toBe(25);
    expect(model.hasMore).toBe(false);
    expect(new Set(model.rowIds()).size).toBe(25);
    await model.loadMore(); // at the end: no request
    expect(api.calls.length).toBe(3);
  });

  it('shows a bad query message without losing the rows', async () => {
    const api = new FakeApi(many(3));
    const model = new TeamRunsModel({ api });
    await model.reload();
    api.badQuery = true;
    await model.setQuery('lr=>0.1');
    expect(model.state).toBe('ready');
    expect(model.queryError).toContain("did you mean '>='");
    expect(model.rows.length).toBe(3);
    api.badQuery = false;
    await model.setQuery('m1');
    expect(model.queryError).toBe('');
    expect(model.rows.map(r => r.message)).toEqual(['m1']);
  });

  it('marks the new sort in the header once its rows are shown', async () => {
    const api = new FakeApi(many(3));
    const model = new TeamRunsModel({ api });
    await model.reload();
    const sorting = model.setSort({ key: 'param.lr', descending: true });
    expect(model.shownSort.key).toBe('created');
    await sorting;
    expect(model.shownSort).toEqual({ key: 'param.lr', descending: true });
  });

  it('sends the sort to the server in its documented spelling', async () => {
    const api = new FakeApi(many(3));
    const model = new TeamRunsModel({ api });
    await model.setSort({ key: 'param.lr', descending: true });
    expect(model.state).toBe('ready');
    expect(api.calls.map(c => c.sort)).toContain('-param.lr');
    expect(api.calls.map(c => c.sort)).not.toContain('-param:lr');
  });

  it('puts new runs at the top when at the top, else counts them as pending', async () => {
    const api = new FakeApi(many(3));
    const model = new TeamRunsModel({ api });
    await model.reload();
    const newest = model.newestId;
    const prepended: string[][] = [];
    model.rowsPrepended.connect((_, ids) => prepended.push(ids));

    const r1 = run({ message: 'live one' });
    api.runs.push(r1);
    expect(await model.checkNew()).toBe(1);
    expect(api.calls[api.calls.length - 1].since).toBe(newest);
    expect(model.rows[0].id).toBe(r1.id);
    expect(model.fresh.has(r1.id)).toBe(true);
    expect(prepended).toEqual([[r1.id]]);
    expect(await model.checkNew()).toBe(0); // since is inclusive: no duplicate

    model.atTop = false; // the user scrolled away
    const r2 = run({ message: 'live two' });
    const r3 = run({ message: 'live three' });
    api.runs.push(r2, r3);
    expect(await model.checkNew()).toBe(2);
    expect(model.pending.map(r => r.id)).toEqual([r3.id, r2.id]);
    expect(model.rows[0].id).toBe(r1.id);
    await model.showPending();
    expect(model.pending.length).toBe(0);
    expect(model.rows.slice(0, 3).map(r => r.id)).toEqual([
      r3.id,
      r2.id,
      r1.id
    ]);
  });

  it('keeps new runs pending while sorted by something else', async () => {
    const api = new FakeApi(many(2));
    const model = new TeamRunsModel({ api });
    await model.setSort({ key: 'author', descending: false });
    api.runs.push(run());
    expect(await model.checkNew()).toBe(1);
    expect(model.pending.length).toBe(1);
    await model.showPending(); // where the sort puts it: the sort is kept
    expect(model.sort).toEqual({ key: 'author', descending: false });
    expect(model.rows.length).toBe(3);
  });

  it('does not lose a run that lands while a sorted page loads', async () => {
    const api = new FakeApi(many(2));
    const model = new TeamRunsModel({ api });
    await model.reload();
    // A teammate's run lands right after the server answered the sorted page.
    const list = api.list.bind(api);
    api.list = async query => {
      const page = await list(query);
      if (query.sort === 'author') {
        api.runs.push(run({ message: 'landed meanwhile' }));
      }
      return page;
    };
    await model.setSort({ key: 'author', descending: false });
    expect(model.rows.map(r => r.message)).not.toContain('landed meanwhile');
    expect(await model.checkNew()).toBe(1);
    expect(model.pending.map(r => r.message)).toEqual(['landed meanwhile']);
  });

  it('persists layout changes and patches rows', async () => {
    const api = new FakeApi(many(2));
    const model = new TeamRunsModel({ api });
    await model.reload();
    const saved: unknown[] = [];
    model.layoutChanged.connect((_, l) => saved.push(l));
    model.setLayout({ order: ['message'], hidden: ['tags'], pinned: [] });
    expect(model.columns[0].id).toBe('message');
    expect(model.columns.map(c => c.id)).not.toContain('tags');
    expect(saved.length).toBe(1);
    model.setLayout({ order: [], hidden: [] }, false);
    expect(saved.length).toBe(1);
    const id = model.rows[0].id;
    model.updateRow(id, { comment_count: 2 });
    expect(model.row(id)?.comment_count).toBe(2);
  });

  it('updates the comment counts of loaded and pending rows from the live poll', async () => {
    const api = new FakeApi(many(3));
    const model = new TeamRunsModel({ api });
    await model.reload();
    const [first, second] = model.rows;
    const updated: string[][] = [];
    let changed = 0;
    model.rowsUpdated.connect((_, ids) => updated.push(ids));
    model.changed.connect(() => changed++);

    api.counts = { [second.id]: 2 }; // a teammate commented twice on a shown run
    expect(await model.checkComments()).toBe(1);
    expect(model.row(second.id)?.comment_count).toBe(2);
    expect(model.row(first.id)?.comment_count ?? 0).toBe(0);
    expect(model.rows.map(r => r.id)).toEqual([
      first.id,
      second.id,
      model.rows[2].id
    ]);
    expect(updated).toEqual([[second.id]]); // just that row, no whole-table change
    expect(changed).toBe(0);
    expect(await model.checkComments()).toBe(0); // nothing new: no signal
    expect(updated.length).toBe(1);

    model.atTop = false; // a new run waits in `pending`; its count is kept current too
    const late = run({ message: 'late' });
    api.runs.push(late);
    await model.checkNew();
    api.counts = { [second.id]: 3, [late.id]: 1 };
    expect(await model.checkComments()).toBe(1);
    expect(model.row(second.id)?.comment_count).toBe(3);
    await model.showPending();
    expect(model.row(late.id)?.comment_count).toBe(1);
  });

  it('reports a server error', async () => {
    const api = new FakeApi([]);
    api.list = () => Promise.reject(new ApiError('store unreachable', 503));
    const model = new TeamRunsModel({ api });
    await model.reload();
    expect(model.state).toBe('error');
    expect(model.error).toBe('store unreachable');
  });
});
