/**
 * The run diff summary shown above the notebook diff: parameters, metrics, data,
 * packages, kernel, commit. Every value is rendered as text.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import { IRunDiff } from '../api';
import {
  changeCounts,
  dataRows,
  fieldRows,
  gitLine,
  metricRows,
  packageRows,
  paramRows
} from './format';
import { defaultTrans } from '../translation';

function Section(props: {
  title: string;
  name: string;
  count?: number;
  empty: string;
  children?: React.ReactNode;
  hasRows: boolean;
}): JSX.Element {
  return (
    <section
      className={`jp-snapshots-rundiff-section jp-snapshots-rundiff-${props.name}`}
      aria-label={props.title}
    >
      <h3>
        {props.title}
        {props.count ? (
          <span className="jp-snapshots-rundiff-count">{props.count}</span>
        ) : null}
      </h3>
      {props.hasRows ? (
        props.children
      ) : (
        <p className="jp-snapshots-rundiff-none">{props.empty}</p>
      )}
    </section>
  );
}

/** One "name: old → new" row; `children` are extra cells (delta, direction). */
function ChangeRow(props: {
  name: string;
  change: string;
  base: React.ReactNode;
  remote: React.ReactNode;
  arrowLabel: string;
  children?: React.ReactNode;
}): JSX.Element {
  return (
    <tr className={`jp-mod-${props.change}`}>
      <th scope="row">{props.name}</th>
      <td className="jp-snapshots-old">{props.base}</td>
      <td>
        <Arrow label={props.arrowLabel} />
      </td>
      <td className="jp-snapshots-new">{props.remote}</td>
      {props.children}
    </tr>
  );
}

function Arrow(props: { label: string }): JSX.Element {
  return (
    <span className="jp-snapshots-arrow" aria-label={props.label}>
      →
    </span>
  );
}

/** A path that may wrap after its separators, never inside a name. */
function PathText(props: { path: string }): JSX.Element {
  const parts = props.path.split(/(?<=\/)/);
  return (
    <>
      {parts.map((part, i) => (
        <React.Fragment key={i}>
          {part}
          {i < parts.length - 1 ? <wbr /> : null}
        </React.Fragment>
      ))}
    </>
  );
}

export function RunDiffView(props: {
  runDiff: IRunDiff;
  /** The remote side is the live notebook (no kernel/environment facts). */
  live?: boolean;
  /** Translations of the user-visible texts (default: English). */
  trans?: TranslationBundle;
}): JSX.Element {
  const trans = props.trans ?? defaultTrans();
  const arrowLabel = trans.__('changed to');
  const rd = props.runDiff;
  const params = paramRows(rd.params);
  const metrics = metricRows(rd.metrics);
  const data = dataRows(rd.data, trans).filter(d => d.change !== 'unchanged');
  const packages = packageRows(rd.packages).filter(
    p => p.change !== 'unchanged'
  );
  // Facts a live notebook does not have are unknown, not "changed to —".
  const kernel = fieldRows(rd.kernel).filter(
    k => !props.live || k.remote !== '—'
  );
  const git = gitLine(rd.git, trans);
  const counts = { ...changeCounts(rd) };
  counts.kernel = kernel.length;
  const unknown = rd.base_known === false || rd.remote_known === false;

  return (
    <div className="jp-snapshots-rundiff" aria-label={trans.__('Run diff')}>
      <p className="jp-snapshots-rundiff-summary">{rd.summary}</p>
      {unknown ? (
        <p className="jp-snapshots-rundiff-note">
          {trans.__(
            'The current notebook has no snapshot yet, so its parameters, metrics, data and environment are not known; only the notebook itself is compared.'
          )}
        </p>
      ) : null}
      <div className="jp-snapshots-rundiff-grid">
        <Section
          title={trans.__('Parameters')}
          name="params"
          count={counts.params}
          hasRows={params.length > 0}
          empty={trans.__('unchanged')}
        >
          <table className="jp-snapshots-rundiff-table">
            <tbody>
              {params.map(p => (
                <ChangeRow key={p.name} {...p} arrowLabel={arrowLabel} />
              ))}
            </tbody>
          </table>
        </Section>
        <Section
          title={trans.__('Metrics')}
          name="metrics"
          count={counts.metrics}
          hasRows={metrics.length > 0}
          empty={trans.__('none logged')}
        >
          <table className="jp-snapshots-rundiff-table">
            <tbody>
              {metrics.map(m => (
                <ChangeRow key={m.name} {...m} arrowLabel={arrowLabel}>
                  <td className={`jp-snapshots-delta jp-mod-${m.tone}`}>
                    {m.delta}
                  </td>
                </ChangeRow>
              ))}
            </tbody>
          </table>
        </Section>
        <Section
          title={trans.__('Data files')}
          name="data"
          count={counts.data}
          hasRows={data.length > 0}
          empty={
            rd.data?.length ? trans.__('unchanged') : trans.__('none recorded')
          }
        >
          <table className="jp-snapshots-rundiff-table">
            <tbody>
              {data.map(d => (
                <tr key={d.path} className={`jp-mod-${d.change}`}>
                  <th scope="row" title={d.path}>
                    <PathText path={d.path} />
                  </th>
                  <td className="jp-snapshots-data-label">{d.label}</td>
                  <td className="jp-snapshots-data-detail">{d.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Section>
        <Section
          title={trans.__('Packages')}
          name="packages"
          count={counts.packages}
          hasRows={packages.length > 0}
          empty={trans.__('unchanged')}
        >
          <table className="jp-snapshots-rundiff-table">
            <tbody>
              {packages.map(p => (
                <ChangeRow key={p.name} {...p} arrowLabel={arrowLabel}>
                  <td className="jp-snapshots-data-label">{p.direction}</td>
                </ChangeRow>
              ))}
            </tbody>
          </table>
        </Section>
        <Section
          title={trans.__('Kernel')}
          name="kernel"
          count={counts.kernel}
          hasRows={kernel.length > 0}
          empty={
            props.live
              ? trans.__('known only for snapshots')
              : trans.__('unchanged')
          }
        >
          <table className="jp-snapshots-rundiff-table">
            <tbody>
              {kernel.map(k => (
                <tr key={k.name}>
                  <th scope="row">{k.name}</th>
                  <td className="jp-snapshots-old">{k.base}</td>
                  <td>
                    <Arrow label={arrowLabel} />
                  </td>
                  <td className="jp-snapshots-new">{k.remote}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Section>
        <Section
          title={trans.__('Code version')}
          name="git"
          hasRows={!!git}
          empty={trans.__('not in a git repository')}
        >
          <p className="jp-snapshots-rundiff-git">{git}</p>
        </Section>
      </div>
    </div>
  );
}
