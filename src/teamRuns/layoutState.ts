/**
 * The Team runs layout (order, widths, hidden, pinned, differ-only, curves,
 * sort) kept per user in JupyterLab's state database, so it survives reloads.
 */
import type { IStateDB } from '@jupyterlab/statedb';
import type { ReadonlyPartialJSONValue } from '@lumino/coreutils';

import { IColumnLayout } from './columns';

export const LAYOUT_STATE_KEY = 'jupyter-ext:team-runs:layout';

const strings = (value: unknown): string[] | undefined =>
  Array.isArray(value) && value.every(v => typeof v === 'string')
    ? [...value]
    : undefined;

/** A layout read back from storage: anything malformed is dropped, not trusted. */
export function parseLayout(
  value: unknown,
  fallback: IColumnLayout
): IColumnLayout {
  if (!value || typeof value !== 'object') {
    return fallback;
  }
  const v = value as Record<string, unknown>;
  const layout: IColumnLayout = {
    order: strings(v.order) ?? fallback.order,
    hidden: strings(v.hidden) ?? fallback.hidden
  };
  const pinned = strings(v.pinned);
  if (pinned) {
    layout.pinned = pinned;
  }
  const sparklines = strings(v.sparklines);
  if (sparklines) {
    layout.sparklines = sparklines;
  }
  if (typeof v.differOnly === 'boolean') {
    layout.differOnly = v.differOnly;
  }
  if (v.widths && typeof v.widths === 'object') {
    const widths: Record<string, number> = {};
    for (const [k, w] of Object.entries(v.widths as object)) {
      if (typeof w === 'number' && w >= 24 && w <= 2000) {
        widths[k] = Math.round(w);
      }
    }
    layout.widths = widths;
  }
  const sort = v.sort as Record<string, unknown> | undefined;
  if (
    sort &&
    typeof sort.key === 'string' &&
    typeof sort.descending === 'boolean'
  ) {
    layout.sort = { key: sort.key, descending: sort.descending };
  }
  return layout;
}

/** Read the saved layout (*fallback* when none, or no state database). */
export async function loadLayout(
  state: IStateDB | null,
  fallback: IColumnLayout
): Promise<IColumnLayout> {
  if (!state) {
    return fallback;
  }
  try {
    return parseLayout(await state.fetch(LAYOUT_STATE_KEY), fallback);
  } catch {
    return fallback;
  }
}

/** Save *layout*, coalescing bursts (a drag of a header edge saves once). */
export function layoutSaver(
  state: IStateDB | null,
  delayMs = 300
): (layout: IColumnLayout) => void {
  let timer = 0;
  return layout => {
    if (!state) {
      return;
    }
    window.clearTimeout(timer);
    timer = window.setTimeout(() => {
      void state
        .save(
          LAYOUT_STATE_KEY,
          JSON.parse(JSON.stringify(layout)) as ReadonlyPartialJSONValue
        )
        .catch(reason =>
          console.warn(
            'jupyter-ext: could not save the Team runs layout',
            reason
          )
        );
    }, delayMs);
  };
}
