import { expect, galata, test } from '@jupyterlab/galata';

import {
  fillDialogAndSubmit,
  openSnapshotsPanel,
  setTheme,
  TOOLBAR_BUTTON
} from './snapshotHelpers';

test.describe('Snapshot outcomes', () => {
  test('store unreachable: the notification says the snapshot is queued locally', async ({
    page
  }) => {
    await page.notebook.createNew('queued.ipynb');
    await openSnapshotsPanel(page);
    // The server answers as it does when the team store is down.
    await page.route(
      /\/jupyter-ext\/api\/snapshots(\?[^/]*)?$/,
      async (route, request) => {
        if (request.method() !== 'POST') {
          return route.fallback();
        }
        const response = await route.fetch();
        const summary = await response.json();
        await route.fulfill({
          status: 201,
          contentType: 'application/json',
          body: JSON.stringify({
            ...summary,
            queued: true,
            queue_reason: 'store unreachable'
          })
        });
      }
    );
    await page.locator(TOOLBAR_BUTTON).first().click();
    await fillDialogAndSubmit(page, 'offline run');
    const toast = page.locator('.Toastify__toast', {
      hasText: 'queued locally, will be sent when the store is back'
    });
    await expect(toast).toBeVisible();
    await page.screenshot({
      path: 'test-results/screenshots/snapshot-queued.png'
    });
  });

  test('server error: says what happened and that nothing was stored', async ({
    page
  }) => {
    await page.notebook.createNew('failing.ipynb');
    await page.route(
      /\/jupyter-ext\/api\/snapshots(\?[^/]*)?$/,
      (route, request) =>
        request.method() === 'POST'
          ? route.fulfill({
              status: 413,
              contentType: 'application/json',
              body: JSON.stringify({
                message: 'notebook is larger than the 256 MB limit'
              })
            })
          : route.fallback()
    );
    await page.locator(TOOLBAR_BUTTON).first().click();
    await fillDialogAndSubmit(page, 'too big');
    const toast = page.locator('.Toastify__toast', {
      hasText: 'notebook is larger than the 256 MB limit'
    });
    await expect(toast).toBeVisible();
    await expect(toast).toContainText('Nothing was stored');
    await page.screenshot({
      path: 'test-results/screenshots/snapshot-error.png'
    });
  });

  test('history panel: error state with Retry, then the list', async ({
    page
  }) => {
    let fail = true;
    await page.route('**/jupyter-ext/api/snapshots?**', route =>
      fail
        ? route.fulfill({
            status: 503,
            contentType: 'application/json',
            body: JSON.stringify({ message: 'team store is not reachable' })
          })
        : route.fallback()
    );
    await page.notebook.createNew('errors.ipynb');
    const panel = await openSnapshotsPanel(page);
    await expect(panel.getByRole('alert')).toContainText(
      'team store is not reachable'
    );
    await setTheme(page, 'dark');
    await page.screenshot({
      path: 'test-results/screenshots/history-error-dark.png'
    });
    await setTheme(page, 'light');
    fail = false;
    await panel.getByRole('button', { name: 'Retry' }).click();
    await expect(panel).toContainText('No snapshots of this notebook yet.');
  });
});

test.describe('Auto-snapshot on save', () => {
  test.use({
    mockSettings: {
      ...galata.DEFAULT_SETTINGS,
      'jupyter-ext:plugin': { autoSnapshotOnSave: true, pollInterval: 5 }
    }
  });

  test('each save records a lightweight snapshot, without a dialog', async ({
    page
  }) => {
    await page.notebook.createNew('autosave.ipynb');
    const panel = await openSnapshotsPanel(page);
    await page.notebook.setCell(0, 'code', 'saved = True');
    await page.notebook.save();
    await expect(page.locator('.jp-Dialog')).toHaveCount(0);
    const item = panel.locator('.jp-snapshots-item', {
      hasText: 'Auto-snapshot on save'
    });
    await expect(item).toBeVisible();
    await expect(item).toContainText('autosave');
    await page.screenshot({
      path: 'test-results/screenshots/snapshot-autosave.png'
    });
  });
});
