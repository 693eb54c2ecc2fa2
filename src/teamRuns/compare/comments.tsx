/** A run's comment thread, with the cell a comment is about. */
import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import { formatTime } from '../../common';
import { IComment, INotebookJSON, ITeamRunsApi } from '../../api';
import { Avatar } from './runCard';
import { IRun } from './types';

export function cellChoices(
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

export function CommentThread(props: {
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

  const inputId = `jp-snapshots-runs-comment-${id}`;
  return (
    <div className="jp-snapshots-runsCompare-thread" data-snapshot-id={id}>
      {label && <h4>{label}</h4>}
      {comments === null && !error && (
        <div className="jp-snapshots-runsCompare-none">
          {trans.__('Loading comments…')}
        </div>
      )}
      {comments !== null && comments.length === 0 && (
        <div className="jp-snapshots-runsCompare-none">
          {trans.__('No comments yet.')}
        </div>
      )}
      {comments !== null && comments.length > 0 && (
        <ul className="jp-snapshots-runsCompare-commentList">
          {comments.map(c => (
            <li key={c.id} className="jp-snapshots-runsCompare-comment">
              <div className="jp-snapshots-runsCompare-commentMeta">
                <Avatar author={c.author} />
                <span className="jp-snapshots-runsCompare-commentAuthor">
                  {c.author?.name || c.author?.username}
                </span>
                <span title={new Date(c.created).toLocaleString()}>
                  {formatTime(c.created, new Date(), trans)}
                </span>
                {c.cell_id && (
                  <span className="jp-snapshots-runsCompare-commentCell">
                    {trans.__('on %1', cellLabel(c.cell_id))}
                  </span>
                )}
              </div>
              <div className="jp-snapshots-runsCompare-commentText">
                {c.text}
              </div>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <div className="jp-snapshots-runsCompare-error" role="alert">
          {error}
        </div>
      )}
      <form className="jp-snapshots-runsCompare-commentForm" onSubmit={submit}>
        <label htmlFor={inputId} className="jp-snapshots-runsCompare-srOnly">
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
        <div className="jp-snapshots-runsCompare-commentControls">
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
