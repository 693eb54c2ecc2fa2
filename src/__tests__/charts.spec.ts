import {
  ema,
  stepChartSpec,
  stepRows,
  stepsOf,
  stepTicks
} from '../charts/steps';
import { timeAxis } from '../charts/timeAxis';
import { markRunId } from '../charts/vegaChart';
import {
  filterableName,
  inRanges,
  ISweepRun,
  normalise,
  quoteValue,
  roundRange,
  sweepAxes,
  sweepTerms
} from '../sweep/model';
import { DEFAULT_CHART_THEME, lineChartSpec } from '../teamRuns/charts';
import { hasSteps, stepSeries } from '../teamRuns/compare/stepChart';
import { IManifest } from '../api';

describe('step curves', () => {
  it('reads every logged value of a manifest (steps from 1, nulls counted)', () => {
    expect(stepsOf([0.9, null, 0.5], 0.5)).toEqual([
      { step: 1, value: 0.9 },
      { step: 3, value: 0.5 }
    ]);
  });

  it('reads the [step, value] pairs of a summary', () => {
    expect(
      stepsOf(
        [
          [1, 0.9],
          [50, 0.4]
        ],
        0.4
      )
    ).toEqual([
      { step: 1, value: 0.9 },
      { step: 50, value: 0.4 }
    ]);
  });

  it('makes a metric logged once one point', () => {
    expect(stepsOf(undefined, 0.93)).toEqual([{ step: 1, value: 0.93 }]);
    expect(stepsOf([0.93], 0.93)).toEqual([{ step: 1, value: 0.93 }]);
    expect(stepsOf(undefined, 'n/a')).toEqual([]);
  });

  it('smooths with a debiased exponential moving average', () => {
    expect(ema([1, 2, 3], 0)).toEqual([1, 2, 3]);
    const s = ema([1, 3], 0.5);
    expect(s[0]).toBeCloseTo(1); // debiased: the first value is kept
    expect(s[1]).toBeCloseTo((0.25 * 1 + 0.5 * 3) / 0.75);
    const flat = ema([2, 2, 2, 2], 0.9);
    flat.forEach(v => expect(v).toBeCloseTo(2));
  });

  it('draws one point per logged value, smoothed or on a log scale', () => {
    const series = [
      {
        id: 'A',
        label: '#1 a',
        points: [
          { step: 1, value: 1 },
          { step: 2, value: 0.5 },
          { step: 3, value: 0.25 }
        ]
      },
      { id: 'B', label: '#2 b', points: [{ step: 1, value: -1 }] }
    ];
    const plain = stepRows(series, { smoothing: 0, log: false });
    expect(plain.filter(r => r.id === 'A').map(r => r.value)).toEqual([
      1, 0.5, 0.25
    ]);
    expect(plain).toHaveLength(4);
    const smooth = stepRows(series, { smoothing: 0.6, log: false });
    expect(smooth[2].value).toBeGreaterThan(0.25);
    expect(smooth[2].raw).toBe(0.25);
    // a log scale cannot show -1
    expect(stepRows(series, { smoothing: 0, log: true })).toHaveLength(3);

    const spec: any = stepChartSpec(
      'loss',
      series,
      { smoothing: 0, log: true },
      DEFAULT_CHART_THEME
    );
    expect(spec.encoding.y.scale.type).toBe('log');
    expect(spec.encoding.x.field).toBe('step');
    expect(spec.layer.map((l: any) => l.mark.type)).toEqual(['line', 'point']);
    // smoothed: the raw values as a faint line too
    const smoothed: any = stepChartSpec(
      'loss',
      series,
      { smoothing: 0.5, log: false },
      DEFAULT_CHART_THEME
    );
    expect(smoothed.layer.map((l: any) => l.name)).toEqual([
      'lines',
      'points',
      'raw'
    ]);
    expect(smoothed.layer[2].encoding.y.field).toBe('raw');
  });

  it('puts step ticks on whole steps, each once', () => {
    expect(stepTicks([1, 2, 3, 2, 1])).toEqual([1, 2, 3]);
    const many = stepTicks(Array.from({ length: 500 }, (_, i) => i + 1));
    expect(many.length).toBeLessThanOrEqual(10);
    expect(new Set(many).size).toBe(many.length);
    many.forEach(t => expect(Number.isInteger(t)).toBe(true));
    expect(many[1] - many[0]).toBe(100);
  });

  it('takes series from manifests: history or the last value', () => {
    const runs = [
      {
        id: 'A',
        metrics: { loss: 0.2 },
        metrics_history: { loss: [0.9, 0.5, 0.2] }
      },
      { id: 'B', metrics: { loss: 0.3 }, metrics_history: {} },
      { id: 'C', metrics: { acc: 1 } }
    ] as unknown as IManifest[];
    expect(hasSteps(runs)).toBe(true);
    expect(hasSteps(runs.slice(1))).toBe(false);
    const series = stepSeries(runs, ['#1', '#2', '#3'], 'loss');
    expect(series.map(s => [s.label, s.points.length])).toEqual([
      ['#1', 3],
      ['#2', 1]
    ]);
  });

  it('finds the run of a clicked mark from its scenegraph item', () => {
    const host = document.createElement('div');
    const g = document.createElement('span');
    const path = document.createElement('i');
    g.appendChild(path);
    host.appendChild(g);
    (g as any).__data__ = { datum: { id: 'RUN1' } };
    expect(markRunId(path, host)).toBe('RUN1');
    expect(markRunId(host, host)).toBe('');
  });
});

