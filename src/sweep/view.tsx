/**
 * The sweep view of one notebook: its runs as parallel coordinates (the
 * parameters that vary → a chosen metric) and a scatter of one parameter
 * against the metric. Brushes narrow the Team runs table (ITeamRunsFilter).
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';
import { ISignal } from '@lumino/signaling';
import * as React from 'react';

import type { ITeamRunsApi } from '../api';
import { useChartTheme } from '../charts/vegaChart';
import { chartableMetrics, runLabel } from '../teamRuns/charts';
import { LabeledSelect } from '../teamRuns/compare/metricChart';
import { useAsync } from '../teamRuns/compare/types';
import type { ITeamRunsFilter } from '../tokens';
import { defaultTrans } from '../translation';
import { sweepColours } from './colours';
import { inRanges, ISweepRun, Ranges, sweepAxes, sweepTerms } from './model';
import { ParallelPlot } from './parallel';
import { RangeInputs } from './rangeInputs';
import { ScatterPlot } from './scatter';

/** Runs of one notebook the view reads at most (the list API's largest page). */
export const MAX_SWEEP_RUNS = 1000;

export interface ISweepViewOptions {
  notebook: string;
  api: Pick<ITeamRunsApi, 'list'>;
  /** Narrows Team runs; null when Team runs is not there (brushes then only highlight). */
  filter: ITeamRunsFilter | null;
  open: (id: string) => void;
  themeChanged?: ISignal<any, any> | null;
  trans?: TranslationBundle;
}

export class SweepWidget extends ReactWidget {
  constructor(readonly options: ISweepViewOptions) {
    super();
    this.addClass('jp-snapshots-sweep');
  }

  render(): JSX.Element {
    return <SweepView {...this.options} />;
  }
}

async function loadRuns(
  api: ISweepViewOptions['api'],
  notebook: string
): Promise<ISweepRun[]> {
  const page = await api.list({
    notebook,
    limit: MAX_SWEEP_RUNS,
    sort: '-created'
  });
  return page.items.map(r => ({
    id: r.id,
    label: runLabel(r),
    params: r.params ?? {},
    metrics: r.metrics ?? {}
  }));
}

export function SweepView(props: ISweepViewOptions): JSX.Element {
  const trans = props.trans ?? defaultTrans();
  const runs = useAsync(
    () => loadRuns(props.api, props.notebook),
    [props.api, props.notebook]
  );
  if (runs.loading && !runs.value) {
    return (
      <div className="jp-snapshots-sweep-message">
        {trans.__('Loading the runs of %1…', props.notebook)}
      </div>
    );
  }
  if (runs.error || !runs.value) {
    return (
      <div className="jp-snapshots-sweep-message jp-mod-error" role="alert">
        {trans.__(
          'Could not load the runs of %1: %2',
          props.notebook,
          runs.error
        )}
      </div>
    );
  }
  return <SweepBody {...props} trans={trans} runs={runs.value} />;
}

function SweepBody(
  props: ISweepViewOptions & { runs: ISweepRun[]; trans: TranslationBundle }
): JSX.Element {
  const { runs, trans, notebook, filter } = props;
  const metrics = chartableMetrics(runs);
  const [metric, setMetric] = React.useState(metrics[0] ?? '');
  const axes = sweepAxes(runs, metric);
  const numericParams = axes.filter(a => a.kind === 'param' && a.numeric);
  const [xName, setXName] = React.useState(numericParams[0]?.name ?? '');
  const [ranges, setRanges] = React.useState<Ranges>({});
  const theme = useChartTheme(props.themeChanged);
  const colours = sweepColours(theme);

  const onBrush = React.useCallback(
    (key: string, range: readonly [number, number] | null) =>
      setRanges(old => {
        const next = { ...old };
        if (range) {
          next[key] = range;
        } else {
          delete next[key];
        }
        return next;
      }),
    []
  );
  // Brushes on an axis that is gone (another metric chosen) no longer apply.
  const live: Ranges = Object.fromEntries(
    Object.entries(ranges).filter(([k]) => axes.some(a => a.key === k))
  );
  const { terms, skipped } = sweepTerms(notebook, runs, axes, live);
  const termsText = terms.join(' ');
  const label = trans.__('Sweep of %1', notebook);
  React.useEffect(() => {
    filter?.setExtraTerms('sweep', terms, label);
  }, [filter, termsText]);

  const inside = runs.filter(r => inRanges(r, axes, live)).length;
  const x = numericParams.find(a => a.name === xName) ?? numericParams[0];
  const y = axes.find(a => a.kind === 'metric');
  const brushProps = {
    runs,
    axes,
    ranges: live,
    colours,
    onBrush,
    onOpen: props.open,
    trans
  };

  return (
    <div className="jp-snapshots-sweep-body">
      <div className="jp-snapshots-sweep-controls">
        <h2 className="jp-snapshots-sweep-title">{label}</h2>
        <LabeledSelect
          label={trans.__('Metric')}
          ariaLabel={trans.__('Sweep metric')}
          value={metric}
          choices={metrics}
          onChange={setMetric}
        />
        {numericParams.length > 0 && (
          <LabeledSelect
            label={trans.__('Scatter parameter')}
            ariaLabel={trans.__('Scatter parameter')}
            value={x?.name ?? ''}
            choices={numericParams.map(a => a.name)}
            onChange={setXName}
          />
        )}
        <span className="jp-snapshots-sweep-count" aria-live="polite">
          {Object.keys(live).length
            ? trans._n(
                '%2 of %1 run brushed',
                '%2 of %1 runs brushed',
                runs.length,
                inside
              )
            : trans._n('%1 run', '%1 runs', runs.length)}
        </span>
      </div>
      {runs.length === 0 ? (
        <div className="jp-snapshots-sweep-message">
          {trans.__('No run of %1 in the store.', notebook)}
        </div>
      ) : (
        <>
          <div className="jp-snapshots-sweep-plots">
            <section aria-label={trans.__('Parallel coordinates')}>
              <ParallelPlot {...brushProps} />
            </section>
            {x && y && (
              <section aria-label={trans.__('Scatter')}>
                <ScatterPlot {...brushProps} x={x} y={y} />
              </section>
            )}
          </div>
          <RangeInputs
            axes={axes}
            ranges={live}
            onBrush={onBrush}
            onClear={() => setRanges({})}
            trans={trans}
          />
          {terms.length > 0 && (
            <div className="jp-snapshots-sweep-note">
              {filter
                ? trans.__('Team runs shows:')
                : trans.__('Brushed (Team runs is not available):')}{' '}
              <code className="jp-snapshots-sweep-terms">{termsText}</code>
            </div>
          )}
          {terms.length === 0 && (
            <div className="jp-snapshots-sweep-note">
              {filter
                ? trans.__(
                    'Drag along an axis or across the scatter to narrow the Team runs table; click an axis to clear its range.'
                  )
                : trans.__(
                    'Team runs is not available: brushes only highlight runs here.'
                  )}
            </div>
          )}
          {skipped.length > 0 && (
            <div className="jp-snapshots-sweep-note" role="note">
              {trans.__(
                'Not sent to Team runs (the query language cannot name them): %1',
                skipped.join(', ')
              )}
            </div>
          )}
        </>
      )}
    </div>
  );
}
