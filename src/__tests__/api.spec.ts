import { ApiError, buildQuery, diffQuery, SnapshotClient } from '../api';
import { HistoryModel } from '../historyPanel';
import {
  describeFindings,
  mergeRecentTags,
  parseTags
} from '../snapshotDialog';
import { fakeServer, MemoryApi, summary } from './fakes';

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

describe('diffQuery', () => {
  it('sends only the ignore_* flags that are on', () => {
    expect(diffQuery('01A', 'exp/nb.ipynb')).toBe(
      '?base=01A&remote=exp%2Fnb.ipynb'
    );
    expect(
      diffQuery('01A', '01B', { ignoreOutputs: true, ignoreMetadata: false })
    ).toBe('?base=01A&remote=01B&ignore_outputs=1');
    expect(
      diffQuery('01A', '01B', {
        ignoreOutputs: true,
        ignoreMetadata: true,
        ignoreExecutionCount: true,
        ignoreWhitespace: true
      })
    ).toBe(
      '?base=01A&remote=01B&ignore_outputs=1&ignore_metadata=1&ignore_execution_count=1&ignore_whitespace=1'
    );
  });
});

describe('SnapshotClient requests', () => {
  it('builds URLs under /jupyter-ext/api and sends JSON bodies', async () => {
    const { settings, requests } = fakeServer(req => {
      if (req.url.includes('secrets-scan')) {
        return {
          status: 200,
          body: JSON.stringify({
            findings: [
              { cell_index: 2, where: 'output', kind: 'AWS key', line: null }
            ]
          })
        };
      }
      if (req.url.endsWith('/whoami')) {
        return { status: 200, body: '{"username":"ana","name":"Ana"}' };
      }
      if (req.method === 'DELETE') {
        return { status: 204 };
      }
      return { status: 201, body: '{"id":"01X","queued":false}' };
    });
    const api = new SnapshotClient(settings);

    const taken = await api.take({
      path: 'a.ipynb',
      content: { cells: [] },
      message: 'try lr',
      tags: ['x'],
      redact_secrets: true
    });
    expect(taken.id).toBe('01X');
    expect(requests[0].method).toBe('POST');
    expect(requests[0].url).toBe(
      'http://localhost:8888/jupyter-ext/api/snapshots'
    );
    expect(JSON.parse(requests[0].body!)).toEqual({
      path: 'a.ipynb',
      content: { cells: [] },
      message: 'try lr',
      tags: ['x'],
      redact_secrets: true
    });

    const findings = await api.secretsScan({ cells: [] });
    expect(findings).toHaveLength(1);
    expect(requests[1].url).toMatch(/\/jupyter-ext\/api\/secrets-scan$/);
    expect(JSON.parse(requests[1].body!)).toEqual({ content: { cells: [] } });

    expect((await api.whoami()).username).toBe('ana');

    await api.remove('01ABC/../x');
    expect(requests[3].method).toBe('DELETE');
    // ids are path-encoded: nothing can escape the snapshots/ route
    expect(requests[3].url).toBe(
      'http://localhost:8888/jupyter-ext/api/snapshots/01ABC%2F..%2Fx'
    );

    await api.restore('01A', 'copy.ipynb');
    expect(requests[4].url).toMatch(/snapshots\/01A\/restore$/);
    expect(JSON.parse(requests[4].body!)).toEqual({ path: 'copy.ipynb' });

    await api.diff('01A', 'nb.ipynb', { ignoreOutputs: true });
    expect(requests[5].url).toBe(
      'http://localhost:8888/jupyter-ext/api/diff?base=01A&remote=nb.ipynb&ignore_outputs=1'
    );
  });

  it('posts the live notebook content when diffing with unsaved edits', async () => {
    const { settings, requests } = fakeServer(() => ({
      status: 200,
      body: '{"base":{},"diff":[],"run_diff":{}}'
    }));
    await new SnapshotClient(settings).diff(
      '01A',
      'nb.ipynb',
      { ignoreMetadata: true },
      { cells: [1] }
    );
    expect(requests[0].method).toBe('POST');
    expect(requests[0].url).toBe(
      'http://localhost:8888/jupyter-ext/api/diff?ignore_metadata=1'
    );
    expect(JSON.parse(requests[0].body!)).toEqual({
      base: '01A',
      remote: 'nb.ipynb',
      remote_content: { cells: [1] }
    });
  });

  it('lists with the notebook filter', async () => {
    const { settings, requests } = fakeServer(() => ({
      status: 200,
      body: '{"items":[],"cursor":null}'
    }));
    await new SnapshotClient(settings).list({
      notebook: 'a b.ipynb',
      limit: 200
    });
    expect(requests[0].url).toBe(
      'http://localhost:8888/jupyter-ext/api/snapshots?notebook=a%20b.ipynb&limit=200'
    );
  });

  it('treats a missing findings list as no findings', async () => {
    const { settings } = fakeServer(() => ({ status: 200, body: '{}' }));
    expect(await new SnapshotClient(settings).secretsScan({})).toEqual([]);
  });
});