describe('time axis', () => {
  const labels = (ticks: number[], unit: number) =>
    ticks.map(t => Math.floor(t / unit));

  it('labels runs seconds apart by the second, each label once', () => {
    const base = Date.parse('2026-12-05T10:00:00Z');
    const times = [0, 400, 1200, 2500, 2600, 9000].map(d =>
      new Date(base + d).toISOString()
    );
    const axis = timeAxis(times);
    expect(axis.format).toBe('%H:%M:%S');
    const secs = labels(axis.values, 1000);
    expect(new Set(secs).size).toBe(secs.length);
    expect(secs).toHaveLength(4); // 10:00:00, :01, :02, :09
  });

  it('labels runs over hours by the minute and runs over days by the day', () => {
    const base = Date.parse('2026-12-05T08:00:00Z');
    const hours = timeAxis([base, base + 3 * 3600e3, base + 3 * 3600e3 + 10]);
    expect(hours.format).toMatch(/%H:%M$/);
    expect(hours.values).toHaveLength(2);
    const days = timeAxis([base, base + 5 * 86400e3]);
    expect(days.format).toBe('%b %d');
  });

  it('keeps at most the asked number of ticks, first and last included', () => {
    const base = Date.parse('2026-12-01T00:00:00Z');
    const times = Array.from({ length: 40 }, (_, i) => base + i * 86400e3);
    const axis = timeAxis(times, 5);
    expect(axis.values).toHaveLength(5);
    expect(axis.values[0]).toBe(times[0]);
    expect(axis.values[4]).toBe(times[39]);
  });

  it('is used by the line chart: no repeated labels for runs a minute apart', () => {
    const base = Date.parse('2026-12-05T10:00:00Z');
    const points = [0, 20e3, 40e3, 60e3].map((d, i) => ({
      id: `r${i}`,
      created: new Date(base + d).toISOString(),
      value: i,
      label: `r${i}`,
      author: 'x',
      selected: false
    }));
    const spec: any = lineChartSpec('acc', 'nb', points, DEFAULT_CHART_THEME);
    const axis = spec.layer[0].encoding.x.axis;
    expect(axis.format).toBe('%H:%M:%S');
    expect(axis.values).toHaveLength(4);
  });

  it('tells runs within a second apart by the millisecond', () => {
    const base = Date.parse('2026-12-05T10:00:00Z');
    const axis = timeAxis([base, base + 120, base + 480]);
    expect(axis.format).toBe('%H:%M:%S.%L');
    expect(axis.values).toEqual([base, base + 120, base + 480]);
  });
});

