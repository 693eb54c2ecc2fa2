/**
 * Run details (one run) and comparison (two or more): parameters and metrics
 * side by side with differences highlighted, a metric chart, "same code,
 * different data" flags, actions (open, diff, restore as a copy) and comments.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';
import * as React from 'react';
import { defaultTrans } from '../translation';
import { runLabel } from './charts';
import { IManifest, ITeamRunsApi } from '../api';
import { compareRecords, IRelation, relationOf } from './compare/rows';
import { ICompareViewOptions, IRun, useAsync } from './compare/types';
import { RunCard } from './compare/runCard';
import { RelationNote } from './compare/relationNote';
import { CompareTable } from './compare/compareTable';
import { MetricChart } from './compare/metricChart';
import { CommentThread } from './compare/comments';
import { ReproSections } from './compare/reproSections';

export type { ICompareActions, ICompareViewOptions } from './compare/types';

/** Facts compared as rows under "Run". */
export function runFacts(
  m: IManifest,
  trans: TranslationBundle = defaultTrans()
): Record<string, unknown> {
  // The fact names are shown as row headers: translated; their values are data.
  const facts: Record<string, unknown> = {
    [trans.__('author')]: m.author?.name || m.author?.username,
    [trans.__('notebook')]: m.notebook?.path,
    [trans.__('kernel')]: m.kernel?.display_name || m.kernel?.name,
    [trans.__('python')]:
      m.environment?.python ?? m.kernel?.implementation_version,
    [trans.__('git commit')]: m.git?.commit
      ? m.git.dirty
        ? trans.__('%1 (dirty)', m.git.commit.slice(0, 10))
        : m.git.commit.slice(0, 10)
      : undefined,
    [trans.__('git branch')]: m.git?.branch,
    [trans.__('host')]: m.environment?.hostname,
    [trans.__('packages')]: m.environment?.packages_count,
    [trans.__('cells')]: m.content?.cell_count ?? m.cell_count
  };
  for (const d of m.data ?? []) {
    const key = trans.__('data: %1', d.path || d.url);
    const hash = d.hash ?? '';
    facts[key] = hash.length > 24 ? `${hash.slice(0, 22)}…` : hash;
  }
  for (const k of Object.keys(facts)) {
    if (facts[k] === undefined || facts[k] === null || facts[k] === '') {
      delete facts[k];
    }
  }
  return facts;
}

export class CompareWidget extends ReactWidget {
  constructor(readonly options: ICompareViewOptions) {
    super();
    this.addClass('jp-snapshots-runsCompare');
  }

  render(): JSX.Element {
    return <CompareView {...this.options} />;
  }
}

/**
 * Notebooks are fetched (for the cell picker of comments) for this many runs
 * at most; beyond, comments can still be written but not pinned to a cell.
 */
export const MAX_NOTEBOOKS = 12;

/**
 * The server's fingerprint of a run's code: the manifest's `content.code_hash`
 * (or a summary's `code_hash`); null for runs recorded before it existed.
 */
export function serverCodeHash(run: {
  content?: unknown;
  code_hash?: unknown;
}): string | null {
  const content = run.content as { code_hash?: unknown } | null | undefined;
  const hash = content?.code_hash ?? run.code_hash;
  return typeof hash === 'string' && hash ? hash : null;
}

async function loadRuns(api: ITeamRunsApi, ids: string[]): Promise<IRun[]> {
  const runs = await Promise.all(
    ids.map(async (id, i) => {
      const [summary, notebook] = await Promise.all([
        api.get(id),
        i < MAX_NOTEBOOKS ? api.notebook(id).catch(() => null) : null
      ]);
      return {
        summary,
        notebook,
        code: serverCodeHash(summary)
      };
    })
  );
  // Oldest first: the first column is the baseline the others are compared to.
  return runs.sort((a, b) =>
    a.summary.id < b.summary.id ? -1 : a.summary.id > b.summary.id ? 1 : 0
  );
}

/**
 * How each run relates to the baseline (the first run): its data compared by
 * the server's run diff (GET /diff, without outputs or metadata).
 */
