/** The metric chart: one metric across the runs, or over time for one notebook. */
import { IRenderMimeRegistry, MimeModel } from '@jupyterlab/rendermime';
import { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import type { TranslationBundle } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';
import * as React from 'react';
import { ISnapshotSummary } from '../../api';
import { disposeAttached } from '../attach';
import {
  barChartSpec,
  chartableMetrics,
  IChartTheme,
  lineChartSpec,
  readChartTheme,
  runLabel,
  VEGALITE_MIME
} from '../charts';
import { IManifest } from '../../api';
import { ICompareViewOptions, useAsync } from './types';

/** Renders a Vega-Lite spec with JupyterLab's own renderer. */
export function VegaChart(props: {
  spec: Record<string, unknown>;
  rendermime: IRenderMimeRegistry;
  unavailable: string;
}): JSX.Element {
  const host = React.useRef<HTMLDivElement>(null);
  const specText = JSON.stringify(props.spec);
  React.useEffect(() => {
    const node = host.current;
    if (!node) {
      return;
    }
    let renderer: IRenderMime.IRenderer;
    try {
      renderer = props.rendermime.createRenderer(VEGALITE_MIME);
    } catch {
      node.textContent = props.unavailable;
      return;
    }
    const model = new MimeModel({
      data: { [VEGALITE_MIME]: JSON.parse(specText) },
      trusted: true
    });
    Widget.attach(renderer, node);
    void renderer.renderModel(model);
    return () => {
      disposeAttached(renderer);
    };
  }, [specText, props.rendermime]);
  return <div className="jp-snapshots-runsCompare-chart" ref={host} />;
}

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
  const [mode, setMode] = React.useState<'bar' | 'line'>(
    manifests.length > 1 ? 'bar' : 'line'
  );
  const [notebook, setNotebook] = React.useState(notebooks[0] ?? '');
  const [theme, setTheme] = React.useState<IChartTheme>(() => readChartTheme());
  React.useEffect(() => {
    if (!themeChanged) {
      return;
    }
    // The new theme's CSS is in place a moment after the signal.
    const onTheme = () =>
      window.setTimeout(() => setTheme(readChartTheme()), 300);
    themeChanged.connect(onTheme);
    return () => {
      themeChanged.disconnect(onTheme);
    };
  }, [themeChanged]);
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
  if (mode === 'bar') {
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
            onChange={e => setMode(e.currentTarget.value as 'bar' | 'line')}
          >
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
      {spec ? (
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
function LabeledSelect(props: {
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
