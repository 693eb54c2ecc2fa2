/**
 * The metric chart: one metric by step for the selected runs, across the
 * runs, or over time for one notebook.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import { IManifest, ISnapshotSummary } from '../../api';
import { useChartTheme, VegaChart } from '../../charts/vegaChart';
import {
  barChartSpec,
  chartableMetrics,
  lineChartSpec,
  runLabel
} from '../charts';
import { hasSteps, StepChart } from './stepChart';
import { ICompareViewOptions, useAsync } from './types';

type ChartMode = 'steps' | 'bar' | 'line';

export function MetricChart(
  props: ICompareViewOptions & {
    manifests: IManifest[];
    labels: string[];
    trans: TranslationBundle;
  }
): JSX.Element | null {
  const { manifests, labels, rendermime, api, themeChanged, trans } = props;
  const metrics = chartableMetrics(manifests);
  const notebooks = [...new Set(manifests.map(m => m.notebook?.path))].filter(
    (p): p is string => !!p
  );
  const [metric, setMetric] = React.useState(metrics[0] ?? '');
  // Step curves first when some run logged a metric more than once.
  const [mode, setMode] = React.useState<ChartMode>(
    hasSteps(manifests) ? 'steps' : manifests.length > 1 ? 'bar' : 'line'
  );
  const [notebook, setNotebook] = React.useState(notebooks[0] ?? '');
  const theme = useChartTheme(themeChanged);
  const history = useAsync(
    () =>
      mode === 'line' && notebook
        ? api
            .list({ notebook, limit: 500, sort: '-created' })
            .then(p => p.items)
        : Promise.resolve([] as ISnapshotSummary[]),
    [mode, notebook]
  );
  if (!rendermime || metrics.length === 0) {
    return null;
  }
  const selected = new Set(manifests.map(m => m.id));
  let spec: Record<string, unknown> | null = null;
  let empty = '';
  if (mode === 'steps') {
    // drawn by StepChart below, with its own controls
  } else if (mode === 'bar') {
    const data = manifests
      .map((m, i) => ({ m, label: labels[i] }))
      .filter(({ m }) => typeof m.metrics?.[metric] === 'number')
      .map(({ m, label }) => ({
        id: m.id,
        label,
        value: m.metrics[metric],
        author: m.author?.name || m.author?.username || '',
        created: m.created
      }));
    spec = data.length
      ? barChartSpec(metric, data, theme, undefined, trans)
      : null;
    empty = trans.__('No selected run recorded %1.', metric);
  } else {
    const items = history.value ?? [];
    const points = items
      .filter(r => typeof r.metrics?.[metric] === 'number')
      .map(r => ({
        id: r.id,
        created: r.created,
        value: r.metrics[metric],
        label: runLabel(r),
        author: r.author?.name || r.author?.username || '',
        selected: selected.has(r.id)
      }));
    spec = points.length
      ? lineChartSpec(metric, notebook, points, theme, undefined, trans)
      : null;
    empty = history.loading
      ? trans.__('Loading the notebook’s runs…')
      : history.error
        ? trans.__('Could not load the notebook’s runs: %1', history.error)
        : trans.__('No run of %1 recorded %2.', notebook, metric);
  }
  return (
    <section
      className="jp-snapshots-runsCompare-section"
      aria-label={trans.__('Chart')}
    >
      <h3>{trans.__('Chart')}</h3>
      <div className="jp-snapshots-runsCompare-chartControls">
        <LabeledSelect
          label={trans.__('Metric')}
          ariaLabel={trans.__('Chart metric')}
          value={metric}
          choices={metrics}
          onChange={setMetric}
        />
        <label>
          {trans.__('Show')}{' '}
          <select
            className="jp-mod-styled"
            aria-label={trans.__('Chart kind')}
            value={mode}
            onChange={e => setMode(e.currentTarget.value as ChartMode)}
          >
            <option value="steps">
              {trans.__('by step for the selected runs')}
            </option>
            <option value="bar">{trans.__('across the selected runs')}</option>
            <option value="line">
              {trans.__('over time for one notebook')}
            </option>
          </select>
        </label>
        {mode === 'line' && (
          <LabeledSelect
            label={trans.__('Notebook')}
            ariaLabel={trans.__('Chart notebook')}
            value={notebook}
            choices={notebooks}
            onChange={setNotebook}
          />
        )}
      </div>
      {mode === 'steps' ? (
        <StepChart
          metric={metric}
          manifests={manifests}
          labels={labels}
          rendermime={rendermime}
          theme={theme}
          onOpen={id => props.actions.open(id)}
          trans={trans}
        />
      ) : spec ? (
        <VegaChart
          spec={spec}
          rendermime={rendermime}
          unavailable={trans.__(
            'Charts are not available (no Vega-Lite renderer).'
          )}
        />
      ) : (
        <div className="jp-snapshots-runsCompare-none">{empty}</div>
      )}
    </section>
  );
}

/** A labelled drop-down of plain text choices (each value is its own label). */
export function LabeledSelect(props: {
  label: string;
  ariaLabel: string;
  value: string;
  choices: string[];
  onChange: (value: string) => void;
}): JSX.Element {
  return (
    <label>
      {props.label}{' '}
      <select
        className="jp-mod-styled"
        aria-label={props.ariaLabel}
        value={props.value}
        onChange={e => props.onChange(e.currentTarget.value)}
      >
        {props.choices.map(c => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
    </label>
  );
}
