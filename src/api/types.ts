/**
 * The REST API's request and response types. They come from the generated
 * `schema.d.ts` (jupyter_ext/openapi.json); where the document only says
 * `{"type": "object"}`, the fields the views read are narrowed here (each one
 * listed as a field the document should describe).
 */
import type { components, operations } from './schema';

/** The schemas of the OpenAPI document. */
export type Schemas = components['schemas'];

type JsonOf<R> = R extends { content: { 'application/json': infer B } }
  ? B
  : never;

/** The JSON body of an operation's success (200 or 201) response. */
export type ResponseOf<K extends keyof operations> = operations[K] extends {
  responses: { 200: infer R };
}
  ? JsonOf<R>
  : operations[K] extends { responses: { 201: infer R } }
    ? JsonOf<R>
    : never;

/** The query parameters of an operation. */
export type QueryOf<K extends keyof operations> = operations[K] extends {
  parameters: { query?: infer Q };
}
  ? NonNullable<Q>
  : never;

/** The JSON request body of an operation. */
export type BodyOf<K extends keyof operations> = operations[K] extends {
  requestBody: { content: { 'application/json': infer B } };
}
  ? B
  : operations[K] extends {
        requestBody?: { content: { 'application/json': infer B } };
      }
    ? B
    : never;

export type IAuthor = Schemas['Author'];
export type IHealth = ResponseOf<'health'>;
export type IListQuery = QueryOf<'listSnapshots'>;
/** `TakeRequest`; `content` is the notebook as JupyterLab serialises it. */
export type ITakeRequest = Omit<BodyOf<'takeSnapshot'>, 'content'> & {
  content?: unknown;
};
export type IComment = Schemas['Comment'];

/** A notebook as the store records it (`Summary.notebook`, an object in the document). */
export interface INotebookRef {
  path: string;
  name: string;
  key: string;
}

/** A list item (`Summary`): the server always sends notebook, params and metrics. */
export type ISnapshotSummary = Schemas['Summary'] & {
  notebook: INotebookRef;
  params: Record<string, unknown>;
  metrics: Record<string, number>;
  kernel?: { name?: string; display_name?: string } | null;
};

export type ISnapshotPage = Omit<ResponseOf<'listSnapshots'>, 'items'> & {
  items: ISnapshotSummary[];
};

/** A data file a run read, as recorded in its manifest. */
export interface IDataRef {
  path?: string | null;
  url?: string | null;
  mode?: string | null;
  hash?: string | null;
  size?: number;
  mtime?: string;
}

/** The parts of a manifest (`Manifest`, docs/internals.md) the views read. */
export type IManifest = Omit<Schemas['Manifest'], 'format' | 'content'> &
  ISnapshotSummary & {
    data?: IDataRef[];
    git?: {
      commit?: string;
      branch?: string;
      dirty?: boolean;
      remote?: string;
    } | null;
    environment?: {
      os?: string;
      hostname?: string;
      python?: string;
      packages_count?: number;
      imported_packages?: Record<string, string>;
    } | null;
    kernel?: {
      name?: string;
      display_name?: string;
      language?: string;
      implementation_version?: string;
      state?: string;
    } | null;
    content?: { cells?: string[]; cell_count?: number } | null;
  };

/** A notebook as nbformat JSON (only what the views read is typed). */
export interface INotebookJSON {
  cells: {
    id?: string;
    cell_type: string;
    source: string | string[];
    outputs?: any[];
    execution_count?: number | null;
    metadata?: Record<string, any>;
  }[];
  metadata?: Record<string, any>;
  nbformat?: number;
  nbformat_minor?: number;
}

/** A possible secret in a notebook (`SecretFinding`). */
export type ISecretFinding = Schemas['SecretFinding'] & {
  /** null: not in a cell (`where` is 'metadata': the notebook's metadata) */
  cell_index: number | null;
  where: 'source' | 'output' | 'metadata';
  kind: string;
};

/** What to leave out of a notebook diff (each maps to an `ignore_*` query flag). */
export interface IDiffOptions {
  ignoreOutputs?: boolean;
  ignoreMetadata?: boolean;
  ignoreExecutionCount?: boolean;
  ignoreWhitespace?: boolean;
}

export interface IParamChange {
  name: string;
  base: unknown;
  remote: unknown;
  change: string;
}

export interface IMetricChange extends IParamChange {
  delta: number | null;
  delta_pct: number | null;
}

export interface IDataChange {
  path: string;
  change: string;
  base_hash?: string | null;
  remote_hash?: string | null;
  base_size?: number | null;
  remote_size?: number | null;
}

export interface IPackageChange extends IParamChange {
  direction?: 'upgrade' | 'downgrade' | null;
}

/** `DiffResult.run_diff` (an object in the document; its fields as the server sends them). */
export interface IRunDiff {
  base_known?: boolean;
  remote_known?: boolean;
  params: IParamChange[];
  metrics: IMetricChange[];
  data: IDataChange[];
  packages: IPackageChange[];
  kernel: Record<string, { base: unknown; remote: unknown }>;
  environment?: Record<string, { base: unknown; remote: unknown }>;
  git: {
    base_commit?: string | null;
    remote_commit?: string | null;
    changed?: boolean | null;
    base_branch?: string | null;
    remote_branch?: string | null;
    base_dirty?: boolean | null;
    remote_dirty?: boolean | null;
  };
  author?: {
    base?: string | null;
    remote?: string | null;
    same?: boolean | null;
  };
  time?: {
    base?: string | null;
    remote?: string | null;
    elapsed_s?: number | null;
  };
  notebook?: {
    same?: boolean | null;
    base_path?: string | null;
    remote_path?: string | null;
  };
  summary: string;
}

export type IDiffResponse = Omit<ResponseOf<'diff'>, 'run_diff' | 'base'> & {
  base: Record<string, any>;
  diff: any[];
  run_diff: IRunDiff;
};

/** A re-run job (`RerunJob`): queued, running, then done with a verdict. */
export type IRerunJob = Schemas['RerunJob'];
/** An immutable verification record (`Verification`). */
export type IVerification = Schemas['Verification'];
/** The latest verdict of each verified snapshot, by snapshot id. */
export type ILatestVerdicts = ResponseOf<'latestVerdicts'>['verdicts'];
/** What `POST /snapshots/{id}/rerun` accepts (`timeout`, `rtol`). */
export type IRerunRequest = NonNullable<BodyOf<'rerunSnapshot'>>;
/** Files a run read from earlier runs, and later runs that read what it wrote. */
export type ILineage = ResponseOf<'getLineage'>;
export type ILineageLink = Schemas['LineageLink'];
/** A file a run wrote, kept in the store (`Artifact`). */
export type IArtifact = Schemas['Artifact'];
/** The formats `GET /snapshots/{id}/env` writes. */
export type EnvironmentFormat = 'requirements' | 'conda';