describe('error message extraction', () => {
  it("uses the server's JSON message and status", async () => {
    const { settings } = fakeServer(() => ({
      status: 403,
      statusText: 'Forbidden',
      body: '{"message":"only the author (ana) can delete this snapshot"}'
    }));
    const error = await new SnapshotClient(settings)
      .remove('01A')
      .catch(e => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.message).toBe(
      'only the author (ana) can delete this snapshot'
    );
    expect(error.status).toBe(403);
  });

  it('falls back to the status line when the body is not JSON', async () => {
    const { settings } = fakeServer(() => ({
      status: 502,
      statusText: 'Bad Gateway',
      body: '<html>proxy error</html>'
    }));
    const error = await new SnapshotClient(settings).whoami().catch(e => e);
    expect(error.message).toBe('502 Bad Gateway');
    expect(error.status).toBe(502);
  });

  it('says when the server cannot be reached', async () => {
    const settings = fakeServer(() => ({ status: 200 })).settings;
    const broken = {
      ...settings,
      fetch: () => Promise.reject(new TypeError('Failed to fetch'))
    } as any;
    const error = await new SnapshotClient(broken).whoami().catch(e => e);
    expect(error.status).toBe(0);
    expect(error.message).toMatch(/Cannot reach the Jupyter server/);
  });
});

describe('snapshot dialog helpers', () => {
  it('splits tags on commas and spaces, trims and de-duplicates', () => {
    expect(parseTags(' baseline, lr-sweep  baseline,,')).toEqual([
      'baseline',
      'lr-sweep'
    ]);
    expect(parseTags('')).toEqual([]);
  });

  it('remembers recent tags, most recent first, bounded', () => {
    expect(mergeRecentTags(['b', 'new'], ['a', 'b', 'c'])).toEqual([
      'b',
      'new',
      'a',
      'c'
    ]);
    const many = Array.from({ length: 20 }, (_, i) => `t${i}`);
    expect(mergeRecentTags(['x'], many, 5)).toEqual([
      'x',
      't0',
      't1',
      't2',
      't3'
    ]);
  });

  it('names the cells with findings, counting from 1', () => {
    expect(
      describeFindings([
        { cell_index: 0, where: 'source', kind: 'password', line: 3 },
        { cell_index: 4, where: 'output', kind: 'AWS key' },
        { cell_index: 4, where: 'output', kind: 'AWS key' },
        { cell_index: null, where: 'metadata', kind: 'GitHub Token' }
      ])
    ).toEqual([
      'cell 1 (source, line 3): password',
      'cell 5 (output): AWS key',
      'notebook metadata: GitHub Token'
    ]);
  });
});

describe('HistoryModel loading', () => {
  it('follows the active notebook and loads its snapshots', async () => {
    const api = new MemoryApi();
    api.items['a.ipynb'] = [summary({ id: '01A', message: 'run of a' })];
    const model = new HistoryModel(api);
    let changes = 0;
    model.changed.connect(() => changes++);
    await model.setNotebook('a.ipynb');
    expect(model.state).toBe('ready');
    expect(model.items.map(i => i.message)).toEqual(['run of a']);
    await model.setNotebook('a.ipynb'); // same notebook: no reload
    expect(api.calls).toEqual(['a.ipynb']);
    expect(changes).toBeGreaterThan(0);
  });

  it('shows the server message when loading fails', async () => {
    const api = new MemoryApi();
    api.fail = 'store unreachable';
    const model = new HistoryModel(api);
    await model.setNotebook('b.ipynb');
    expect(model.state).toBe('error');
    expect(model.error).toBe('store unreachable');
  });

  it('keeps the list on a failed background refresh', async () => {
    const api = new MemoryApi();
    api.items['a.ipynb'] = [summary({ id: '01A' })];
    const model = new HistoryModel(api);
    await model.setNotebook('a.ipynb');
    api.fail = 'timeout';
    await model.refresh({ background: true });
    expect(model.state).toBe('ready');
    expect(model.items).toHaveLength(1);
    expect(model.error).toBe('timeout');
  });

  it('is idle without a notebook', async () => {
    const model = new HistoryModel(new MemoryApi());
    await model.setNotebook(null);
    expect(model.state).toBe('idle');
    expect(model.items).toEqual([]);
  });

  it('knows which snapshots are my own', async () => {
    const api = new MemoryApi();
    const model = new HistoryModel(api);
    const mine = summary({ id: '01A' });
    const theirs = summary({
      id: '01B',
      author: { username: 'bo', name: 'Bo' }
    });
    expect(model.isOwn(mine)).toBe(false); // identity unknown: never offer delete
    await model.loadIdentity();
    expect(model.isOwn(mine)).toBe(true);
    expect(model.isOwn(theirs)).toBe(false);
  });

  it('follows the server when it says who may delete', async () => {
    const model = new HistoryModel(new MemoryApi());
    await model.loadIdentity();
    const mineButNotDeletable = summary({ id: '01A', can_delete: false });
    const theirsButDeletable = summary({
      id: '01B',
      author: { username: 'bo', name: 'Bo' },
      can_delete: true
    });
    expect(model.isOwn(mineButNotDeletable)).toBe(false);
    expect(model.isOwn(theirsButDeletable)).toBe(true);
  });
});