async function loadRelations(
  api: ITeamRunsApi,
  runs: IRun[],
  trans: TranslationBundle
): Promise<IRelation[]> {
  const [baseline, ...others] = runs.map(r => ({
    id: r.summary.id,
    code: r.code
  }));
  if (!baseline || baseline.code === null) {
    return [];
  }
  const found = await Promise.all(
    others
      .filter(other => other.code !== null)
      .map(async other => {
        const reply = await api
          .diff(baseline.id, other.id, {
            ignoreOutputs: true,
            ignoreMetadata: true
          })
          .catch(() => null);
        return reply
          ? relationOf(baseline, other, reply.run_diff?.data ?? [], trans)
          : null;
      })
  );
  return found.filter((r): r is IRelation => r !== null);
}

export function CompareView(props: ICompareViewOptions): JSX.Element {
  const { api, ids } = props;
  const trans = props.trans ?? defaultTrans();
  const runs = useAsync(() => loadRuns(api, ids), [api, ids.join(',')]);
  if (runs.loading && !runs.value) {
    return (
      <div className="jp-snapshots-runsCompare-loading">
        {trans.__('Loading runs…')}
      </div>
    );
  }
  if (runs.error || !runs.value) {
    return (
      <div className="jp-snapshots-runsCompare-error" role="alert">
        {trans.__('Could not load the runs: %1', runs.error)}
      </div>
    );
  }
  return <CompareBody {...props} trans={trans} runs={runs.value} />;
}

function CompareBody(
  props: ICompareViewOptions & { runs: IRun[]; trans: TranslationBundle }
): JSX.Element {
  const { runs, actions, trans } = props;
  const [onlyDiff, setOnlyDiff] = React.useState(false);
  const manifests = runs.map(r => r.summary);
  const labels = manifests.map((m, i) => runLabel(m, i));
  const several = runs.length > 1;
  const relations =
    useAsync(
      () => loadRelations(props.api, runs, trans),
      [runs.map(r => r.summary.id).join(',')]
    ).value ?? [];
  const labelOf = (id: string) => labels[manifests.findIndex(m => m.id === id)];

  return (
    <div className="jp-snapshots-runsCompare-body">
      <section
        className="jp-snapshots-runsCompare-runs"
        aria-label={trans.__('Runs')}
      >
        {manifests.map((m, i) => (
          <RunCard
            key={m.id}
            run={m}
            label={labels[i]}
            baseline={several ? manifests[0] : null}
            index={i}
            actions={actions}
            trans={trans}
          />
        ))}
      </section>
      {relations.length > 0 && (
        <section
          className="jp-snapshots-runsCompare-relations"
          aria-label={trans.__('Code and data')}
        >
          {relations.map(r => (
            <RelationNote
              key={`${r.a}-${r.b}`}
              relation={r}
              a={labelOf(r.a)}
              b={labelOf(r.b)}
              trans={trans}
            />
          ))}
        </section>
      )}
      <MetricChart {...props} manifests={manifests} labels={labels} />
      {several && (
        <label className="jp-snapshots-runsCompare-onlyDiff">
          <input
            type="checkbox"
            checked={onlyDiff}
            onChange={e => setOnlyDiff(e.currentTarget.checked)}
          />{' '}
          {trans.__('Only show differences')}
        </label>
      )}
      <CompareTable
        title={trans.__('Parameters')}
        labels={labels}
        rows={compareRecords(manifests.map(m => m.params))}
        onlyDiff={onlyDiff}
        trans={trans}
      />
      <CompareTable
        title={trans.__('Metrics')}
        labels={labels}
        rows={compareRecords(manifests.map(m => m.metrics))}
        onlyDiff={onlyDiff}
        trans={trans}
      />
      <CompareTable
        title={trans.__('Run')}
        labels={labels}
        rows={compareRecords(manifests.map(m => runFacts(m, trans)))}
        onlyDiff={onlyDiff}
        trans={trans}
      />
      <ReproSections
        {...props}
        ids={manifests.map(m => m.id)}
        labels={labels}
      />
      <section
        className="jp-snapshots-runsCompare-comments"
        aria-label={trans.__('Comments')}
      >
        <h3>{trans.__('Comments')}</h3>
        {runs.map((r, i) => (
          <CommentThread
            key={r.summary.id}
            api={props.api}
            run={r}
            label={several ? labels[i] : ''}
            onAdded={count => actions.commentAdded(r.summary.id, count)}
            trans={trans}
          />
        ))}
      </section>
    </div>
  );
}
