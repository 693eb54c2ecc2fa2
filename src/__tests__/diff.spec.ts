import {
  changeCounts,
  dataRows,
  fieldRows,
  formatDelta,
  gitLine,
  lowerIsBetter,
  metricRows,
  packageRows,
  paramRows
} from '../diff/format';
import { formatSize, shortHash } from '../common';
import { changedImages } from '../diff/images';
import { IRunDiff } from '../api';
import { untrustedCopy } from '../readonly/untrusted';

const runDiff: IRunDiff = {
  base_known: true,
  remote_known: true,
  params: [
    { name: 'lr', base: 0.01, remote: 0.1, change: 'changed' },
    { name: 'model', base: 'rf', remote: undefined, change: 'removed' },
    { name: 'seed', base: undefined, remote: 42, change: 'added' }
  ],
  metrics: [
    {
      name: 'accuracy',
      base: 0.9,
      remote: 0.93,
      change: 'changed',
      delta: 0.03,
      delta_pct: 3.3333
    },
    {
      name: 'val_loss',
      base: 0.5,
      remote: 0.6,
      change: 'changed',
      delta: 0.1,
      delta_pct: 20
    },
    {
      name: 'auc',
      base: 0.8,
      remote: 0.8,
      change: 'unchanged',
      delta: 0,
      delta_pct: 0
    }
  ],
  data: [
    {
      path: 'data/a.csv',
      change: 'unchanged',
      base_hash: 'sha256:aa',
      remote_hash: 'sha256:aa',
      base_size: 10,
      remote_size: 10
    },
    {
      path: 'data/train.csv',
      change: 'content-changed',
      base_hash: 'sha256:0123456789',
      remote_hash: 'sha256:abcdef0123',
      base_size: 1024,
      remote_size: 2048
    }
  ],
  packages: [
    {
      name: 'numpy',
      base: '1.26.0',
      remote: '2.1.0',
      change: 'changed',
      direction: 'upgrade'
    }
  ],
  kernel: { implementation_version: { base: '3.11.7', remote: '3.12.1' } },
  git: {
    base_commit: 'abcdef1234',
    remote_commit: '1234567abc',
    changed: true,
    remote_dirty: true
  },
  summary: '3 params, 2 metrics, 1 data file, 1 package, kernel changed'
};

describe('run diff formatting', () => {
  it('shows parameters old -> new, with added/removed as a dash', () => {
    expect(paramRows(runDiff.params)).toEqual([
      { name: 'lr', base: '0.01', remote: '0.1', change: 'changed' },
      { name: 'model', base: 'rf', remote: '—', change: 'removed' },
      { name: 'seed', base: '—', remote: '42', change: 'added' }
    ]);
  });

  it('signs and colours metric deltas by whether they improved', () => {
    const rows = metricRows(runDiff.metrics);
    expect(rows.map(r => r.name)).toEqual(['accuracy', 'val_loss', 'auc']);
    expect(rows[0]).toMatchObject({ delta: '+0.03 (+3.3%)', tone: 'better' });
    expect(rows[1]).toMatchObject({ delta: '+0.1 (+20%)', tone: 'worse' });
    expect(rows[2]).toMatchObject({ delta: '±0', tone: 'neutral' });
    expect(formatDelta(-2, -0.5)).toBe('−2 (−0.50%)');
    expect(formatDelta(null, null)).toBe('');
    expect(lowerIsBetter('train_loss')).toBe(true);
    expect(lowerIsBetter('RMSE')).toBe(true);
    expect(lowerIsBetter('accuracy')).toBe(false);
  });

  it('lists changed data files first with sizes and short hashes', () => {
    const rows = dataRows(runDiff.data);
    expect(rows[0]).toEqual({
      path: 'data/train.csv',
      change: 'content-changed',
      label: 'content changed',
      detail: '1.0 KB → 2.0 KB; 0123456 → abcdef0'
    });
    expect(rows[1].change).toBe('unchanged');
    expect(formatSize(500)).toBe('500 B');
    expect(formatSize(5 * 1024 * 1024)).toBe('5.0 MB');
    expect(formatSize(undefined)).toBe('?');
    expect(shortHash('md5:ffffffffff')).toBe('fffffff');
  });

  it('formats packages, kernel fields and the commit', () => {
    expect(packageRows(runDiff.packages)[0]).toMatchObject({
      base: '1.26.0',
      remote: '2.1.0',
      direction: 'upgrade'
    });
    expect(fieldRows(runDiff.kernel)).toEqual([
      { name: 'implementation version', base: '3.11.7', remote: '3.12.1' }
    ]);
    expect(gitLine(runDiff.git)).toBe(
      'abcdef1 → 1234567 (uncommitted changes)'
    );
    expect(
      gitLine({
        base_commit: 'abc1234zz',
        remote_commit: 'abc1234zz',
        remote_branch: 'main'
      })
    ).toBe('same commit abc1234 on main');
    expect(gitLine({})).toBe('');
  });

  it('counts what changed', () => {
    expect(changeCounts(runDiff)).toEqual({
      params: 3,
      metrics: 2,
      data: 1,
      packages: 1,
      kernel: 1
    });
  });
});

describe('changedImages', () => {
  const png = (s: string) => ({
    output_type: 'display_data',
    data: { 'image/png': s }
  });
  it('pairs old and new PNG outputs of changed cells', () => {
    const cells = [
      {
        unchanged: true,
        outputs: [{ base: png('AAAA'), remote: png('AAAA'), unchanged: true }]
      },
      {
        unchanged: false,
        outputs: [
          { base: png('QUFB'), remote: null, unchanged: false },
          { base: null, remote: png('QkJC\n'), unchanged: false },
          {
            base: { output_type: 'stream', text: 'x' },
            remote: null,
            unchanged: false
          }
        ]
      },
      { unchanged: false, outputs: null }
    ];
    expect(changedImages(cells)).toEqual([
      { cell: 2, base: 'QUFB', remote: 'QkJC' }
    ]);
  });

  it('ignores anything that is not base64 image data', () => {
    const cells = [
      {
        unchanged: false,
        outputs: [
          { base: png('"><script>'), remote: png('QkJC'), unchanged: false }
        ]
      }
    ];
    expect(changedImages(cells)).toEqual([]);
  });
});

describe('read-only view', () => {
  it('strips every trust marker before rendering', () => {
    const nb = {
      metadata: { signature: 'sha256:x', kernelspec: {} },
      cells: [{ cell_type: 'code', metadata: { trusted: true, tags: ['a'] } }]
    };
    const copy = untrustedCopy(nb) as any;
    expect(copy.cells[0].metadata).toEqual({ tags: ['a'] });
    expect(copy.metadata.signature).toBeUndefined();
    expect((nb.cells[0].metadata as any).trusted).toBe(true); // original untouched
  });
});
