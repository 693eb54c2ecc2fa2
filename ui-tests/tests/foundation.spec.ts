import { expect, test } from '@jupyterlab/galata';

import { typeInCommandPalette } from './snapshotHelpers';

test.describe('Foundation', () => {
  test('the Snapshots sidebar explains itself when no notebook is open', async ({
    page
  }) => {
    const tab = page.getByRole('tab', { name: 'Snapshots' });
    await expect(tab).toBeVisible();
    await tab.click();
    const panel = page.locator('#jupyter-ext-history');
    await expect(panel).toBeVisible();
    await expect(panel.getByText('No notebook selected.')).toBeVisible();
    await page.screenshot({
      path: 'test-results/screenshots/foundation-empty-panel.png'
    });
  });

  test('a notebook shows the Snapshot run toolbar button and palette entry', async ({
    page
  }) => {
    await page.notebook.createNew('foundation.ipynb');
    const button = page.locator(
      '.jp-NotebookPanel-toolbar [data-jp-item-name="snapshot-run"]'
    );
    await expect(button).toBeVisible();

    await typeInCommandPalette(page, 'Snapshot run');
    await expect(
      page.locator('#modal-command-palette .lm-CommandPalette-item', {
        hasText: 'Snapshot run'
      })
    ).toBeVisible();
    await page.keyboard.press('Escape');

    await page.getByRole('tab', { name: 'Snapshots' }).click();
    await expect(page.locator('#jupyter-ext-history')).toContainText(
      'No snapshots of this notebook yet.'
    );
    await page.screenshot({
      path: 'test-results/screenshots/foundation-notebook.png'
    });
  });
});
