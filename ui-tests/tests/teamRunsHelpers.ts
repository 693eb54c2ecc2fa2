/**
 * Shared steps of the Team runs UI tests: what a person does, and the notebooks they run.
 */
import { expect } from '@jupyterlab/galata';
import type { Locator, Page } from '@playwright/test';

import { assignments, metricsOutput, pythonNotebook } from './notebookJson';

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
  await expect(async () => {
    await page.keyboard.press('Control+Shift+C');
    await expect(page.locator('#modal-command-palette input')).toBeVisible({
      timeout: 2000
    });
  }).toPass({ timeout: 60_000 });
  await page.locator('#modal-command-palette input').fill('Team runs');
  await page
    .locator('#modal-command-palette .lm-CommandPalette-item', {
      hasText: 'Team runs'
    })
    .first()
    .click();
  const view = page.locator('#jupyter-ext-team-runs');
  await expect(view).toBeVisible();
  return view;
}
