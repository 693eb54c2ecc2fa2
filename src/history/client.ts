/**
 * The parts of the REST API the history, diff and read-only views need on top of
 * the base client in `../api`: secret scanning, identity, diff options, restore.
 */
import { buildQuery, IAuthor, ISnapshotSummary, SnapshotApi } from '../api';

export interface ISecretFinding {
  /** null: not in a cell (`where` is 'metadata': the notebook's metadata) */
  cell_index: number | null;
  cell_id?: string | null;
  where: 'source' | 'output' | 'metadata';
  kind: string;
  line?: number | null;
}

export interface ITakeOptions {
  path: string;
  content?: unknown;
  kernel_id?: string;
  message?: string;
  tags?: string[];
  redact_secrets?: boolean;
}

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

export interface IDiffResponse {
  base: Record<string, any>;
  diff: any[];
  run_diff: IRunDiff;
}

/** Map diff options onto the server's query flags (only the ones that are on). */
export function diffQuery(
  base: string,
  remote: string,
  options: IDiffOptions = {}
): string {
  return buildQuery({
    base,
    remote,
    ignore_outputs: options.ignoreOutputs ? 1 : undefined,
    ignore_metadata: options.ignoreMetadata ? 1 : undefined,
    ignore_execution_count: options.ignoreExecutionCount ? 1 : undefined,
    ignore_whitespace: options.ignoreWhitespace ? 1 : undefined
  });
}

export class SnapshotClient extends SnapshotApi {
  takeSnapshot(body: ITakeOptions): Promise<ISnapshotSummary> {
    return this.request<ISnapshotSummary>('snapshots', {
      method: 'POST',
      body: JSON.stringify(body)
    });
  }

  async secretsScan(content: unknown): Promise<ISecretFinding[]> {
    const reply = await this.request<{ findings?: ISecretFinding[] }>(
      'secrets-scan',
      { method: 'POST', body: JSON.stringify({ content }) }
    );
    return Array.isArray(reply?.findings) ? reply.findings : [];
  }

  whoami(): Promise<IAuthor> {
    return this.request<IAuthor>('whoami');
  }

  /**
   * Diff a snapshot with another snapshot or a notebook path. With
   * `remoteContent`, the remote is the notebook as shown in the browser
   * (unsaved edits included), sent in the body of a POST.
   */
  runDiff(
    base: string,
    remote: string,
    options: IDiffOptions = {},
    remoteContent?: unknown
  ): Promise<IDiffResponse> {
    if (remoteContent !== undefined) {
      const flags = diffQuery('', '', options);
      return this.request<IDiffResponse>(`diff${flags}`, {
        method: 'POST',
        body: JSON.stringify({ base, remote, remote_content: remoteContent })
      });
    }
    return this.request<IDiffResponse>(
      `diff${diffQuery(base, remote, options)}`
    );
  }
}
