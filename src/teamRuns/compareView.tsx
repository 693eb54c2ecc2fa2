/**
 * Run details (one run) and comparison (two or more): parameters and metrics
 * side by side with differences highlighted, a metric chart, "same code,
 * different data" flags, actions (open, diff, restore as a copy) and comments.
 */
import { IRenderMimeRegistry, MimeModel } from '@jupyterlab/rendermime';
import { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import type { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';
import { ISignal } from '@lumino/signaling';
import { Widget } from '@lumino/widgets';
import * as React from 'react';

import { ISnapshotSummary } from '../api';
import { colorOf, formatTime, formatValue, initialsOf } from '../common';
import { defaultTrans } from '../translation';
import { disposeAttached } from './attach';
import {
  barChartSpec,
  chartableMetrics,
  IChartTheme,
  lineChartSpec,
  readChartTheme,
  runLabel,
  VEGALITE_MIME
} from './charts';
import { IComment, IManifest, INotebookJSON, ITeamRunsApi } from '../api';
import {
  codeFingerprint,
  compareRecords,
  dataFingerprint,
  findRelations,
  ICompareRow,
  IRelation,
  relationLabel
} from './compare';

/** What the view asks its host (the plugin) to do. */
export interface ICompareActions {
  open(id: string): void;
  diff(base: string, remote: string): void;
  diffWithCurrent(id: string): void;
  restore(id: string): void;
  commentAdded(id: string, count: number): void;
  /** The notebook path "my current notebook" refers to, if any. */
  currentNotebook(): string | null;
}

export interface ICompareViewOptions {
  ids: string[];
  api: ITeamRunsApi;
  actions: ICompareActions;
  /** JupyterLab's registry; renders the Vega-Lite chart (none: no chart). */
  rendermime?: IRenderMimeRegistry | null;
  /** Emits when the theme changes (re-colour the chart). */
  themeChanged?: ISignal<any, any> | null;
  /** Translations of the user-visible texts (default: English). */
  trans?: TranslationBundle;
}

interface IRun {
  summary: IManifest;
  notebook: INotebookJSON | null;
  code: string | null;
  data: Record<string, string>;
}

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
    this.addClass('jp-TeamRunsCompare');
  }

  render(): JSX.Element {
    return <CompareView {...this.options} />;
  }
}

function useAsync<T>(
  factory: () => Promise<T>,
  deps: React.DependencyList
): { value: T | null; error: string; loading: boolean } {
  const [state, setState] = React.useState<{
    value: T | null;
    error: string;
    loading: boolean;
  }>({ value: null, error: '', loading: true });
  React.useEffect(() => {
    let live = true;
    setState(s => ({ ...s, loading: true }));
    factory().then(
      value => live && setState({ value, error: '', loading: false }),
      error =>
        live &&
        setState({
          value: null,
          error: error instanceof Error ? error.message : String(error),
          loading: false
        })
    );
    return () => {
      live = false;
    };
  }, deps);
  return state;
}

/**
 * Notebooks are fetched (for the code comparison and the cell picker of
 * comments) for this many runs at most; beyond, only manifests are compared.
 */
export const MAX_NOTEBOOKS = 12;

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
        code: codeFingerprint(notebook),
        data: dataFingerprint(summary.data)
      };
    })
  );
  // Oldest first: the first column is the baseline the others are compared to.
  return runs.sort((a, b) =>
    a.summary.id < b.summary.id ? -1 : a.summary.id > b.summary.id ? 1 : 0
  );
}

