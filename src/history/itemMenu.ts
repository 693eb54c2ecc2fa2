/**
 * The per-snapshot menu is JupyterLab's own context menu on history items:
 * right-click, the "⋯" button and the keyboard all open the same menu, and
 * other plugins add items with the same selector.
 */
import type { ContextMenuSvg } from '@jupyterlab/ui-components';

import { HistoryCommandIDs } from './commandIds';

/** One history item; `data-snapshot-id` names its snapshot. */
export const ITEM_SELECTOR = '.jp-snapshots-item';

/**
 * Ranks of the panel's own items. 30–39 is left to other plugins (e.g. the
 * reproduction plugin), the destructive item comes last after a separator.
 */
export const ITEM_MENU: readonly { command?: string; rank: number }[] = [
  { command: HistoryCommandIDs.diffWithCurrent, rank: 10 },
  { command: HistoryCommandIDs.openReadonly, rank: 12 },
  { command: HistoryCommandIDs.restoreCopy, rank: 14 },
  { command: HistoryCommandIDs.copyId, rank: 16 },
  { rank: 90 },
  { command: HistoryCommandIDs.deleteSnapshot, rank: 92 }
];

/** Add the item menu entries to the application context menu. */
export function addItemMenu(contextMenu: ContextMenuSvg): void {
  for (const { command, rank } of ITEM_MENU) {
    contextMenu.addItem(
      command
        ? { command, selector: ITEM_SELECTOR, rank }
        : { type: 'separator', selector: ITEM_SELECTOR, rank }
    );
  }
}

/** The snapshot id of the item a node belongs to. */
export function itemIdOf(node: HTMLElement | null | undefined): string | null {
  const item = node?.closest<HTMLElement>(ITEM_SELECTOR);
  return item?.dataset.snapshotId || null;
}

/**
 * Open the context menu of `item` at a point, as a right-click there would
 * (for the "⋯" button and the ContextMenu / Shift+F10 keys). JupyterLab's
 * document listener opens the menu and remembers the target for hit tests.
 */
export function openItemMenu(item: HTMLElement, x: number, y: number): void {
  item.dispatchEvent(
    new MouseEvent('contextmenu', {
      bubbles: true,
      cancelable: true,
      composed: true,
      clientX: x,
      clientY: y,
      button: 2
    })
  );
}
