/**
 * The element a context menu was opened on, as it was at the right-click.
 *
 * JupyterLab's `contextMenuHitTest` walks up from the event target when a
 * menu command runs. Live views (Team runs, the Snapshots panel) re-render
 * their rows when data arrives; a re-render between the right-click and the
 * menu click detaches the target, the walk stops at the detached subtree and
 * the command silently does nothing. So the path is recorded when the event
 * is dispatched, before JupyterLab opens the menu.
 */

let lastPath: readonly EventTarget[] = [];
let watching = false;

/** Start recording right-clicks (idempotent; call from a plugin's activate). */
export function watchContextMenu(doc: Document = document): void {
  if (watching) {
    return;
  }
  watching = true;
  // Capture phase: runs before JupyterLab's own listener opens the menu.
  doc.addEventListener(
    'contextmenu',
    event => {
      lastPath = event.composedPath();
    },
    true
  );
}

/** The nearest element of the last right-click matching one of `selectors`. */
export function contextMenuElement(...selectors: string[]): HTMLElement | null {
  for (const target of lastPath) {
    if (
      target instanceof HTMLElement &&
      selectors.some(selector => target.matches(selector))
    ) {
      return target;
    }
  }
  return null;
}
