/**
 * Left-sidebar "Snapshots" panel: the history of the active notebook.
 *
 * Everything users typed (messages, tags, names, params, errors) is rendered as React
 * text children: never as HTML.
 */
import {
  ellipsesIcon,
  ReactWidget,
  refreshIcon,
  ToolbarButtonComponent
} from '@jupyterlab/ui-components';
import type { TranslationBundle } from '@jupyterlab/translation';
import { CommandRegistry } from '@lumino/commands';
import type { Message } from '@lumino/messaging';
import { Menu } from '@lumino/widgets';
import * as React from 'react';

import { ISnapshotSummary } from '../api';
import { diffIcon, historyIcon, snapshotIcon, teamRunsIcon } from '../icons';
import { defaultTrans } from '../translation';
import { colorOf, initialsOf, onTick, relativeTime, shortId } from '../common';
import { keyMetrics } from './format';
import { HistoryModel } from './model';

/** Command ids used by the panel (registered by the plugin). */
export namespace HistoryCommandIDs {
  export const snapshotRun = 'jupyter-ext:snapshot-run';
  export const diffSelected = 'jupyter-ext:diff-selected';
  export const diffWithCurrent = 'jupyter-ext:diff-with-current';
  export const openReadonly = 'jupyter-ext:open-readonly';
  export const restoreCopy = 'jupyter-ext:restore-copy';
  export const copyId = 'jupyter-ext:copy-id';
  export const deleteSnapshot = 'jupyter-ext:delete-snapshot';
  export const refresh = 'jupyter-ext:refresh-history';
  /** Show the panel; args {id?}: select and scroll to that snapshot. */
  export const showHistory = 'jupyter-ext:show-history';
}

/** The items of the per-snapshot menu (context menu and "⋯" button). */
export const ITEM_MENU_COMMANDS = [
  HistoryCommandIDs.diffWithCurrent,
  HistoryCommandIDs.openReadonly,
  HistoryCommandIDs.restoreCopy,
  HistoryCommandIDs.copyId,
  HistoryCommandIDs.deleteSnapshot
];

function useModel(model: HistoryModel): void {
  const [, setTick] = React.useState(0);
  React.useEffect(() => {
    const onChange = () => setTick(t => t + 1);
    model.changed.connect(onChange);
    return () => {
      model.changed.disconnect(onChange);
    };
  }, [model]);
}

/** Re-render on the shared clock's ticks so that "5 min ago" stays true. */
function useClock(): Date {
  const [now, setNow] = React.useState(() => new Date());
  React.useEffect(() => {
    const subscription = onTick(() => setNow(new Date()));
    return () => subscription.dispose();
  }, []);
  return now;
}

interface IItemProps {
  item: ISnapshotSummary;
  selected: boolean;
  now: Date;
  trans: TranslationBundle;
  onClick: (item: ISnapshotSummary, event: React.MouseEvent) => void;
  onToggle: (item: ISnapshotSummary) => void;
  onOpen: (item: ISnapshotSummary) => void;
  onMenu: (item: ISnapshotSummary, x: number, y: number) => void;
}

