/**
 * Left-sidebar "Snapshots" panel: the history of the active notebook.
 * The widget only; the list, items and toolbar live in their own files and
 * the per-item menu is JupyterLab's context menu (see ./itemMenu).
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';
import { CommandRegistry } from '@lumino/commands';
import type { Message } from '@lumino/messaging';
import type { Menu } from '@lumino/widgets';
import * as React from 'react';

import { historyIcon, teamRunsIcon } from '../icons';
import { defaultTrans } from '../translation';
import { openItemMenu } from './itemMenu';
import { HistoryBody } from './list';
import { HistoryModel } from './model';
import { HistoryToolbar } from './toolbar';

export { HistoryCommandIDs } from './commandIds';

export class HistoryPanel extends ReactWidget {
  constructor(
    readonly model: HistoryModel,
    readonly commands: CommandRegistry,
    readonly trans: TranslationBundle = defaultTrans(),
    /** The application's context menu, to focus its first item when a key opened it. */
    readonly contextMenu: Menu | null = null
  ) {
    super();
    this.id = 'jupyter-ext-history';
    this.addClass('jp-snapshots-panel');
    this.title.icon = historyIcon;
    this.title.caption = trans.__('Snapshots');
    this.title.label = '';
    model.pollWhen = () => this.isVisible;
  }

  /** Open the item menu at a point, as a right-click there would. */
  openMenu(node: HTMLElement, x: number, y: number, keyboard = false): void {
    openItemMenu(node, x, y);
    if (keyboard && this.contextMenu?.isAttached) {
      this.contextMenu.activeIndex = 0;
    }
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
          onMenu={(node, x, y, keyboard) => this.openMenu(node, x, y, keyboard)}
        />
      </div>
    );
  }
}