export function CompareView(props: ICompareViewOptions): JSX.Element {
  const { api, ids } = props;
  const trans = props.trans ?? defaultTrans();
  const runs = useAsync(() => loadRuns(api, ids), [api, ids.join(',')]);
  if (runs.loading && !runs.value) {
    return (
      <div className="jp-TeamRunsCompare-loading">
        {trans.__('Loading runs…')}
      </div>
    );
  }
  if (runs.error || !runs.value) {
    return (
      <div className="jp-TeamRunsCompare-error" role="alert">
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
  const relations = findRelations(
    runs.map(r => ({ id: r.summary.id, code: r.code, data: r.data })),
    trans
  );
  const labelOf = (id: string) => labels[manifests.findIndex(m => m.id === id)];

  return (
    <div className="jp-TeamRunsCompare-body">
      <section
        className="jp-TeamRunsCompare-runs"
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
      {runs.length > MAX_NOTEBOOKS && (
        <div className="jp-TeamRunsCompare-none">
          {trans._n(
            'Code and data are compared for the first run only.',
            'Code and data are compared for the first %1 runs only.',
            MAX_NOTEBOOKS
          )}
        </div>
      )}
      {relations.length > 0 && (
        <section
          className="jp-TeamRunsCompare-relations"
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
        <label className="jp-TeamRunsCompare-onlyDiff">
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
      <section
        className="jp-TeamRunsCompare-comments"
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

function Avatar(props: { author: ISnapshotSummary['author'] }): JSX.Element {
  return (
    <span
      className="jp-TeamRuns-avatar"
      style={{ backgroundColor: colorOf(props.author) }}
      aria-hidden="true"
    >
      {initialsOf(props.author)}
    </span>
  );
}

function RunCard(props: {
  run: IManifest;
  label: string;
  baseline: IManifest | null;
  index: number;
  actions: ICompareActions;
  trans: TranslationBundle;
}): JSX.Element {
  const { run, actions, baseline, index, trans } = props;
  const current = actions.currentNotebook();
  return (
    <article className="jp-TeamRunsCompare-card" data-snapshot-id={run.id}>
      <div className="jp-TeamRunsCompare-cardLabel">
        {baseline
          ? index === 0
            ? trans.__('#%1 · baseline', index + 1)
            : `#${index + 1}`
          : trans.__('Run')}
      </div>
      <div className="jp-TeamRunsCompare-cardMessage">
        {run.message || trans.__('(no message)')}
      </div>
      <div className="jp-TeamRunsCompare-cardMeta">
        <Avatar author={run.author} />
        <span>{run.author?.name || run.author?.username}</span>
        <span title={new Date(run.created).toLocaleString()}>
          {formatTime(run.created, new Date(), trans)}
        </span>
      </div>
      <div className="jp-TeamRunsCompare-cardMeta">
        <span className="jp-TeamRunsCompare-path" title={run.notebook?.path}>
          {run.notebook?.path}
        </span>
      </div>
      {(run.tags ?? []).length > 0 && (
        <div className="jp-TeamRunsCompare-cardMeta">
          {run.tags.map(t => (
            <span key={t} className="jp-TeamRuns-tag">
              {t}
            </span>
          ))}
        </div>
      )}
      <div className="jp-TeamRunsCompare-id" title={trans.__('Snapshot id')}>
        {run.id}
      </div>
      <div className="jp-TeamRunsCompare-actions">
        <button
          type="button"
          className="jp-TeamRunsCompare-action"
          onClick={() => actions.open(run.id)}
          title={trans.__("Open this run's notebook read-only")}
        >
          {trans.__('Open')}
        </button>
        {baseline && index > 0 && (
          <button
            type="button"
            className="jp-TeamRunsCompare-action"
            onClick={() => actions.diff(baseline.id, run.id)}
            title={trans.__('Diff the baseline run with this run')}
          >
            {trans.__('Diff with #1')}
          </button>
        )}
        <button
          type="button"
          className="jp-TeamRunsCompare-action"
          onClick={() => actions.diffWithCurrent(run.id)}
          title={
            current
              ? trans.__('Diff this run with %1', current)
              : trans.__(
                  'Diff this run with %1 in your workspace',
                  run.notebook?.path ?? trans.__('its notebook')
                )
          }
        >
          {trans.__('Diff with my notebook')}
        </button>
        <button
          type="button"
          className="jp-TeamRunsCompare-action"
          onClick={() => actions.restore(run.id)}
          title={trans.__(
            "Save this run's notebook as a new file in your workspace"
          )}
        >
          {trans.__('Restore as a copy')}
        </button>
      </div>
    </article>
  );
}

function RelationNote(props: {
  relation: IRelation;
  a: string;
  b: string;
  trans: TranslationBundle;
}): JSX.Element {
  const { relation, a, b, trans } = props;
  return (
    <div
      className={`jp-TeamRunsCompare-relation jp-mod-${relation.kind}`}
      role="note"
    >
      <strong>
        {trans.__('%1 and %2: %3', a, b, relationLabel(relation.kind, trans))}
      </strong>
      {relation.kind === 'same-code-different-data' ? (
        <span>
          {' '}
          {trans.__(
            '— the code cells are identical but the data they read is not:'
          )}
        </span>
      ) : (
        <span>
          {' '}
          {trans.__('— they read identical data files with different code.')}
        </span>
      )}
      {relation.details.length > 0 && (
        <ul>
          {relation.details.map(d => (
            <li key={d}>{d}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function CompareTable(props: {
  title: string;
  labels: string[];
  rows: ICompareRow[];
  onlyDiff: boolean;
  trans: TranslationBundle;
}): JSX.Element {
  const { title, labels, onlyDiff, trans } = props;
  const rows = onlyDiff ? props.rows.filter(r => r.differs) : props.rows;
  const several = labels.length > 1;
  const differing = props.rows.filter(r => r.differs).length;
  return (
    <section className="jp-TeamRunsCompare-section" aria-label={title}>
      <h3>
        {title}
        {several && props.rows.length > 0 && (
          <span className="jp-TeamRunsCompare-count">
            {trans._n(
              '%2 of %1 differ',
              '%2 of %1 differ',
              props.rows.length,
              differing
            )}
          </span>
        )}
      </h3>
      {props.rows.length === 0 ? (
        <div className="jp-TeamRunsCompare-none">
          {trans.__('None recorded.')}
        </div>
      ) : (
        <table className="jp-TeamRunsCompare-table">
          <thead>
            <tr>
              <th scope="col">{trans.__('Name')}</th>
              {labels.map((l, i) => (
                <th scope="col" key={i}>
                  {several ? l : trans.__('Value')}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map(r => (
              <tr
                key={r.name}
                className={r.differs ? 'jp-mod-differs' : undefined}
              >
                <th scope="row">{r.name}</th>
                {r.values.map((v, i) => (
                  <td
                    key={i}
                    className={
                      (r.changed[i] ? 'jp-mod-changed ' : '') +
                      (!r.present[i] ? 'jp-mod-missing' : '')
                    }
                    title={
                      r.changed[i] ? trans.__('differs from #1') : undefined
                    }
                  >
                    {r.present[i] ? formatValue(v) : '—'}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Renders a Vega-Lite spec with JupyterLab's own renderer. */
function VegaChart(props: {
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
  return <div className="jp-TeamRunsCompare-chart" ref={host} />;
}

function MetricChart(
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
      className="jp-TeamRunsCompare-section"
      aria-label={trans.__('Chart')}
    >
      <h3>{trans.__('Chart')}</h3>
      <div className="jp-TeamRunsCompare-chartControls">
        <label>
          {trans.__('Metric')}{' '}
          <select
            className="jp-mod-styled"
            aria-label={trans.__('Chart metric')}
            value={metric}
            onChange={e => setMetric(e.currentTarget.value)}
          >
            {metrics.map(m => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </label>
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
          <label>
            {trans.__('Notebook')}{' '}
            <select
              className="jp-mod-styled"
              aria-label={trans.__('Chart notebook')}
              value={notebook}
              onChange={e => setNotebook(e.currentTarget.value)}
            >
              {notebooks.map(n => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
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
        <div className="jp-TeamRunsCompare-none">{empty}</div>
      )}
    </section>
  );
}

function cellChoices(
  notebook: INotebookJSON | null,
  trans: TranslationBundle
): { id: string; label: string }[] {
  if (!notebook) {
    return [];
  }
  return notebook.cells
    .map((c, i) => {
      const source = Array.isArray(c.source) ? c.source.join('') : c.source;
      const first = (source || '').split('\n').find(l => l.trim()) ?? '';
      const snippet = first.length > 40 ? `${first.slice(0, 39)}…` : first;
      return {
        id: c.id ?? '',
        label: snippet
          ? trans.__('Cell %1 (%2): %3', i + 1, c.cell_type, snippet)
          : trans.__('Cell %1 (%2)', i + 1, c.cell_type)
      };
    })
    .filter(c => c.id);
}

function CommentThread(props: {
  api: ITeamRunsApi;
  run: IRun;
  label: string;
  onAdded: (count: number) => void;
  trans: TranslationBundle;
}): JSX.Element {
  const { api, run, label, onAdded, trans } = props;
  const id = run.summary.id;
  const [comments, setComments] = React.useState<IComment[] | null>(null);
  const [error, setError] = React.useState('');
  const [text, setText] = React.useState('');
  const [cell, setCell] = React.useState('');
  const [posting, setPosting] = React.useState(false);
  const cells = cellChoices(run.notebook, trans);
  const cellLabel = (cellId: string | null | undefined) =>
    cellId
      ? (cells.find(c => c.id === cellId)?.label ?? trans.__('cell %1', cellId))
      : '';

  React.useEffect(() => {
    let live = true;
    api.comments(id).then(
      items => live && setComments(items),
      e => live && setError(e instanceof Error ? e.message : String(e))
    );
    return () => {
      live = false;
    };
  }, [api, id]);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const body = text.trim();
    if (!body || posting) {
      return;
    }
    setPosting(true);
    setError('');
    try {
      const added = await api.addComment(id, body, cell || null);
      const next = [...(comments ?? []), added];
      setComments(next);
      setText('');
      setCell('');
      onAdded(next.length);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setPosting(false);
    }
  };

  const inputId = `jp-TeamRuns-comment-${id}`;
  return (
    <div className="jp-TeamRunsCompare-thread" data-snapshot-id={id}>
      {label && <h4>{label}</h4>}
      {comments === null && !error && (
        <div className="jp-TeamRunsCompare-none">
          {trans.__('Loading comments…')}
        </div>
      )}
      {comments !== null && comments.length === 0 && (
        <div className="jp-TeamRunsCompare-none">
          {trans.__('No comments yet.')}
        </div>
      )}
      {comments !== null && comments.length > 0 && (
        <ul className="jp-TeamRunsCompare-commentList">
          {comments.map(c => (
            <li key={c.id} className="jp-TeamRunsCompare-comment">
              <div className="jp-TeamRunsCompare-commentMeta">
                <Avatar author={c.author} />
                <span className="jp-TeamRunsCompare-commentAuthor">
                  {c.author?.name || c.author?.username}
                </span>
                <span title={new Date(c.created).toLocaleString()}>
                  {formatTime(c.created, new Date(), trans)}
                </span>
                {c.cell_id && (
                  <span className="jp-TeamRunsCompare-commentCell">
                    {trans.__('on %1', cellLabel(c.cell_id))}
                  </span>
                )}
              </div>
              <div className="jp-TeamRunsCompare-commentText">{c.text}</div>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <div className="jp-TeamRunsCompare-error" role="alert">
          {error}
        </div>
      )}
      <form className="jp-TeamRunsCompare-commentForm" onSubmit={submit}>
        <label htmlFor={inputId} className="jp-TeamRunsCompare-srOnly">
          {label
            ? trans.__('Comment on %1', label)
            : trans.__('Comment on this run')}
        </label>
        <textarea
          id={inputId}
          className="jp-mod-styled"
          placeholder={trans.__('Add a comment…')}
          value={text}
          rows={2}
          onChange={e => setText(e.currentTarget.value)}
          onKeyDown={e => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              void submit(e);
            }
          }}
        />
        <div className="jp-TeamRunsCompare-commentControls">
          {cells.length > 0 && (
            <select
              className="jp-mod-styled"
              aria-label={trans.__('Comment on a cell (optional)')}
              value={cell}
              onChange={e => setCell(e.currentTarget.value)}
            >
              <option value="">{trans.__('Whole run')}</option>
              {cells.map(c => (
                <option key={c.id} value={c.id}>
                  {c.label}
                </option>
              ))}
            </select>
          )}
          <button
            type="submit"
            className="jp-Button jp-mod-styled jp-mod-accept"
            disabled={posting || !text.trim()}
          >
            {posting ? trans.__('Posting…') : trans.__('Add comment')}
          </button>
        </div>
      </form>
    </div>
  );
}
