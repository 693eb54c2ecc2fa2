/**
 * Shared steps of the Team runs UI tests: what a person does, and the notebooks they run.
 */
import { expect } from '@jupyterlab/galata';
import type { Locator, Page } from '@playwright/test';

import { assignments, metricsOutput, pythonNotebook } from './notebookJson';
import { typeInCommandPalette } from './snapshotHelpers';

/** A notebook with a papermill parameters cell and logged metrics. */
export function notebook(
  params: Record<string, number | string>,
  metrics: Record<string, number>,
  code = 'model = train(lr, epochs)'
) {
  return pythonNotebook([
    {
      id: 'md',
      cell_type: 'markdown',
      metadata: {},
      source: '# Churn model'
    },
    {
      id: 'params',
      cell_type: 'code',
      metadata: { tags: ['parameters'] },
      source: assignments(params),
      outputs: [],
      execution_count: 1
    },
    {
      id: 'train',
      cell_type: 'code',
      metadata: {},
      source: code,
      execution_count: 2,
      outputs: [metricsOutput(metrics)]
    }
  ]);
}

/** Open Team runs from the command palette (retrying until the app answers the shortcut). */
export async function openTeamRuns(page: Page): Promise<Locator> {
  const view = page.locator('#jupyter-ext-team-runs');
  // A page still restoring its layout can close the palette under us: retry
  // the whole gesture, as a person would, until the view is open.
  await expect(async () => {
    if (await view.isVisible()) {
      return;
    }
    await typeInCommandPalette(page, 'Team runs', 5000);
    await page
      .locator('#modal-command-palette .lm-CommandPalette-item', {
        hasText: 'Team runs'
      })
      .first()
      .click({ timeout: 2000 });
    await expect(view).toBeVisible({ timeout: 5000 });
  }).toPass({ timeout: 60_000 });
  return view;
}
