/**
 * One snapshot in the history list: message, author, time, tags, key
 * parameters and metrics, comment count and re-run verdict.
 *
 * Everything users typed is rendered as React text children: never as HTML.
 */
import { ellipsesIcon } from '@jupyterlab/ui-components';
import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import { ISnapshotSummary } from '../api';
import {
  colorOf,
  initialsOf,
  relativeTime,
  shortId,
  Verdict,
  verdictText
} from '../common';
import { allValues, keyMetrics, keyParams } from './format';

export interface IItemProps {
  item: ISnapshotSummary;
  selected: boolean;
  verdict: Verdict | null;
  now: Date;
  trans: TranslationBundle;
  onClick: (item: ISnapshotSummary, event: React.MouseEvent) => void;
  onToggle: (item: ISnapshotSummary) => void;
  onOpen: (item: ISnapshotSummary) => void;
  /** Open the item's context menu at a point (the "⋯" button or a key). */
  onMenu: (node: HTMLElement, x: number, y: number, keyboard: boolean) => void;
}

/** Up/Down move the focus between items of the whole list. */
function focusSibling(item: HTMLElement, step: number): void {
  const list = item.closest('.jp-snapshots-scroll') ?? item.parentElement;
  const all = Array.from(
    list?.querySelectorAll<HTMLElement>('.jp-snapshots-item') ?? []
  );
  all[all.indexOf(item) + step]?.focus();
}

export function SnapshotItem(props: IItemProps): JSX.Element {
  const { item, selected, now, trans } = props;
  const author = item.author ?? { username: '?', name: '?' };
  const created = new Date(item.created);
  const itemRef = React.useRef<HTMLLIElement>(null);
  const moreRef = React.useRef<HTMLButtonElement>(null);

  const openMenuAtButton = (keyboard: boolean) => {
    const rect = moreRef.current?.getBoundingClientRect();
    if (rect && itemRef.current) {
      props.onMenu(itemRef.current, rect.left, rect.bottom, keyboard);
    }
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLLIElement>) => {
    if (event.target !== event.currentTarget) {
      return; // keys on the checkbox / button keep their own meaning
    }
    const menuKey =
      event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey);
    if (menuKey) {
      event.preventDefault();
      openMenuAtButton(true);
      return;
    }
    switch (event.key) {
      case ' ':
        event.preventDefault();
        props.onToggle(item);
        break;
      case 'Enter':
        event.preventDefault();
        props.onOpen(item);
        break;
      case 'ArrowDown':
      case 'ArrowUp':
        event.preventDefault();
        focusSibling(event.currentTarget, event.key === 'ArrowDown' ? 1 : -1);
        break;
    }
  };

  const classes = ['jp-snapshots-item'];
  if (selected) {
    classes.push('jp-mod-selected');
  }
  if (item.queued) {
    classes.push('jp-mod-queued');
  }

  return (
    <li
      ref={itemRef}
      className={classes.join(' ')}
      data-snapshot-id={item.id}
      tabIndex={0}
      role="option"
      aria-selected={selected}
      aria-label={item.message || trans.__('Snapshot without message')}
      onClick={event => props.onClick(item, event)}
      onDoubleClick={() => props.onOpen(item)}
      onKeyDown={onKeyDown}
    >
      <input
        type="checkbox"
        className="jp-snapshots-item-check"
        checked={selected}
        title={trans.__('Select to diff')}
        aria-label={trans.__('Select for diff')}
        onClick={event => event.stopPropagation()}
        onChange={() => props.onToggle(item)}
      />
      <span
        className="jp-snapshots-badge"
        style={{ backgroundColor: colorOf(author) }}
        title={author.name || author.username}
        aria-hidden="true"
      >
        {initialsOf(author)}
      </span>
      <div className="jp-snapshots-item-body">
        <div
          className={
            'jp-snapshots-item-message' +
            (item.message ? '' : ' jp-mod-placeholder')
          }
          title={item.message}
        >
          {item.message || trans.__('(no message)')}
        </div>
        <div className="jp-snapshots-item-meta">
          <span className="jp-snapshots-item-author">
            {author.name || author.username}
          </span>
          <time
            className="jp-snapshots-item-time"
            dateTime={item.created}
            title={
              Number.isNaN(created.getTime()) ? '' : created.toLocaleString()
            }
          >
            {relativeTime(item.created, now, trans)}
          </time>
          <ItemFlags item={item} verdict={props.verdict} trans={trans} />
        </div>
        {item.tags?.length ? (
          <ul className="jp-snapshots-item-tags" aria-label={trans.__('Tags')}>
            {item.tags.map(tag => (
              <li key={tag} className="jp-snapshots-tag">
                {tag}
              </li>
            ))}
          </ul>
        ) : null}
        <ValueLine
          className="jp-snapshots-item-params"
          label={trans.__('Parameters')}
          values={item.params}
          pick={keyParams}
        />
        <ValueLine
          className="jp-snapshots-item-metrics"
          label={trans.__('Metrics')}
          values={item.metrics}
          pick={keyMetrics}
        />
      </div>
      <button
        ref={moreRef}
        className="jp-snapshots-item-more jp-Button"
        title={trans.__('Snapshot actions')}
        aria-label={trans.__('Snapshot actions')}
        aria-haspopup="menu"
        onClick={event => {
          event.stopPropagation();
          openMenuAtButton(event.detail === 0);
        }}
      >
        <ellipsesIcon.react tag="span" elementSize="normal" />
      </button>
    </li>
  );
}

/** Queued, restored-from, comment count and verdict: small marks after the time. */
function ItemFlags(props: {
  item: ISnapshotSummary;
  verdict: Verdict | null;
  trans: TranslationBundle;
}): JSX.Element {
  const { item, verdict, trans } = props;
  const comments = item.comment_count ?? 0;
  const badge = verdict ? verdictText(verdict, trans) : null;
  return (
    <>
      {item.queued ? (
        <span
          className="jp-snapshots-item-queued"
          title={
            item.queue_reason
              ? trans.__('Waiting for the store: %1', item.queue_reason)
              : trans.__(
                  'Waiting for the store; it will be sent automatically.'
                )
          }
        >
          {trans.__('queued')}
        </span>
      ) : null}
      {item.origin_of ? (
        <span
          className="jp-snapshots-item-origin"
          title={trans.__(
            '%1 was restored from snapshot %2',
            item.origin_of,
            shortId(item.id)
          )}
        >
          {trans.__('restored from here')}
        </span>
      ) : null}
      {comments > 0 ? (
        <span
          className="jp-snapshots-item-comments"
          title={trans._n('%1 comment', '%1 comments', comments)}
        >
          {trans._n('%1 comment', '%1 comments', comments)}
        </span>
      ) : null}
      {badge ? (
        <span className={badge.className} title={badge.title}>
          {badge.label}
        </span>
      ) : null}
    </>
  );
}

/** One line of `name value` pairs, cut with an ellipsis; every value in the title. */
function ValueLine(props: {
  className: string;
  label: string;
  values: Record<string, unknown> | null | undefined;
  pick: (
    values: Record<string, unknown> | null | undefined
  ) => { name: string; value: string }[];
}): JSX.Element | null {
  const shown = props.pick(props.values);
  if (!shown.length) {
    return null;
  }
  return (
    <dl
      className={props.className}
      aria-label={props.label}
      title={`${props.label}: ${allValues(props.values)}`}
    >
      {shown.map(m => (
        <div key={m.name} className="jp-snapshots-metric">
          <dt>{m.name}</dt>
          <dd>{m.value}</dd>
        </div>
      ))}
    </dl>
  );
}
