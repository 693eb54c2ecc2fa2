/**
 * The Team runs layout as a person meets it: fitted widths, "only columns that
 * differ", pinned columns, step curves, the saved layout, new runs shown where
 * the sort puts them, one request per query edit, extra filter terms, verdicts.
 */
import { ApiError, IListQuery, ISnapshotPage, ISnapshotSummary } from '../api';
import type { ITeamRunsApi } from '../api';
import { arrangeColumns, unionColumns } from '../teamRuns/columns';
import {
  differingColumns,
  fitColumnWidths,
  fitWidth,
  pinnedOffsets,
  withSparklines
} from '../teamRuns/layout';
import { parseLayout } from '../teamRuns/layoutState';
import { TeamRunsModel } from '../teamRuns/model';
import { insertSorted } from '../teamRuns/query';
import { sparkPoints } from '../teamRuns/sparkline';

let counter = 0;
function run(partial: Partial<ISnapshotSummary> = {}): ISnapshotSummary {
  counter++;
  const id = partial.id ?? `01JDY${String(counter).padStart(21, '0')}`;
  return {
    id,
    created: '2026-11-25T10:00:00Z',
    author: { username: 'ana', name: 'Ana Ruiz' },
    message: `run ${counter}`,
    tags: [],
    notebook: { path: 'exp/churn.ipynb', name: 'churn.ipynb', key: 'k' },
    params: {},
    metrics: {},
    ...partial
  };
}

/** The list endpoint only (a bad query answers 400, as the server does). */
class ListApi {
  constructor(public runs: ISnapshotSummary[]) {}
  calls: IListQuery[] = [];
  async list(query: IListQuery): Promise<ISnapshotPage> {
    this.calls.push(query);
    if (query.q?.includes('=>')) {
      throw new ApiError("unknown operator '=>' at position 4", 400);
    }
    let items = [...this.runs].sort((a, b) => (a.id < b.id ? 1 : -1));
    const metric = query.sort?.match(/^-metric\.(.+)$/)?.[1];
    if (metric) {
      const value = (r: ISnapshotSummary) => Number(r.metrics?.[metric] ?? -1);
      items = items.sort((a, b) => value(b) - value(a));
    }
    return { items: items.slice(0, query.limit ?? 50), cursor: null };
  }
}

function model(runs: ISnapshotSummary[], verdicts?: () => Promise<never>) {
  const api = new ListApi(runs);
  const m = new TeamRunsModel({
    api: api as unknown as ITeamRunsApi,
    verdicts
  });
  return { api, model: m };
}

describe('Team runs layout', () => {
  it('fits a width to the widest text, within bounds', () => {
    const measure = (t: string) => t.length * 10;
    expect(fitWidth(['ab', 'abcdef'], measure)).toBe(80); // 60 + 20 padding
    expect(fitWidth([''], measure)).toBe(44); // the minimum
    expect(fitWidth(['x'.repeat(100)], measure)).toBe(260); // the cap
    const rows = [run({ params: { lr: 0.001 } }), run({ params: { lr: 0.1 } })];
    const widths = fitColumnWidths(rows, unionColumns(rows), measure);
    // "lr" is short, its values longer: the values decide
    expect(widths.get('param.lr')).toBe(70);
    // the author column holds only initials: compact, not the full name
    expect(widths.get('author')).toBeLessThan(80);
  });

  it('keeps only the parameters and metrics that differ', () => {
    const rows = [
      run({ params: { lr: 0.1, epochs: 3 }, metrics: { acc: 0.8, f1: 1 } }),
      run({ params: { lr: 0.2, epochs: 3 }, metrics: { acc: 0.9, f1: 1 } })
    ];
    const all = withSparklines(unionColumns(rows), {
      order: [],
      hidden: [],
      sparklines: ['acc', 'f1']
    });
    const ids = differingColumns(rows, all).map(c => c.id);
    expect(ids).toContain('param.lr');
    expect(ids).toContain('metric.acc');
    expect(ids).toContain('spark.acc');
    expect(ids).not.toContain('param.epochs');
    expect(ids).not.toContain('metric.f1');
    expect(ids).not.toContain('spark.f1');
    expect(ids).toContain('created'); // run facts always stay
    // one run: nothing can differ, all are kept
    expect(differingColumns(rows.slice(0, 1), all)).toHaveLength(all.length);
  });

  it('pins parameters and metrics first, but never past most of the view', () => {
    const rows = [run({ params: { a: 1, b: 2 }, metrics: { m: 1 } })];
    const layout = { order: ['created'], hidden: [] };
    const cols = arrangeColumns(unionColumns(rows), layout).map(c => ({
      ...c,
      width: 100
    }));
    expect(cols.slice(0, 3).map(c => c.id)).toEqual([
      'param.a',
      'param.b',
      'metric.m'
    ]);
    const wide = pinnedOffsets(cols, layout, 36, 2000);
    expect([...wide.entries()]).toEqual([
      ['param.a', 36],
      ['param.b', 136],
      ['metric.m', 236]
    ]);
    expect([...pinnedOffsets(cols, layout, 36, 300).keys()]).toEqual([
      'param.a'
    ]);
    const unpinned = { ...layout, pinned: [] };
    expect(pinnedOffsets(cols, unpinned, 36, 2000).size).toBe(0);
  });

  it('reads a saved layout back, dropping what is malformed', () => {
    const fallback = { order: [], hidden: [] };
    expect(parseLayout(null, fallback)).toBe(fallback);
    const layout = parseLayout(
      {
        order: ['metric.acc', 3],
        hidden: ['tags'],
        widths: { 'param.lr': 120, bad: 'x', tiny: 2 },
        pinned: ['param.lr'],
        differOnly: true,
        sparklines: ['loss'],
        sort: { key: 'metric.acc', descending: true }
      },
      fallback
    );
    expect(layout).toEqual({
      order: [],
      hidden: ['tags'],
      widths: { 'param.lr': 120 },
      pinned: ['param.lr'],
      differOnly: true,
      sparklines: ['loss'],
      sort: { key: 'metric.acc', descending: true }
    });
  });

  it('draws a step curve over the steps, a dot for one value', () => {
    const three = sparkPoints(
      [
        [1, 0.5],
        [2, 0.7],
        [3, 0.6]
      ],
      72,
      18
    );
    expect(three).toHaveLength(3);
    expect(three[0][0]).toBeLessThan(three[1][0]);
    expect(three[1][1]).toBeLessThan(three[0][1]); // higher value, higher on screen
    expect(sparkPoints([[1, 0.9]], 72, 18)).toEqual([[36, 9]]);
  });
});

