/**
 * A simple read-only view of a snapshot's notebook, used when the history
 * view's own command ('jupyter-ext:open-snapshot') is not available.
 * Teammates' outputs are untrusted: rendered with trusted=false (sanitized
 * HTML, no scripts) and only mimetypes JupyterLab considers safe.
 */
import { IRenderMimeRegistry, MimeModel } from '@jupyterlab/rendermime';
import type { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';
import { Widget } from '@lumino/widgets';
import * as React from 'react';

import { blockFormSubmission } from '../readonly/rendermime';
import { defaultTrans } from '../translation';
import { disposeAttached } from './attach';
import { INotebookJSON, ITeamRunsApi } from './client';

function text(source: unknown): string {
  if (Array.isArray(source)) {
    return source.join('');
  }
  return typeof source === 'string' ? source : '';
}

function MimeBundle(props: {
  data: Record<string, unknown>;
  rendermime: IRenderMimeRegistry;
}): JSX.Element {
  const host = React.useRef<HTMLDivElement>(null);
  React.useEffect(() => {
    const node = host.current;
    if (!node) {
      return;
    }
    const mime = props.rendermime.preferredMimeType(
      props.data as any,
      'ensure'
    );
    if (!mime) {
      node.textContent = text(props.data['text/plain']);
      return;
    }
    const renderer = props.rendermime.createRenderer(mime);
    Widget.attach(renderer, node);
    void renderer.renderModel(
      new MimeModel({ data: props.data as any, trusted: false })
    );
    return () => disposeAttached(renderer);
  }, [props.data, props.rendermime]);
  return <div className="jp-TeamRunsNotebook-output" ref={host} />;
}

function Output(props: {
  output: any;
  rendermime: IRenderMimeRegistry | null;
}): JSX.Element | null {
  const { output, rendermime } = props;
  switch (output?.output_type) {
    case 'stream':
      return (
        <pre className="jp-TeamRunsNotebook-stream">{text(output.text)}</pre>
      );
    case 'error':
      return (
        <pre className="jp-TeamRunsNotebook-stream jp-mod-error">
          {`${output.ename}: ${output.evalue}`}
        </pre>
      );
    case 'execute_result':
    case 'display_data':
      if (!rendermime) {
        return <pre>{text(output.data?.['text/plain'])}</pre>;
      }
      return <MimeBundle data={output.data ?? {}} rendermime={rendermime} />;
    default:
      return null;
  }
}

function NotebookView(props: {
  id: string;
  api: ITeamRunsApi;
  rendermime: IRenderMimeRegistry | null;
  trans: TranslationBundle;
}): JSX.Element {
  const { trans } = props;
  const [notebook, setNotebook] = React.useState<INotebookJSON | null>(null);
  const [error, setError] = React.useState('');
  React.useEffect(() => {
    props.api
      .notebook(props.id)
      .then(setNotebook, e =>
        setError(e instanceof Error ? e.message : String(e))
      );
  }, [props.id]);
  if (error) {
    return (
      <div className="jp-TeamRunsCompare-error" role="alert">
        {trans.__('Could not load the notebook: %1', error)}
      </div>
    );
  }
  if (!notebook) {
    return (
      <div className="jp-TeamRunsCompare-loading">
        {trans.__('Loading notebook…')}
      </div>
    );
  }
  return (
    <div className="jp-TeamRunsNotebook-cells">
      <div className="jp-TeamRunsNotebook-banner">
        {trans.__(
          'Read-only snapshot %1. Use “Restore as a copy” to edit it.',
          props.id
        )}
      </div>
      {notebook.cells.map((cell, i) => (
        <div
          key={cell.id ?? i}
          className={`jp-TeamRunsNotebook-cell jp-mod-${cell.cell_type}`}
        >
          {cell.cell_type === 'markdown' && props.rendermime ? (
            <MimeBundle
              data={{ 'text/markdown': text(cell.source) }}
              rendermime={props.rendermime}
            />
          ) : (
            <div className="jp-TeamRunsNotebook-source">
              {cell.cell_type === 'code' && (
                <span className="jp-TeamRunsNotebook-prompt">
                  [{cell.execution_count ?? ' '}]:
                </span>
              )}
              <pre>{text(cell.source)}</pre>
            </div>
          )}
          {(cell.outputs ?? []).map((o, j) => (
            <Output key={j} output={o} rendermime={props.rendermime} />
          ))}
        </div>
      ))}
    </div>
  );
}

export class ReadonlyNotebookWidget extends ReactWidget {
  constructor(
    readonly snapshotId: string,
    readonly api: ITeamRunsApi,
    readonly rendermime: IRenderMimeRegistry | null,
    readonly trans: TranslationBundle = defaultTrans()
  ) {
    super();
    this.addClass('jp-TeamRunsNotebook');
    blockFormSubmission(this.node);
  }

  render(): JSX.Element {
    return (
      <NotebookView
        id={this.snapshotId}
        api={this.api}
        rendermime={this.rendermime}
        trans={this.trans}
      />
    );
  }
}