describe('sweep', () => {
  const run = (
    id: string,
    params: Record<string, unknown>,
    metrics: Record<string, unknown>
  ): ISweepRun => ({ id, label: id, params, metrics });
  const runs = [
    run('a', { lr: 0.001, epochs: 5, opt: 'adam' }, { accuracy: 0.8 }),
    run('b', { lr: 0.01, epochs: 5, opt: 'sgd' }, { accuracy: 0.9 }),
    run('c', { lr: 0.1, epochs: 5, opt: 'adam' }, { accuracy: 0.93 }),
    run('d', { lr: 1, epochs: 5, opt: 'adam' }, {})
  ];

  it('has an axis per varying parameter, then the metric', () => {
    const axes = sweepAxes(runs, 'accuracy');
    expect(axes.map(a => a.key)).toEqual([
      'param:lr',
      'param:opt',
      'metric:accuracy'
    ]);
    expect(axes[0]).toMatchObject({ numeric: true, min: 0.001, max: 1 });
    expect(axes[1]).toMatchObject({
      numeric: false,
      categories: ['adam', 'sgd']
    });
    // nothing varies: every parameter is an axis
    expect(sweepAxes([runs[0]], '').map(a => a.name)).toEqual([
      'epochs',
      'lr',
      'opt'
    ]);
  });

  it('normalises each axis to [0, 1] on its own', () => {
    const [lr, opt, acc] = sweepAxes(runs, 'accuracy');
    expect(normalise(0.001, lr)).toBe(0);
    expect(normalise(1, lr)).toBe(1);
    expect(normalise(0.9, acc)).toBeCloseTo((0.9 - 0.8) / (0.93 - 0.8));
    expect(normalise('sgd', opt)).toBe(1);
    expect(normalise(undefined, acc)).toBeNull();
    const flat = sweepAxes([runs[0], runs[0]], '')[1];
    expect(normalise(0.001, flat)).toBe(0.5);
  });

  it('turns brushes into query terms snapped to the runs inside', () => {
    const axes = sweepAxes(runs, 'accuracy');
    const ranges = { 'param:lr': [0.005, 0.5] as const };
    expect(runs.filter(r => inRanges(r, axes, ranges)).map(r => r.id)).toEqual([
      'b',
      'c'
    ]);
    expect(sweepTerms('exp/churn.ipynb', runs, axes, ranges)).toEqual({
      terms: ['notebook:exp/churn.ipynb', 'lr>=0.01', 'lr<=0.1'],
      skipped: []
    });
    // one run inside: an equality; a metric brush too; nothing: no terms
    expect(
      sweepTerms('nb.ipynb', runs, axes, {
        'param:lr': [0.05, 0.5],
        'metric:accuracy': [0.85, 1]
      }).terms
    ).toEqual([
      'notebook:nb.ipynb',
      'lr=0.1',
      'accuracy>=0.9',
      'accuracy<=0.93'
    ]);
    expect(sweepTerms('nb.ipynb', runs, axes, {}).terms).toEqual([]);
  });

  it('rounds a pointer brush to what a pixel can tell', () => {
    expect(roundRange(0.26499999, 0.4)).toEqual([0.265, 0.4]);
    expect(roundRange(5, 1.23456)).toEqual([1.23, 5]);
  });

  it('quotes notebook paths with spaces and leaves out names the grammar cannot express', () => {
    expect(quoteValue('my dir/a "b".ipynb')).toBe('"my dir/a \\"b\\".ipynb"');
    expect(quoteValue('plain.ipynb')).toBe('plain.ipynb');
    expect(filterableName('learning rate')).toBe(false);
    expect(filterableName('a>b')).toBe(false);
    expect(filterableName('lr_0')).toBe(true);
    const spaced = [
      run('a', { 'learning rate': 1 }, {}),
      run('b', { 'learning rate': 2 }, {})
    ];
    const axes = sweepAxes(spaced, '');
    expect(
      sweepTerms('x y.ipynb', spaced, axes, { 'param:learning rate': [0, 3] })
    ).toEqual({ terms: [], skipped: ['learning rate'] });
  });
});
