/**
 * A run's reproduction sections in the details view: its latest verification
 * (verdict, link to the re-run), its lineage ("produced by Ana's run X" for
 * files it read, "used by" for files it wrote) and the files it kept, with
 * Download and Copy environment.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import type {
  IArtifact,
  ILineage,
  ILineageLink,
  ITeamRunsApi,
  IVerification
} from '../../api';
import { authorName, shortId, verdictText } from '../../common';
import {
  artifactLabel,
  copyEnvironment,
  downloadArtifact
} from '../../repro/files';
import { ICompareActions, useAsync } from './types';

/** The client methods the sections read. */
type IReproApi = Pick<
  ITeamRunsApi,
  'verifications' | 'lineage' | 'artifacts' | 'artifact' | 'environmentFile'
>;

/** Shown for this many runs at most (three requests each). */
const MAX_RUNS = 6;

export function ReproSections(props: {
  api: ITeamRunsApi;
  ids: string[];
  labels: string[];
  actions: ICompareActions;
  trans: TranslationBundle;
}): JSX.Element | null {
  const api = props.api;
  const several = props.ids.length > 1;
  return (
    <section
      className="jp-snapshots-repro"
      aria-label={props.trans.__('Reproduction')}
    >
      <h3>{props.trans.__('Reproduction')}</h3>
      {props.ids.slice(0, MAX_RUNS).map((id, i) => (
        <RunRepro
          key={id}
          api={api}
          id={id}
          label={several ? props.labels[i] : ''}
          actions={props.actions}
          trans={props.trans}
        />
      ))}
    </section>
  );
}

interface IReproFacts {
  verification: IVerification | null;
  lineage: ILineage | null;
  artifacts: IArtifact[] | null;
}

async function loadFacts(api: IReproApi, id: string): Promise<IReproFacts> {
  const [verifications, lineage, artifacts] = await Promise.all([
    api.verifications(id).catch(() => null),
    api.lineage(id).catch(() => null),
    api.artifacts(id).catch(() => null)
  ]);
  return {
    verification: verifications?.length
      ? verifications[verifications.length - 1]
      : null,
    lineage,
    artifacts
  };
}

function RunRepro(props: {
  api: IReproApi;
  id: string;
  label: string;
  actions: ICompareActions;
  trans: TranslationBundle;
}): JSX.Element {
  const { api, id, label, actions, trans } = props;
  const facts = useAsync(() => loadFacts(api, id), [api, id]);
  return (
    <div className="jp-snapshots-repro-run" data-snapshot-id={id}>
      {label && <h4>{label}</h4>}
      {!facts.value ? (
        <div className="jp-snapshots-runsCompare-none">
          {facts.error || trans.__('Loading…')}
        </div>
      ) : (
        <>
          <Verification
            id={id}
            record={facts.value.verification}
            actions={actions}
            trans={trans}
          />
          <Lineage
            lineage={facts.value.lineage}
            actions={actions}
            trans={trans}
          />
          <FilesKept
            api={api}
            id={id}
            artifacts={facts.value.artifacts}
            trans={trans}
          />
        </>
      )}
    </div>
  );
}

function Verification(props: {
  id: string;
  record: IVerification | null;
  actions: ICompareActions;
  trans: TranslationBundle;
}): JSX.Element {
  const { id, record, actions, trans } = props;
  const verdict = record ? verdictText(record.verdict, trans) : null;
  const review = record
    ? record.cells.filter(c => c.status !== 'same' && c.status !== 'close')
    : [];
  return (
    <div className="jp-snapshots-repro-section jp-snapshots-repro-verification">
      <h5>{trans.__('Verification')}</h5>
      {!record || !verdict ? (
        <div className="jp-snapshots-runsCompare-none">
          {trans.__(
            'Not verified yet: right-click here (or press Shift+F10 on a button here) and choose "Re-run to verify".'
          )}
        </div>
      ) : (
        <div className="jp-snapshots-repro-line">
          <span className={verdict.className} title={verdict.title}>
            {verdict.label}
          </span>
          <span>
            {trans.__(
              're-run by %1 on %2',
              authorName(record.author),
              new Date(record.created).toLocaleString()
            )}
          </span>
          {review.length > 0 && (
            <span>
              {trans.__(
                'cells to review: %1',
                review.map(c => c.index + 1).join(', ')
              )}
            </span>
          )}
          {record.rerun && (
            <>
              <button
                type="button"
                className="jp-snapshots-runsCompare-action"
                onClick={() => actions.diff(id, record.rerun as string)}
              >
                {trans.__('Show diff with the re-run')}
              </button>
              <button
                type="button"
                className="jp-snapshots-runsCompare-action"
                onClick={() => actions.open(record.rerun as string)}
              >
                {trans.__('Open the re-run %1', shortId(record.rerun))}
              </button>
            </>
          )}
        </div>
      )}
      {record && record.data_changed.length > 0 && (
        <div className="jp-snapshots-repro-note">
          {trans.__(
            'Data files changed since the run: %1',
            record.data_changed.join(', ')
          )}
        </div>
      )}
    </div>
  );
}

