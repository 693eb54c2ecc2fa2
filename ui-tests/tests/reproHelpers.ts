/**
 * Shared steps of the reproduction UI tests: notebooks snapshotted as shown,
 * Team runs narrowed to a tag, a row's context menu, the re-run tab.
 */
import { expect, IJupyterLabPageFixture } from '@jupyterlab/galata';
import type { Locator } from '@playwright/test';

import { pythonNotebook } from './notebookJson';
import { openTeamRuns } from './teamRunsHelpers';

const API = '/jupyter-ext/api';

/** A code cell with the outputs it had when it ran. */
export function cell(id: string, source: string, outputs: unknown[] = []) {
  return {
    id,
    cell_type: 'code',
    metadata: {},
    source,
    outputs,
    execution_count: 1
  };
}

export function printed(text: string) {
  return { output_type: 'stream', name: 'stdout', text };
}

/** Put the notebook (and its folder) on disk, then snapshot it as shown. */
export async function snapshotNotebook(
  page: IJupyterLabPageFixture,
  path: string,
  cells: unknown[],
  message: string,
  tags: string[]
): Promise<string> {
  const content = pythonNotebook(cells);
  await page.contents.uploadContent(JSON.stringify(content), 'text', path);
  const response = await page.request.post(`${API}/snapshots`, {
    data: { path, content, message, tags }
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()).id;
}

/** Team runs narrowed to one tag. */
export async function teamRunsWith(
  page: IJupyterLabPageFixture,
  tag: string,
  count: number
): Promise<Locator> {
  const view = await openTeamRuns(page);
  await view.getByRole('searchbox', { name: 'Filter runs' }).fill(`tag:${tag}`);
  await expect(view.locator('.jp-snapshots-runs-row')).toHaveCount(count);
  return view;
}

export function row(view: Locator, message: string): Locator {
  return view.locator('.jp-snapshots-runs-row', { hasText: message });
}

/** Right-click a row and choose a menu item, as a person does. */
export async function rowMenu(
  page: IJupyterLabPageFixture,
  target: Locator,
  item: string
): Promise<void> {
  await target.click({ button: 'right' });
  const menu = page.locator('.lm-Menu').last();
  await menu.locator('.lm-Menu-item', { hasText: item }).first().click();
}

/** The re-run tab that the last "Re-run to verify" opened. */
export function rerunTab(page: IJupyterLabPageFixture): Locator {
  return page.locator('.jp-snapshots-rerun').last();
}
