import { dayLabel } from '../common';
import {
  allValues,
  groupByDay,
  keyMetrics,
  keyParams
} from '../history/format';
import { HistoryModel } from '../history/model';
import { MemoryApi, summary } from './fakes';

// Local-time dates so the tests do not depend on the machine's time zone.
const now = new Date(2026, 10, 25, 15, 0, 0); // Wed 25 Nov 2026 15:00 local
const at = (d: number, h: number, m = 0) =>
  new Date(2026, 10, d, h, m).toISOString();

describe('groupByDay', () => {
  it('groups newest first under Today / Yesterday / dates', () => {
    const items = [
      summary({ id: 'a', created: at(24, 9) }),
      summary({ id: 'b', created: at(25, 14) }),
      summary({ id: 'c', created: at(25, 9) }),
      summary({ id: 'd', created: at(20, 9) }),
      summary({ id: 'e', created: at(24, 18) })
    ];
    const groups = groupByDay(items, now);
    expect(groups.map(g => g.label.split(',')[0])).toEqual([
      'Today',
      'Yesterday',
      dayLabel(new Date(2026, 10, 20), now).split(',')[0]
    ]);
    expect(groups.map(g => g.items.map(i => i.id))).toEqual([
      ['b', 'c'],
      ['e', 'a'],
      ['d']
    ]);
  });

  it('handles an empty list and bad dates', () => {
    expect(groupByDay([], now)).toEqual([]);
    const groups = groupByDay([summary({ id: 'x', created: 'garbage' })], now);
    expect(groups[0].label).toBe('Unknown date');
  });
});

describe('item formatting', () => {
  it('picks up to three key metrics, well-known ones first', () => {
    expect(
      keyMetrics({ zeta: 1, loss: 0.123456, accuracy: 0.93, f1: 0.9 })
    ).toEqual([
      { name: 'accuracy', value: '0.93' },
      { name: 'f1', value: '0.9' },
      { name: 'loss', value: '0.123456' }
    ]);
    expect(keyMetrics(undefined)).toEqual([]);
  });

  it('keeps the first parameters in the order the cell sets them, any JSON value', () => {
    const params = { model: 'gbm', lr: 0.0001, layers: [64, 32], seed: 1 };
    expect(keyParams(params)).toEqual([
      { name: 'model', value: 'gbm' },
      { name: 'lr', value: '1.000e-4' },
      { name: 'layers', value: '[64,32]' }
    ]);
    expect(allValues(params)).toBe(
      'model = gbm, lr = 1.000e-4, layers = [64,32], seed = 1'
    );
    expect(keyParams(null)).toEqual([]);
  });
});

describe('HistoryModel selection', () => {
  async function loaded() {
    const api = new MemoryApi();
    api.items['nb.ipynb'] = [
      summary({ id: 'old', created: at(23, 9) }),
      summary({ id: 'mid', created: at(24, 9) }),
      summary({ id: 'new', created: at(25, 9) })
    ];
    const model = new HistoryModel(api);
    await model.setNotebook('nb.ipynb');
    return { api, model };
  }

  it('plain click selects one, Ctrl-click toggles', async () => {
    const { model } = await loaded();
    model.click('new');
    expect(model.selected).toEqual(['new']);
    model.click('old', { toggle: true });
    expect(model.selected).toEqual(['new', 'old']);
    model.click('new', { toggle: true });
    expect(model.selected).toEqual(['old']);
    model.click('mid');
    expect(model.selected).toEqual(['mid']);
  });

  it('Shift-click selects the range in display order', async () => {
    const { model } = await loaded();
    model.click('new');
    model.click('old', { range: true });
    expect([...model.selected].sort()).toEqual(['mid', 'new', 'old']);
    expect(model.diffPair()).toBeNull(); // three selected: no diff
  });

  it('diffs exactly two, older as base', async () => {
    const { model } = await loaded();
    model.toggle('new');
    expect(model.diffPair()).toBeNull();
    model.toggle('old');
    const pair = model.diffPair()!;
    expect(pair.map(s => s.id)).toEqual(['old', 'new']);
  });

  it('drops vanished snapshots from the selection on refresh', async () => {
    const { api, model } = await loaded();
    model.toggle('new');
    model.toggle('old');
    api.items['nb.ipynb'] = api.items['nb.ipynb'].filter(i => i.id !== 'old');
    await model.refresh();
    expect(model.selected).toEqual(['new']);
    model.removeItem('new');
    expect(model.selected).toEqual([]);
    expect(model.items.map(i => i.id)).toEqual(['mid']);
  });

  it('clears the selection when switching notebooks', async () => {
    const { model } = await loaded();
    model.toggle('new');
    await model.setNotebook('other.ipynb');
    expect(model.selected).toEqual([]);
  });
});

describe('HistoryModel paging', () => {
  it('loads older snapshots on request and keeps them on refresh', async () => {
    const api = new MemoryApi();
    api.items['nb.ipynb'] = Array.from({ length: 5 }, (_, i) =>
      summary({ id: `id${i}`, created: at(25, 10 - i) })
    );
    api.pageSize = 2;
    const model = new HistoryModel(api);
    await model.setNotebook('nb.ipynb');
    expect(model.items.map(i => i.id)).toEqual(['id0', 'id1']);
    expect(model.hasMore).toBe(true);
    await model.loadMore();
    await model.loadMore();
    expect(model.items.map(i => i.id)).toEqual([
      'id0',
      'id1',
      'id2',
      'id3',
      'id4'
    ]);
    expect(model.hasMore).toBe(false);
    expect(api.queries[2].cursor).toBe('4');
    // a refresh asks for at least as many as are shown
    await model.refresh({ background: true });
    expect(api.queries[api.queries.length - 1].limit).toBeGreaterThanOrEqual(5);
  });
});
