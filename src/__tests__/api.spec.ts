import { ApiError, buildQuery, ISnapshotPage, SnapshotApi } from '../api';
import { HistoryModel } from '../historyPanel';
import { parseTags } from '../snapshotDialog';

describe('buildQuery', () => {
  it('encodes values and skips empty ones', () => {
    expect(
      buildQuery({
        notebook: 'dir/a b.ipynb',
        author: '',
        limit: 5,
        q: undefined
      })
    ).toBe('?notebook=dir%2Fa%20b.ipynb&limit=5');
    expect(buildQuery({})).toBe('');
  });

  it('encodes query-language operators so the server sees them verbatim', () => {
    expect(buildQuery({ q: 'lr>0.01 tag:base&x' })).toBe(
      '?q=lr%3E0.01%20tag%3Abase%26x'
    );
  });
});

describe('parseTags', () => {
  it('splits on commas and spaces, trims and de-duplicates', () => {
    expect(parseTags(' baseline, lr-sweep  baseline,,')).toEqual([
      'baseline',
      'lr-sweep'
    ]);
    expect(parseTags('')).toEqual([]);
  });
});

/** An API whose list() answers from memory: the model logic is what is under test. */
class MemoryApi extends SnapshotApi {
  calls: string[] = [];
  fail = false;
  async list(query: { notebook?: string } = {}): Promise<ISnapshotPage> {
    this.calls.push(query.notebook ?? '');
    if (this.fail) {
      throw new ApiError('store unreachable', 503);
    }
    return {
      items: [
        {
          id: '01JDX0000000000000000000AB',
          created: '2026-11-25T10:00:00Z',
          author: { username: 'ana', name: 'Ana' },
          message: `run of ${query.notebook}`,
          tags: [],
          notebook: { path: query.notebook ?? '', name: 'x', key: 'x' },
          params: {},
          metrics: {}
        }
      ],
      cursor: null
    };
  }
}

describe('HistoryModel', () => {
  it('follows the active notebook and loads its snapshots', async () => {
    const api = new MemoryApi();
    const model = new HistoryModel(api);
    let changes = 0;
    model.changed.connect(() => changes++);
    await model.setNotebook('a.ipynb');
    expect(model.state).toBe('ready');
    expect(model.items.map(i => i.message)).toEqual(['run of a.ipynb']);
    await model.setNotebook('a.ipynb'); // same notebook: no reload
    expect(api.calls).toEqual(['a.ipynb']);
    expect(changes).toBeGreaterThan(0);
  });

  it('shows the server message when loading fails', async () => {
    const api = new MemoryApi();
    api.fail = true;
    const model = new HistoryModel(api);
    await model.setNotebook('b.ipynb');
    expect(model.state).toBe('error');
    expect(model.error).toBe('store unreachable');
  });

  it('is idle without a notebook', async () => {
    const model = new HistoryModel(new MemoryApi());
    await model.setNotebook(null);
    expect(model.state).toBe('idle');
    expect(model.items).toEqual([]);
  });
});
