/**
 * Generated from jupyter_ext/openapi.json by `jlpm build:api-types`
 * (scripts/apiTypes.js, openapi-typescript). Do not edit by hand.
 */
export interface paths {
  '/health': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Extension status */
    get: operations['health'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/whoami': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The author this server records for you */
    get: operations['whoami'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/openapi.json': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** This document */
    get: operations['openapi'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/snapshots': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List snapshots, newest first */
    get: operations['listSnapshots'];
    put?: never;
    /** Snapshot a notebook (as shown, or as saved) */
    post: operations['takeSnapshot'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/snapshots/{snapshot_id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A snapshot's manifest */
    get: operations['getSnapshot'];
    put?: never;
    post?: never;
    /** Delete (tombstone) one of your snapshots */
    delete: operations['deleteSnapshot'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/snapshots/{snapshot_id}/notebook': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The notebook exactly as snapshotted */
    get: operations['getSnapshotNotebook'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/snapshots/{snapshot_id}/restore': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Restore a snapshot as a new notebook (never overwrites)
     * @description Creates the file exclusively: 409 if it exists or appears meanwhile. Hidden targets are refused (400) as the contents API refuses them unless ContentsManager.allow_hidden.
     */
    post: operations['restoreSnapshot'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/diff': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Notebook diff (nbdime format) and run diff */
    get: operations['diff'];
    put?: never;
    /** Diff against the notebook as shown in the browser */
    post: operations['diffLive'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/secrets-scan': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Find credentials in a notebook before sharing it */
    post: operations['scanSecrets'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/snapshots/{snapshot_id}/comments': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Comments on a snapshot, oldest first */
    get: operations['listComments'];
    put?: never;
    /** Comment on a snapshot (immutable, stored beside it) */
    post: operations['addComment'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/comments/counts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * How many comments each snapshot has (only snapshots with comments)
     * @description One map for the whole store, so open views can refresh their comment counts with one request per poll. Comments written through other servers on the same store show within the store's sync interval (a few seconds). May name snapshots that were deleted since.
     */
    get: operations['commentCounts'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/snapshots/{snapshot_id}/rerun': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Re-run a snapshot to verify it (a background job; poll it, DELETE cancels) */
    post: operations['rerunSnapshot'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/snapshots/{snapshot_id}/rerun/{job_id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Progress and result of a re-run job */
    get: operations['getRerunJob'];
    put?: never;
    post?: never;
    /** Cancel a re-run job (nothing is stored) */
    delete: operations['cancelRerunJob'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/snapshots/{snapshot_id}/verifications': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Verification records of a snapshot's re-runs, oldest first */
    get: operations['listVerifications'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/snapshots/{snapshot_id}/env': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A file that recreates the run's environment */
    get: operations['getEnvironmentFile'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/snapshots/{snapshot_id}/lineage': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Runs linked by shared data files (from the index) */
    get: operations['getLineage'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/snapshots/{snapshot_id}/artifacts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Data files whose content the snapshot kept */
    get: operations['listArtifacts'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/snapshots/{snapshot_id}/artifacts/{artifact_path}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A file the run wrote, byte-exact (when it was kept) */
    get: operations['downloadArtifact'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/verifications/latest': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Each verified snapshot's latest verdict (one store listing) */
    get: operations['latestVerdicts'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    Error: {
      message: string;
      reason?: string | null;
    };
    Health: {
      status: string;
      version: string;
      store: string;
    };
    Author: {
      username: string;
      name?: string;
      initials?: string;
      color?: string;
    };
    TakeRequest: {
      /** @description notebook path relative to the server root */
      path: string;
      content?: components['schemas']['Notebook'];
      kernel_id?: string;
      message?: string;
      tags?: string[];
      /** @description The one secret policy of every take: secrets found are redacted unless the client explicitly keeps them (allow_secrets: true, or redact_secrets: false). */
      redact_secrets?: boolean;
      /** @description Keep secrets found in the notebook (an explicit choice; default: redact them). */
      allow_secrets?: boolean;
      /** @description keep files the run wrote (up to 64 MiB each, or keep_written_max_bytes if larger); false: keep none; absent: up to keep_written_max_bytes */
      keep_written?: boolean;
    };
    Summary: {
      id: string;
      created: string;
      author: components['schemas']['Author'];
      message: string;
      tags: string[];
      /** @description path, name, key; id (the notebook's stable id, kept across renames) and origin (the snapshot a restored copy came from) when known. */
      notebook: {
        path?: string | null;
        name?: string | null;
        key?: string | null;
        id?: string;
        origin?: string;
      };
      parent?: string | null;
      params?: Record<string, unknown>;
      metrics?: Record<string, unknown>;
      /** @description Metrics logged more than once: [step, value] pairs (steps from 1), at most 32 per metric, evenly spaced with the first and last step (a sparkline; the manifest has every value). */
      metrics_history?: {
        [key: string]: number[][];
      };
      /** @description sha256 of the code cells' sources, parameter cells left out: runs with the same code_hash ran the same code. null for snapshots taken before it was recorded. */
      code_hash?: string | null;
      cell_count?: number;
      kernel?: Record<string, unknown> | null;
      queued?: boolean;
      queue_reason?: string;
      comment_count?: number;
      /** @description Whether the caller may delete this snapshot (only its author may). */
      can_delete?: boolean;
      /** @description What the user should know about this take: capture problems, secrets redacted, a busy kernel ('cell 7 is still running; outputs may be partial'); hints are repeated here. */
      warnings?: string[];
      /** @description Only in the answer to a take: e.g. 'no change since <short id>' when the notebook, params and metrics equal the parent's. */
      hints?: string[];
      /** @description In a notebook's history (GET /snapshots?notebook=PATH): this item is the snapshot the notebook at PATH was restored from. */
      origin_of?: string;
      /** @description [path, hash, mode] of each hashed data file (lineage) */
      data_io?: string[][];
    };
    Manifest: {
      format: string;
      id: string;
      created: string;
      author: components['schemas']['Author'];
      message?: string;
      tags?: string[];
      notebook: Record<string, unknown>;
      parent?: string | null;
      content: Record<string, unknown>;
      params?: Record<string, unknown>;
      metrics?: Record<string, unknown>;
      data?: Record<string, unknown>[];
      kernel?: Record<string, unknown> | null;
      environment?: Record<string, unknown> | null;
      git?: Record<string, unknown> | null;
    };
    DiffResult: {
      /** @description the base notebook */
      base: Record<string, unknown>;
      /** @description the full id of the base snapshot */
      base_id?: string;
      remote?: string;
      /** @description nbdime diff */
      diff: Record<string, unknown>[];
      /** @description Run diff. A live notebook is captured like a take (params, metrics, data, git; kernel, packages and environment only with a kernel_id, else listed in 'unknown'). */
      run_diff: Record<string, unknown>;
      /** @description the full id of the remote snapshot; null for a live notebook */
      remote_id?: string | null;
    };
    SecretFinding: {
      cell_index?: number | null;
      cell_id?: string | null;
      where?: string;
      kind?: string;
      line?: number | null;
      output_index?: number | null;
      key?: string | null;
    };
    /** @description An nbformat 4 notebook (nbformat's own v4.5 JSON schema; 4.0-4.4 are accepted too). */
    Notebook: {
      /** @description Notebook root-level metadata. */
      metadata: {
        /** @description Kernel information. */
        kernelspec?: {
          /** @description Name of the kernel specification. */
          name: string;
          /** @description Name to display in UI. */
          display_name: string;
        };
        /** @description Kernel information. */
        language_info?: {
          /** @description The programming language which this kernel runs. */
          name: string;
          /** @description The codemirror mode to use for code in this language. */
          codemirror_mode?: string | Record<string, unknown>;
          /** @description The file extension for files in this language. */
          file_extension?: string;
          /** @description The mimetype corresponding to files in this language. */
          mimetype?: string;
          /** @description The pygments lexer to use for code in this language. */
          pygments_lexer?: string;
        };
        /** @description Original notebook format (major number) before converting the notebook between versions. This should never be written to a file. */
        orig_nbformat?: number;
        /** @description The title of the notebook document */
        title?: string;
        /** @description The author(s) of the notebook document */
        authors?: unknown[];
      } & {
        [key: string]: unknown;
      };
      /** @description Notebook format (minor number): 0 to 5 (4.0-4.5) are accepted. */
      nbformat_minor: number;
      /** @description Notebook format (major number). Incremented between backwards incompatible changes to the notebook format. */
      nbformat: number;
      /** @description Array of cells of the current notebook. */
      cells: components['schemas']['nbformat_cell'][];
    };
    /** @description A string field representing the identifier of this particular cell. */
    nbformat_cell_id: string;
    nbformat_cell:
      | components['schemas']['nbformat_raw_cell']
      | components['schemas']['nbformat_markdown_cell']
      | components['schemas']['nbformat_code_cell'];
    /** @description Notebook raw nbconvert cell. (id optional: notebooks older than nbformat 4.5 have none) */
    nbformat_raw_cell: {
      id?: components['schemas']['nbformat_cell_id'];
      /**
       * @description String identifying the type of cell.
       * @enum {unknown}
       */
      cell_type: 'raw';
      /** @description Cell-level metadata. */
      metadata: {
        /** @description Raw cell metadata format for nbconvert. */
        format?: string;
        /** @description Official Jupyter Metadata for Raw Cells */
        jupyter?: {
          [key: string]: unknown;
        };
        name?: components['schemas']['nbformat_misc_metadata_name'];
        tags?: components['schemas']['nbformat_misc_metadata_tags'];
      } & {
        [key: string]: unknown;
      };
      attachments?: components['schemas']['nbformat_misc_attachments'];
      source: components['schemas']['nbformat_misc_source'];
    };
    /** @description Notebook markdown cell. (id optional: notebooks older than nbformat 4.5 have none) */
    nbformat_markdown_cell: {
      id?: components['schemas']['nbformat_cell_id'];
      /**
       * @description String identifying the type of cell.
       * @enum {unknown}
       */
      cell_type: 'markdown';
      /** @description Cell-level metadata. */
      metadata: {
        name?: components['schemas']['nbformat_misc_metadata_name'];
        tags?: components['schemas']['nbformat_misc_metadata_tags'];
        /** @description Official Jupyter Metadata for Markdown Cells */
        jupyter?: {
          [key: string]: unknown;
        };
      } & {
        [key: string]: unknown;
      };
      attachments?: components['schemas']['nbformat_misc_attachments'];
      source: components['schemas']['nbformat_misc_source'];
    };
    /** @description Notebook code cell. (id optional: notebooks older than nbformat 4.5 have none) */
    nbformat_code_cell: {
      id?: components['schemas']['nbformat_cell_id'];
      /**
       * @description String identifying the type of cell.
       * @enum {unknown}
       */
      cell_type: 'code';
      /** @description Cell-level metadata. */
      metadata: {
        /** @description Official Jupyter Metadata for Code Cells */
        jupyter?: {
          [key: string]: unknown;
        };
        /** @description Execution time for the code in the cell. This tracks time at which messages are received from iopub or shell channels */
        execution?: {
          /** @description header.date (in ISO 8601 format) of iopub channel's execute_input message. It indicates the time at which the kernel broadcasts an execute_input message to connected frontends */
          'iopub.execute_input'?: string;
          /** @description header.date (in ISO 8601 format) of iopub channel's kernel status message when the status is 'busy' */
          'iopub.status.busy'?: string;
          /** @description header.date (in ISO 8601 format) of the shell channel's execute_reply message. It indicates the time at which the execute_reply message was created */
          'shell.execute_reply'?: string;
          /** @description header.date (in ISO 8601 format) of iopub channel's kernel status message when the status is 'idle'. It indicates the time at which kernel finished processing the associated request */
          'iopub.status.idle'?: string;
        } & {
          [key: string]: unknown | string;
        };
        /** @description Whether the cell's output is collapsed/expanded. */
        collapsed?: boolean;
        /**
         * @description Whether the cell's output is scrolled, unscrolled, or autoscrolled.
         * @enum {unknown}
         */
        scrolled?: true | false | 'auto';
        name?: components['schemas']['nbformat_misc_metadata_name'];
        tags?: components['schemas']['nbformat_misc_metadata_tags'];
      } & {
        [key: string]: unknown;
      };
      source: components['schemas']['nbformat_misc_source'];
      /** @description Execution, display, or stream outputs. */
      outputs: components['schemas']['nbformat_output'][];
      /** @description The code cell's prompt number. Will be null if the cell has not been run. */
      execution_count: number | null;
    };
    /** @description Unrecognized cell from a future minor-revision to the notebook format. */
    nbformat_unrecognized_cell: {
      /** @description String identifying the type of cell. */
      cell_type: unknown;
      /** @description Cell-level metadata. */
      metadata: {
        name?: components['schemas']['nbformat_misc_metadata_name'];
        tags?: components['schemas']['nbformat_misc_metadata_tags'];
      } & {
        [key: string]: unknown;
      };
    } & {
      [key: string]: unknown;
    };
    nbformat_output:
      | components['schemas']['nbformat_execute_result']
      | components['schemas']['nbformat_display_data']
      | components['schemas']['nbformat_stream']
      | components['schemas']['nbformat_error'];
    /** @description Result of executing a code cell. */
    nbformat_execute_result: {
      /**
       * @description Type of cell output.
       * @enum {unknown}
       */
      output_type: 'execute_result';
      /** @description A result's prompt number. */
      execution_count: number | null;
      data: components['schemas']['nbformat_misc_mimebundle'];
      metadata: components['schemas']['nbformat_misc_output_metadata'];
    };
    /** @description Data displayed as a result of code cell execution. */
    nbformat_display_data: {
      /**
       * @description Type of cell output.
       * @enum {unknown}
       */
      output_type: 'display_data';
      data: components['schemas']['nbformat_misc_mimebundle'];
      metadata: components['schemas']['nbformat_misc_output_metadata'];
    };
    /** @description Stream output from a code cell. */
    nbformat_stream: {
      /**
       * @description Type of cell output.
       * @enum {unknown}
       */
      output_type: 'stream';
      /** @description The name of the stream (stdout, stderr). */
      name: string;
      /** @description The stream's text output, represented as an array of strings. */
      text: components['schemas']['nbformat_misc_multiline_string'];
    };
    /** @description Output of an error that occurred during code cell execution. */
    nbformat_error: {
      /**
       * @description Type of cell output.
       * @enum {unknown}
       */
      output_type: 'error';
      /** @description The name of the error. */
      ename: string;
      /** @description The value, or message, of the error. */
      evalue: string;
      /** @description The error's traceback, represented as an array of strings. */
      traceback: string[];
    };
    /** @description Unrecognized output from a future minor-revision to the notebook format. */
    nbformat_unrecognized_output: {
      /** @description Type of cell output. */
      output_type: unknown;
    } & {
      [key: string]: unknown;
    };
    /** @description The cell's name. If present, must be a non-empty string. Cell names are expected to be unique across all the cells in a given notebook. This criterion cannot be checked by the json schema and must be established by an additional check. */
    nbformat_misc_metadata_name: string;
    /** @description The cell's tags. Tags must be unique, and must not contain commas. */
    nbformat_misc_metadata_tags: string[];
    /** @description Media attachments (e.g. inline images), stored as mimebundle keyed by filename. */
    nbformat_misc_attachments: {
      [key: string]: components['schemas']['nbformat_misc_mimebundle'];
    };
    /** @description Contents of the cell, represented as an array of lines. */
    nbformat_misc_source: components['schemas']['nbformat_misc_multiline_string'];
    /** @description The code cell's prompt number. Will be null if the cell has not been run. */
    nbformat_misc_execution_count: number | null;
    /** @description A mime-type keyed dictionary of data */
    nbformat_misc_mimebundle: {
      [key: string]:
        components['schemas']['nbformat_misc_multiline_string'] | unknown;
    };
    /** @description Cell output metadata. */
    nbformat_misc_output_metadata: {
      [key: string]: unknown;
    };
    nbformat_misc_multiline_string: string | string[];
    Comment: {
      id: string;
      snapshot: string;
      author: components['schemas']['Author'];
      created: string;
      text: string;
      cell_id?: string | null;
    };
    CellStatus: {
      /** @description position in the notebook's cell list (code cells only are listed) */
      index: number;
      /** @enum {string} */
      status: 'same' | 'close' | 'differs' | 'error' | 'timeout';
    };
    RerunResult: {
      /** @description the re-run's snapshot (tagged rerun-of:<of>); null when it timed out or could not start */
      id: string | null;
      of: string;
      /** @enum {string} */
      verdict: 'reproduced' | 'differs' | 'failed';
      cells: components['schemas']['CellStatus'][];
      /** @description files the run read whose content differs from the recorded hash (checked before running) */
      data_changed: string[];
      detail?: string;
      kernel?: string;
      verification?: string;
      duration_s?: number;
      queued?: boolean;
      /** @description secrets found in the re-run (never the secret itself); redacted in its snapshot unless allow_secrets */
      secrets?: components['schemas']['SecretFinding'][];
      /** @description what the user should know about the re-run's snapshot: secrets redacted, capture problems */
      warnings?: string[];
    };
    RerunJob: {
      id: string;
      snapshot: string;
      /** @enum {string} */
      state: 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
      /** @description last event: {stage: data|cell|done, index, done, total} */
      progress?: Record<string, unknown>;
      data_changed?: string[] | null;
      result?: components['schemas']['RerunResult'] | null;
      error?: string | null;
    };
    Verification: {
      id: string;
      snapshot: string;
      rerun: string | null;
      /** @enum {string} */
      verdict: 'reproduced' | 'differs' | 'failed';
      cells: components['schemas']['CellStatus'][];
      data_changed: string[];
      author: components['schemas']['Author'];
      created: string;
      detail?: string;
    };
    LineageLink: {
      path: string;
      hash: string;
      snapshot: string;
      author?: string | null;
      notebook?: string | null;
      created?: string | null;
    };
    Artifact: {
      path: string;
      size?: number | null;
      hash?: string | null;
      mode?: string;
      stored: string;
    };
  };
  responses: {
    /** @description Error */
    Error: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
  };
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  health: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Health'];
        };
      };
      401: components['responses']['Error'];
      403: components['responses']['Error'];
    };
  };
  whoami: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Author'];
        };
      };
      401: components['responses']['Error'];
      403: components['responses']['Error'];
    };
  };
  openapi: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': Record<string, unknown>;
        };
      };
      401: components['responses']['Error'];
      403: components['responses']['Error'];
    };
  };
  listSnapshots: {
    parameters: {
      query?: {
        /** @description notebook path or key */
        notebook?: string;
        author?: string;
        /** @description query language, e.g. author:ana tag:baseline lr>0.01 accuracy>=0.9 plus free-text words (the schema shows only its free-text subset) */
        q?: string;
        /** @description ISO time or snapshot id */
        since?: string;
        limit?: number;
        /** @description opaque: the cursor of the previous page */
        cursor?: string;
        /** @description [-]created (default newest first), oldest, [-]author, [-]notebook, [-]message, [-]param.NAME, [-]metric.NAME */
        sort?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of snapshots */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['Summary'][];
            cursor: string | null;
          };
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  takeSnapshot: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['TakeRequest'];
      };
    };
    responses: {
      /** @description Snapshot taken (or queued locally when the store is unreachable) */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Summary'];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      413: components['responses']['Error'];
    };
  };
  getSnapshot: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Snapshot id: the full ULID, the short form the UI shows (its last 6 characters, any case) or a unique prefix of at least 6 characters (any case). An id that matches several snapshots answers 409 with the candidates in the message; one that matches none, 404. */
        snapshot_id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Manifest */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Manifest'];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      409: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  deleteSnapshot: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Snapshot id: the full ULID, the short form the UI shows (its last 6 characters, any case) or a unique prefix of at least 6 characters (any case). An id that matches several snapshots answers 409 with the candidates in the message; one that matches none, 404. */
        snapshot_id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      409: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  getSnapshotNotebook: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Snapshot id: the full ULID, the short form the UI shows (its last 6 characters, any case) or a unique prefix of at least 6 characters (any case). An id that matches several snapshots answers 409 with the candidates in the message; one that matches none, 404. */
        snapshot_id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description nbformat 4 JSON */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': Record<string, unknown>;
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      409: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  restoreSnapshot: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Snapshot id: the full ULID, the short form the UI shows (its last 6 characters, any case) or a unique prefix of at least 6 characters (any case). An id that matches several snapshots answers 409 with the candidates in the message; one that matches none, 404. */
        snapshot_id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          path: string;
        };
      };
    };
    responses: {
      /** @description Restored */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            path: string;
            /** @description the full id of the restored snapshot (the copy's origin) */
            id?: string;
            /** @description the new notebook's own id (kept in metadata.jupyter_ext) */
            notebook_id?: string;
          };
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      409: components['responses']['Error'];
      413: components['responses']['Error'];
    };
  };
  diff: {
    parameters: {
      query: {
        /** @description Snapshot id: the full ULID, the short form the UI shows (its last 6 characters, any case) or a unique prefix of at least 6 characters (any case). An id that matches several snapshots answers 409 with the candidates in the message; one that matches none, 404. */
        base: string;
        /** @description snapshot id (any form accepted for 'base') or notebook path */
        remote: string;
        ignore_outputs?: '0' | '1' | 'true' | 'false';
        ignore_metadata?: '0' | '1' | 'true' | 'false';
        ignore_execution_count?: '0' | '1' | 'true' | 'false';
        ignore_whitespace?: '0' | '1' | 'true' | 'false';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Diff */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DiffResult'];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      409: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  diffLive: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          base: string;
          remote: string;
          remote_content?: components['schemas']['Notebook'];
          /** @description the live notebook's kernel: its interpreter, packages and environment are then compared too */
          kernel_id?: string;
        };
      };
    };
    responses: {
      /** @description Diff */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DiffResult'];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      409: components['responses']['Error'];
      413: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  scanSecrets: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          content: components['schemas']['Notebook'];
        };
      };
    };
    responses: {
      /** @description Findings (never the secret itself) */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            findings: components['schemas']['SecretFinding'][];
          };
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      413: components['responses']['Error'];
    };
  };
  listComments: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Snapshot id: the full ULID, the short form the UI shows (its last 6 characters, any case) or a unique prefix of at least 6 characters (any case). An id that matches several snapshots answers 409 with the candidates in the message; one that matches none, 404. */
        snapshot_id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Comments */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['Comment'][];
          };
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      409: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  addComment: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Snapshot id: the full ULID, the short form the UI shows (its last 6 characters, any case) or a unique prefix of at least 6 characters (any case). An id that matches several snapshots answers 409 with the candidates in the message; one that matches none, 404. */
        snapshot_id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          text: string;
          cell_id?: string;
        };
      };
    };
    responses: {
      /** @description Comment */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Comment'];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      409: components['responses']['Error'];
      413: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  commentCounts: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Comment count per snapshot id */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            counts: {
              [key: string]: number;
            };
          };
        };
      };
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  rerunSnapshot: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Snapshot id (ULID) */
        snapshot_id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': {
          /** @description seconds for the whole run (default 600) */
          timeout?: number;
          /** @description relative tolerance of numbers (default 1e-5) */
          rtol?: number;
          /** @description Keep what looks like a secret in the re-run's outputs (an explicit choice; default: redact it, as a take does). */
          allow_secrets?: boolean;
        };
      };
    };
    responses: {
      /** @description The job, queued or running */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RerunJob'];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      413: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  getRerunJob: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Snapshot id (ULID) */
        snapshot_id: string;
        /** @description Re-run job id (ULID) */
        job_id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The job */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RerunJob'];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
    };
  };
  cancelRerunJob: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Snapshot id (ULID) */
        snapshot_id: string;
        /** @description Re-run job id (ULID) */
        job_id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The job */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RerunJob'];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
    };
  };
  listVerifications: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Snapshot id (ULID) */
        snapshot_id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Verifications */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['Verification'][];
          };
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  getEnvironmentFile: {
    parameters: {
      query?: {
        /** @description pip requirements (default) or a conda environment.yml */
        format?: 'requirements' | 'conda';
        /** @description every recorded package, not only the imported ones */
        all?: '0' | '1' | 'true' | 'false';
      };
      header?: never;
      path: {
        /** @description Snapshot id (ULID) */
        snapshot_id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The file */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/plain': string;
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  getLineage: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Snapshot id (ULID) */
        snapshot_id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Lineage */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id?: string;
            /** @description for files this run read: the earlier run that wrote that content */
            upstream: components['schemas']['LineageLink'][];
            /** @description later runs that read content this run wrote */
            downstream: components['schemas']['LineageLink'][];
          };
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  listArtifacts: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Snapshot id (ULID) */
        snapshot_id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Artifacts */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['Artifact'][];
          };
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  downloadArtifact: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Snapshot id (ULID) */
        snapshot_id: string;
        /** @description the file's path as the snapshot recorded it (or its unique file name) */
        artifact_path: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The file's bytes */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/octet-stream': string;
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  latestVerdicts: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Verdicts by snapshot id */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            verdicts: {
              [key: string]: {
                /** @enum {string} */
                verdict: 'reproduced' | 'differs' | 'failed';
                verification: string;
              };
            };
          };
        };
      };
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
}