function SnapshotItem(props: IItemProps): JSX.Element {
  const { item, selected, now, trans } = props;
  const author = item.author ?? { username: '?', name: '?' };
  const metrics = keyMetrics(item.metrics);
  const created = new Date(item.created);
  const moreRef = React.useRef<HTMLButtonElement>(null);

  const openMenuAtButton = () => {
    const rect = moreRef.current?.getBoundingClientRect();
    if (rect) {
      props.onMenu(item, rect.left, rect.bottom);
    }
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLLIElement>) => {
    if (event.target !== event.currentTarget) {
      return; // keys on the checkbox / button keep their own meaning
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
      case 'ContextMenu':
        event.preventDefault();
        openMenuAtButton();
        break;
      case 'F10':
        if (event.shiftKey) {
          event.preventDefault();
          openMenuAtButton();
        }
        break;
      case 'ArrowDown':
      case 'ArrowUp': {
        event.preventDefault();
        const list = event.currentTarget.closest('.jp-snapshots-list');
        const all = Array.from(
          list?.querySelectorAll<HTMLElement>('.jp-snapshots-item') ?? []
        );
        const index = all.indexOf(event.currentTarget);
        const next = all[index + (event.key === 'ArrowDown' ? 1 : -1)];
        next?.focus();
        break;
      }
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
      className={classes.join(' ')}
      data-snapshot-id={item.id}
      tabIndex={0}
      role="option"
      aria-selected={selected}
      aria-label={item.message || trans.__('Snapshot without message')}
      onClick={event => props.onClick(item, event)}
      onDoubleClick={() => props.onOpen(item)}
      onKeyDown={onKeyDown}
      onContextMenu={event => {
        event.preventDefault();
        event.stopPropagation();
        props.onMenu(item, event.clientX, event.clientY);
      }}
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
        {metrics.length ? (
          <dl className="jp-snapshots-item-metrics">
            {metrics.map(m => (
              <div key={m.name} className="jp-snapshots-metric">
                <dt>{m.name}</dt>
                <dd>{m.value}</dd>
              </div>
            ))}
          </dl>
        ) : null}
      </div>
      <button
        ref={moreRef}
        className="jp-snapshots-item-more jp-Button"
        title={trans.__('Snapshot actions')}
        aria-label={trans.__('Snapshot actions')}
        aria-haspopup="menu"
        onClick={event => {
          event.stopPropagation();
          openMenuAtButton();
        }}
      >
        <ellipsesIcon.react tag="span" elementSize="normal" />
      </button>
    </li>
  );
}

interface IViewProps {
  model: HistoryModel;
  commands: CommandRegistry;
  trans: TranslationBundle;
  onMenu: (item: ISnapshotSummary, x: number, y: number) => void;
}

function HistoryBody(props: IViewProps): JSX.Element {
  const { model, commands, trans } = props;
  useModel(model);
  const now = useClock();

  if (!model.notebookPath) {
    return (
      <div className="jp-snapshots-state jp-snapshots-empty">
        <historyIcon.react tag="div" className="jp-snapshots-state-icon" />
        <p>
          <strong>{trans.__('No notebook selected.')}</strong>
        </p>
        <p>
          {trans.__(
            'Open a notebook to see its snapshots. A snapshot freezes the notebook with its outputs, kernel, environment, parameters, metrics and data, so your team can compare runs.'
          )}
        </p>
      </div>
    );
  }
  if (model.state === 'loading' && model.items.length === 0) {
    return (
      <div
        className="jp-snapshots-state jp-snapshots-loading"
        role="status"
        aria-live="polite"
      >
        <div className="jp-snapshots-skeleton" />
        <div className="jp-snapshots-skeleton" />
        <div className="jp-snapshots-skeleton" />
        <p>{trans.__('Loading snapshots…')}</p>
      </div>
    );
  }
  if (model.state === 'error') {
    return (
      <div className="jp-snapshots-state jp-snapshots-error" role="alert">
        <p>
          <strong>{trans.__('Could not load snapshots.')}</strong>
        </p>
        <p className="jp-snapshots-error-message">{model.error}</p>
        <button
          className="jp-Button jp-mod-styled jp-mod-reject"
          onClick={() => void model.refresh()}
        >
          {trans.__('Retry')}
        </button>
      </div>
    );
  }
  if (model.items.length === 0) {
    return (
      <div className="jp-snapshots-state jp-snapshots-empty">
        <snapshotIcon.react tag="div" className="jp-snapshots-state-icon" />
        <p>
          <strong>{trans.__('No snapshots of this notebook yet.')}</strong>
        </p>
        <p>
          {trans.__(
            'A snapshot records this notebook with its outputs, parameters, metrics, environment and data, for you and your team.'
          )}
        </p>
        <button
          className="jp-Button jp-mod-styled jp-mod-accept"
          onClick={() => void commands.execute(HistoryCommandIDs.snapshotRun)}
        >
          {trans.__('Snapshot run')}
        </button>
      </div>
    );
  }

  const onClick = (item: ISnapshotSummary, event: React.MouseEvent) => {
    model.click(item.id, {
      toggle: event.ctrlKey || event.metaKey,
      range: event.shiftKey
    });
  };
  const onOpen = (item: ISnapshotSummary) => {
    void commands.execute(HistoryCommandIDs.openReadonly, { id: item.id });
  };

  return (
    <div className="jp-snapshots-scroll">
      {model.error ? (
        <div className="jp-snapshots-stale" role="status">
          {trans.__('Could not refresh: %1', model.error)}
        </div>
      ) : null}
      {model.groups(now, trans).map(group => (
        <section key={group.key} className="jp-snapshots-day">
          <h3 className="jp-snapshots-day-label">{group.label}</h3>
          <ul
            className="jp-snapshots-list"
            role="listbox"
            aria-multiselectable="true"
            aria-label={trans.__('Snapshots of %1', group.label)}
          >
            {group.items.map(item => (
              <SnapshotItem
                key={item.id}
                item={item}
                now={now}
                trans={trans}
                selected={model.isSelected(item.id)}
                onClick={onClick}
                onToggle={i => model.toggle(i.id)}
                onOpen={onOpen}
                onMenu={props.onMenu}
              />
            ))}
          </ul>
        </section>
      ))}
      {model.hasMore ? (
        <button
          className="jp-Button jp-mod-styled jp-snapshots-more"
          onClick={() => void model.loadMore()}
        >
          {trans.__('Load older snapshots')}
        </button>
      ) : null}
    </div>
  );
}

function HistoryToolbar(props: {
  model: HistoryModel;
  commands: CommandRegistry;
  trans: TranslationBundle;
}): JSX.Element {
  const { model, commands, trans } = props;
  useModel(model);
  const count = model.selected.length;
  const name = model.notebookPath?.split('/').pop() ?? '';
  return (
    <div className="jp-snapshots-toolbar">
      <div className="jp-snapshots-notebook" title={model.notebookPath ?? ''}>
        {name}
      </div>
      <div className="jp-snapshots-actions">
        {count > 0 ? (
          <span className="jp-snapshots-selection" aria-live="polite">
            {trans._n('%1 selected', '%1 selected', count)}
            <button
              className="jp-snapshots-clear jp-Button"
              onClick={() => model.clearSelection()}
              title={trans.__('Clear selection')}
              aria-label={trans.__('Clear selection')}
            >
              ×
            </button>
          </span>
        ) : null}
        <ToolbarButtonComponent
          className="jp-snapshots-diff-selected"
          icon={diffIcon}
          label={trans.__('Diff selected')}
          tooltip={
            count === 2
              ? trans.__('Diff the two selected snapshots')
              : trans.__(
                  'Select two snapshots (checkbox, or Ctrl/Shift-click) to diff them'
                )
          }
          enabled={count === 2}
          onClick={() => void commands.execute(HistoryCommandIDs.diffSelected)}
        />
        <ToolbarButtonComponent
          className="jp-snapshots-refresh"
          icon={refreshIcon}
          tooltip={trans.__('Refresh')}
          enabled={!!model.notebookPath}
          onClick={() => void model.refresh()}
        />
      </div>
    </div>
  );
}

export class HistoryPanel extends ReactWidget {
  constructor(
    readonly model: HistoryModel,
    readonly commands: CommandRegistry,
    readonly trans: TranslationBundle = defaultTrans()
  ) {
    super();
    this.id = 'jupyter-ext-history';
    this.addClass('jp-snapshots-panel');
    this.title.icon = historyIcon;
    this.title.caption = trans.__('Snapshots');
    this.title.label = '';
    this._menu = new Menu({ commands });
    this._menu.addClass('jp-snapshots-menu');
    this._menu.title.label = trans.__('Snapshot');
    model.pollWhen = () => this.isVisible;
  }

  /** The snapshot the open menu acts on (commands fall back to it). */
  get menuTarget(): string | null {
    return this._menuTarget;
  }

  /** Open the per-snapshot menu at a point (right-click, "⋯" or keyboard). */
  openMenu(item: ISnapshotSummary, x: number, y: number): void {
    this._menuTarget = item.id;
    const menu = this._menu;
    menu.clearItems();
    for (const command of ITEM_MENU_COMMANDS) {
      if (command === HistoryCommandIDs.deleteSnapshot) {
        menu.addItem({ type: 'separator' });
      }
      menu.addItem({ command, args: { id: item.id } });
    }
    menu.open(x, y);
    menu.activeIndex = 0;
  }

  /** Select one snapshot and scroll to it (loading the list first if needed). */
  async reveal(id: string): Promise<void> {
    if (!this.model.find(id)) {
      await this.model.refresh();
    }
    if (!this.model.find(id)) {
      return;
    }
    this.model.click(id);
    requestAnimationFrame(() => {
      const node = this.node.querySelector<HTMLElement>(
        `[data-snapshot-id="${CSS.escape(id)}"]`
      );
      node?.scrollIntoView({ block: 'nearest' });
      node?.focus();
    });
  }

  /** Catch up when the panel is shown again (polling pauses while hidden). */
  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    void this.model.refresh({ background: true });
  }

  dispose(): void {
    this._menu.dispose();
    super.dispose();
  }

  render(): JSX.Element {
    return (
      <div className="jp-snapshots-panel-body">
        <header className="jp-snapshots-header">
          <h2>{this.trans.__('Snapshots')}</h2>
          <button
            type="button"
            className="jp-snapshots-runs-open-button"
            title={this.trans.__(
              'Team runs: browse, filter and compare every run in the team store'
            )}
            onClick={() => void this.commands.execute('jupyter-ext:team-runs')}
          >
            <teamRunsIcon.react tag="span" />
            {this.trans.__('Team runs')}
          </button>
        </header>
        <HistoryToolbar
          model={this.model}
          commands={this.commands}
          trans={this.trans}
        />
        <HistoryBody
          model={this.model}
          commands={this.commands}
          trans={this.trans}
          onMenu={(item, x, y) => this.openMenu(item, x, y)}
        />
      </div>
    );
  }

  private _menu: Menu;
  private _menuTarget: string | null = null;
}