function LinkList(props: {
  links: ILineageLink[];
  relation: 'produced' | 'used';
  actions: ICompareActions;
  trans: TranslationBundle;
}): JSX.Element {
  const { links, relation, actions, trans } = props;
  return (
    <ul className="jp-snapshots-repro-links">
      {links.map(link => {
        const run = link.author
          ? trans.__("%1's run %2", link.author, shortId(link.snapshot))
          : trans.__('run %1', shortId(link.snapshot));
        return (
          <li
            key={`${link.path}-${link.snapshot}`}
            className={`jp-snapshots-repro-link jp-mod-${relation}`}
          >
            <code>{link.path}</code>{' '}
            <span>
              {relation === 'produced'
                ? trans.__('produced by')
                : trans.__('used by')}
            </span>{' '}
            <button
              type="button"
              className="jp-snapshots-repro-runLink"
              data-snapshot-id={link.snapshot}
              title={trans.__('Open run %1 read-only', shortId(link.snapshot))}
              onClick={() => actions.open(link.snapshot)}
            >
              {run}
            </button>
            {link.notebook && (
              <span className="jp-snapshots-repro-notebook">
                {' '}
                ({link.notebook})
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}

function Lineage(props: {
  lineage: ILineage | null;
  actions: ICompareActions;
  trans: TranslationBundle;
}): JSX.Element {
  const { lineage, actions, trans } = props;
  const upstream = lineage?.upstream ?? [];
  const downstream = lineage?.downstream ?? [];
  return (
    <div className="jp-snapshots-repro-section jp-snapshots-repro-lineage">
      <h5>{trans.__('Lineage')}</h5>
      {lineage === null && (
        <div className="jp-snapshots-runsCompare-none">
          {trans.__('Lineage is not available.')}
        </div>
      )}
      {lineage !== null && upstream.length + downstream.length === 0 && (
        <div className="jp-snapshots-runsCompare-none">
          {trans.__(
            'No other run wrote the files it read or read the files it wrote.'
          )}
        </div>
      )}
      {upstream.length > 0 && (
        <LinkList
          links={upstream}
          relation="produced"
          actions={actions}
          trans={trans}
        />
      )}
      {downstream.length > 0 && (
        <LinkList
          links={downstream}
          relation="used"
          actions={actions}
          trans={trans}
        />
      )}
    </div>
  );
}

function FilesKept(props: {
  api: IReproApi;
  id: string;
  artifacts: IArtifact[] | null;
  trans: TranslationBundle;
}): JSX.Element {
  const { api, id, artifacts, trans } = props;
  return (
    <div className="jp-snapshots-repro-section jp-snapshots-repro-files">
      <h5>{trans.__('Files kept')}</h5>
      {artifacts !== null && artifacts.length === 0 && (
        <div className="jp-snapshots-runsCompare-none">
          {trans.__('This run kept no files it wrote.')}
        </div>
      )}
      {artifacts !== null && artifacts.length > 0 && (
        <ul className="jp-snapshots-repro-artifacts">
          {artifacts.map(a => (
            <li key={a.path} className="jp-snapshots-repro-artifact">
              <span>{artifactLabel(a)}</span>{' '}
              <button
                type="button"
                className="jp-snapshots-runsCompare-action"
                aria-label={trans.__('Download %1', a.path)}
                onClick={() => void downloadArtifact(api, id, a.path, trans)}
              >
                {trans.__('Download')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="jp-snapshots-repro-line">
        <span>{trans.__('Environment:')}</span>
        <button
          type="button"
          className="jp-snapshots-runsCompare-action"
          onClick={() => void copyEnvironment(api, id, 'requirements', trans)}
        >
          {trans.__('Copy as requirements.txt')}
        </button>
        <button
          type="button"
          className="jp-snapshots-runsCompare-action"
          onClick={() => void copyEnvironment(api, id, 'conda', trans)}
        >
          {trans.__('Copy as conda environment.yml')}
        </button>
      </div>
    </div>
  );
}
