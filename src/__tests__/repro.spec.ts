import type { IArtifact, IRerunJob } from '../api';
import { artifactLabel, fileName } from '../repro/files';
import { RerunModel } from '../repro/rerunModel';
import {
  cellSnippet,
  cellsToReview,
  isFinished,
  progressText,
  rerunView
} from '../repro/rerunState';

const OF = '01JDX0000000000000000ABCDE';
const NEW = '01JDX0000000000000000FGHJK';

function job(patch: Partial<IRerunJob>): IRerunJob {
  return {
    id: '01JDX00000000000000000JOB1',
    snapshot: OF,
    state: 'queued',
    progress: {},
    data_changed: null,
    result: null,
    error: null,
    ...patch
  };
}

describe('rerunView', () => {
  it('says it is starting before the server reported anything', () => {
    const view = rerunView(job({}));
    expect(view.phase).toBe('starting');
    expect(progressText(view)).toBe('Starting a fresh kernel…');
    expect(view.dataChanged).toBeNull();
  });

  it('names the data files that changed as soon as they are checked', () => {
    const view = rerunView(
      job({
        state: 'running',
        progress: { stage: 'data', data_changed: ['data/in.csv'] },
        data_changed: ['data/in.csv']
      })
    );
    expect(view.phase).toBe('checking');
    expect(view.dataChanged).toEqual(['data/in.csv']);
  });

  it('counts cells while running (1-based, of the total)', () => {
    const view = rerunView(
      job({
        state: 'running',
        progress: { stage: 'cell', index: 4, done: 2, total: 5 },
        data_changed: []
      })
    );
    expect(view.phase).toBe('running');
    expect([view.done, view.total]).toEqual([2, 5]);
    expect(progressText(view)).toBe('Running cell 3 of 5…');
    expect(isFinished(job({ state: 'running' }))).toBe(false);
  });

  it('gives the verdict, cells and the re-run snapshot when done', () => {
    const view = rerunView(
      job({
        state: 'done',
        progress: { stage: 'done', verdict: 'differs' },
        result: {
          id: NEW,
          of: OF,
          verdict: 'differs',
          cells: [
            { index: 0, status: 'same' },
            { index: 2, status: 'differs' },
            { index: 3, status: 'close' }
          ],
          data_changed: []
        }
      })
    );
    expect(view.phase).toBe('done');
    expect(view.verdict).toBe('differs');
    expect(view.rerunId).toBe(NEW);
    expect([view.done, view.total]).toEqual([3, 3]);
    expect(cellsToReview(view.cells)).toEqual([
      { index: 2, status: 'differs' }
    ]);
    expect(progressText(view)).toBe('Ran all 3 code cells.');
  });

  it('says why a failed verdict failed, and that a cancelled run stored nothing', () => {
    const failed = rerunView(
      job({
        state: 'done',
        result: {
          id: null,
          of: OF,
          verdict: 'failed',
          cells: [{ index: 0, status: 'timeout' }],
          data_changed: [],
          detail: 'the time limit of 5 s ran out in cell 0'
        }
      })
    );
    expect(failed.rerunId).toBeNull();
    expect(progressText(failed)).toBe(
      'The re-run failed: the time limit of 5 s ran out in cell 0'
    );
    const broken = rerunView(job({ state: 'failed', error: 'OSError: disk' }));
    expect(progressText(broken)).toBe(
      'The re-run could not finish: OSError: disk'
    );
    const cancelled = rerunView(job({ state: 'cancelled' }));
    expect(cancelled.phase).toBe('cancelled');
    expect(isFinished({ state: 'cancelled' })).toBe(true);
    expect(progressText(cancelled)).toBe('Cancelled. Nothing was stored.');
  });
});

describe('cell and file names', () => {
  it('names a cell by its first non-empty line, shortened', () => {
    expect(cellSnippet(['\n', 'import random\n', 'x = 1'])).toBe(
      'import random'
    );
    expect(cellSnippet('a'.repeat(80), 10)).toBe('aaaaaaaaa…');
    expect(cellSnippet(undefined)).toBe('');
  });

  it('saves a kept file under its own name and lists it with its size', () => {
    expect(fileName('prep/out/features.csv')).toBe('features.csv');
    expect(fileName('')).toBe('artifact');
    const artifact: IArtifact = {
      path: 'model.pkl',
      size: 2048,
      stored: 'blob'
    };
    expect(artifactLabel(artifact)).toBe('model.pkl (2.0 KB)');
    expect(artifactLabel({ ...artifact, size: null })).toBe('model.pkl');
  });
});

describe('RerunModel', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('follows the job until it is finished, then stops asking', async () => {
    const states: IRerunJob[] = [
      job({ state: 'running', progress: { stage: 'cell', done: 0, total: 2 } }),
      job({
        state: 'done',
        result: {
          id: NEW,
          of: OF,
          verdict: 'reproduced',
          cells: [],
          data_changed: []
        }
      })
    ];
    const api = {
      rerun: jest.fn(async () => job({ state: 'queued' })),
      rerunJob: jest.fn(async () => states.shift() ?? states[0]),
      cancelRerun: jest.fn(),
      notebook: jest.fn(async () => ({ cells: [] }) as never),
      get: jest.fn(async () => ({ id: OF }) as never)
    };
    const model = new RerunModel(api as never, OF);
    await model.start();
    for (let i = 0; i < 6; i++) {
      await jest.advanceTimersByTimeAsync(2000);
    }
    expect(model.job?.state).toBe('done');
    const calls = api.rerunJob.mock.calls.length;
    await jest.advanceTimersByTimeAsync(10_000);
    expect(api.rerunJob.mock.calls.length).toBe(calls);
    expect(api.cancelRerun).not.toHaveBeenCalled();
    model.dispose();
  });

  it('cancels a running job with the server and shows why a start failed', async () => {
    const api = {
      rerun: jest.fn(async () => job({ state: 'running' })),
      rerunJob: jest.fn(async () => job({ state: 'running' })),
      cancelRerun: jest.fn(async () => job({ state: 'cancelled' })),
      notebook: jest.fn(async () => ({ cells: [] }) as never),
      get: jest.fn(async () => ({ id: OF }) as never)
    };
    const model = new RerunModel(api as never, OF);
    await model.start();
    await model.cancel();
    expect(api.cancelRerun).toHaveBeenCalledWith(OF, job({}).id);
    expect(model.job?.state).toBe('cancelled');
    model.dispose();

    const refused = new RerunModel(
      {
        ...api,
        rerun: jest.fn(async () => {
          throw new Error('no kernel named "r" is installed here');
        })
      } as never,
      OF
    );
    await refused.start();
    expect(refused.error).toBe('no kernel named "r" is installed here');
    expect(refused.job).toBeNull();
    refused.dispose();
  });
});