describe('Team runs model', () => {
  it('puts new runs where the sort puts them, keeping the sort', async () => {
    const rows = [0.9, 0.7, 0.5].map(acc => run({ metrics: { acc } }));
    const sort = { key: 'metric.acc', descending: true };
    const fresh = run({ metrics: { acc: 0.8 } });
    const none = run();
    const { rows: merged, at } = insertSorted(rows, [fresh, none], sort);
    expect(merged.map(r => r.metrics?.acc ?? null)).toEqual([
      0.9,
      0.8,
      0.7,
      0.5,
      null
    ]);
    expect(at).toEqual([1, 4]);

    const { api, model: m } = model(rows);
    await m.setSort(sort);
    m.atTop = false;
    api.runs.push(fresh);
    expect(await m.checkNew()).toBe(1);
    const inserted: number[][] = [];
    m.rowsInserted.connect((_, indices) => inserted.push(indices));
    m.selection.select(rows[2].id);
    await m.showPending();
    expect(m.sort).toEqual(sort);
    expect(m.rows.map(r => r.id).indexOf(fresh.id)).toBe(1);
    expect(inserted).toEqual([[1]]);
    expect(m.selection.ids).toEqual([rows[2].id]);
  });

  it('sends one request for an invalid query, whatever the sort', async () => {
    const { api, model: m } = model([run(), run()]);
    await m.setSort({ key: 'metric.acc', descending: true });
    api.calls = [];
    await m.setQuery('acc=>0.5');
    expect(api.calls).toHaveLength(1);
    expect(m.queryError).toBe("unknown operator '=>' at position 4");
    await m.setQuery('acc=>0.5 '); // the same query: nothing sent
    expect(api.calls).toHaveLength(1);
  });

  it('ANDs the terms of other views with the typed query', async () => {
    const { api, model: m } = model([run()]);
    await m.setQuery('tag:x');
    await m.setExtraFilter('sweep', ['lr>=0.01', 'lr<=0.1'], 'lr 0.01–0.1');
    expect(api.calls[api.calls.length - 1].q).toBe('tag:x lr>=0.01 lr<=0.1');
    expect(m.extraFilters.map(f => f.label)).toEqual(['lr 0.01–0.1']);
    expect(m.query).toBe('tag:x'); // the box keeps what the user typed
    await m.setExtraFilter('sweep', [], '');
    expect(api.calls[api.calls.length - 1].q).toBe('tag:x');
    expect(m.extraFilters).toHaveLength(0);
  });

  it('asks the verdicts once per loaded page', async () => {
    const r = run();
    let asked = 0;
    const verdicts = async () => {
      asked++;
      return {
        [r.id]: { verdict: 'reproduced', verification: 'v1' }
      } as never;
    };
    const { model: m } = model([r, run()], verdicts);
    const updated: string[][] = [];
    m.rowsUpdated.connect((_, ids) => updated.push(ids));
    await m.reload();
    await new Promise(resolve => setTimeout(resolve, 0));
    expect(asked).toBe(1);
    expect(m.verdict(r.id)?.verdict).toBe('reproduced');
    expect(updated).toEqual([[r.id]]);
  });

  it('starts from the saved sort and saves a new one', async () => {
    const { api, model: m } = model([run()]);
    void api;
    const saved = new TeamRunsModel({
      api: new ListApi([run()]) as unknown as ITeamRunsApi,
      layout: {
        order: [],
        hidden: [],
        sort: { key: 'author', descending: false }
      }
    });
    expect(saved.sort).toEqual({ key: 'author', descending: false });
    const layouts: unknown[] = [];
    m.layoutChanged.connect((_, l) => layouts.push(l.sort));
    await m.setSort({ key: 'message', descending: true });
    expect(layouts).toEqual([{ key: 'message', descending: true }]);
  });
});

describe('ITeamRunsFilter', () => {
  it('adds the terms to every open table and to tables opened later', async () => {
    const { TeamRunsFilter } = await import('../teamRuns/filter');
    const open = model([run()]);
    const filter = new TeamRunsFilter(() => [open.model]);
    filter.setExtraTerms('sweep', ['lr>=0.01'], 'lr ≥ 0.01');
    await new Promise(resolve => setTimeout(resolve, 0));
    expect(open.api.calls[open.api.calls.length - 1].q).toBe('lr>=0.01');
    const later = model([run()]);
    filter.apply(later.model);
    expect(later.model.extraFilters.map(f => f.label)).toEqual(['lr ≥ 0.01']);
    filter.setExtraTerms('sweep', [], '');
    await new Promise(resolve => setTimeout(resolve, 0));
    expect(open.model.extraFilters).toHaveLength(0);
  });
});
