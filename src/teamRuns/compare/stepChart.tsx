/** Step curves of one metric for the selected runs, with smoothing and a log scale. */
import type { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import { IManifest } from '../../api';
import { IStepSeries, stepChartSpec, stepsOf } from '../../charts/steps';
import { VegaChart } from '../../charts/vegaChart';
import { IChartTheme } from '../charts';

function historyOf(run: IManifest, metric: string): unknown {
  return (run.metrics_history as Record<string, unknown> | undefined)?.[metric];
}

/** Does any run have a metric logged more than once? */
export function hasSteps(runs: readonly IManifest[]): boolean {
  return runs.some(r =>
    Object.keys(r.metrics_history ?? {}).some(
      name => stepsOf(historyOf(r, name), undefined).length > 1
    )
  );
}

/** One series per run that logged *metric* (a single value is one point). */
export function stepSeries(
  runs: readonly IManifest[],
  labels: readonly string[],
  metric: string
): IStepSeries[] {
  return runs
    .map((r, i) => ({
      id: r.id,
      label: labels[i],
      points: stepsOf(historyOf(r, metric), r.metrics?.[metric])
    }))
    .filter(s => s.points.length > 0);
}

export function StepChart(props: {
  metric: string;
  manifests: IManifest[];
  labels: string[];
  rendermime: IRenderMimeRegistry;
  theme: IChartTheme;
  onOpen: (id: string) => void;
  trans: TranslationBundle;
}): JSX.Element {
  const { metric, manifests, labels, theme, trans } = props;
  const [smoothing, setSmoothing] = React.useState(0);
  const [log, setLog] = React.useState(false);
  const series = stepSeries(manifests, labels, metric);
  const spec = stepChartSpec(
    metric,
    series,
    { smoothing, log },
    theme,
    undefined,
    trans
  );
  const drawn = (spec.data as { values: unknown[] }).values.length;
  return (
    <div className="jp-snapshots-runsCompare-steps">
      <div className="jp-snapshots-runsCompare-chartControls">
        <label>
          {trans.__('Smoothing')}{' '}
          <input
            type="range"
            className="jp-snapshots-runsCompare-smoothing"
            aria-label={trans.__('Smoothing')}
            min={0}
            max={0.95}
            step={0.05}
            value={smoothing}
            onChange={e => setSmoothing(Number(e.currentTarget.value))}
          />{' '}
          <output>{smoothing.toFixed(2)}</output>
        </label>
        <label>
          <input
            type="checkbox"
            checked={log}
            onChange={e => setLog(e.currentTarget.checked)}
          />{' '}
          {trans.__('Log scale')}
        </label>
      </div>
      {drawn > 0 ? (
        <VegaChart
          spec={spec}
          rendermime={props.rendermime}
          unavailable={trans.__(
            'Charts are not available (no Vega-Lite renderer).'
          )}
          onRunClick={props.onOpen}
        />
      ) : (
        <div className="jp-snapshots-runsCompare-none">
          {series.length === 0
            ? trans.__('No selected run recorded %1.', metric)
            : trans.__('No value of %1 above zero for a log scale.', metric)}
        </div>
      )}
      {drawn > 0 && (
        <div className="jp-snapshots-runsCompare-hint">
          {trans.__('Click a line or point to open its run.')}
        </div>
      )}
    </div>
  );
}
