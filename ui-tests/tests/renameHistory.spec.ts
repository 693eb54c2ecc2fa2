/**
 * A notebook's history survives a rename in the file browser, a restored copy shows the
 * snapshot it came from, and the short id the UI shows finds that run in Team runs.
 * Real server, real store: what a person does, nothing routed or faked.
 */
import { expect, test } from '@jupyterlab/galata';

import {
  dismissToasts,
  openSnapshotsPanel,
  snapshotWithToolbar
} from './snapshotHelpers';
import { openTeamRuns } from './teamRunsHelpers';

test.use({ autoGoto: true });

test('rename keeps the history, a restored copy shows its origin, its short id finds the run', async ({
  page,
  tmpPath
}) => {
  // A new notebook, as File > New > Notebook makes it: Untitled.ipynb.
  await page.filebrowser.openDirectory(tmpPath);
  const untitled = await page.notebook.createNew();
  expect(untitled).toBe('Untitled.ipynb');
  await page.notebook.setCell(0, 'code', 'lr = 0.01\nprint(lr)');
  await page.notebook.run();
  await page.notebook.save();
  const panel = await openSnapshotsPanel(page);
  await snapshotWithToolbar(page, 'first take before rename');
  const first = panel.locator('.jp-snapshots-item', {
    hasText: 'first take before rename'
  });
  await expect(first).toBeVisible();
  const firstId = (await first.getAttribute('data-snapshot-id'))!;
  await dismissToasts(page);

  // Rename it in the file browser (context menu > Rename), then close and reopen it.
  await page.sidebar.openTab('filebrowser');
  await page
    .locator('.jp-DirListing-item', { hasText: 'Untitled.ipynb' })
    .click({ button: 'right' });
  await page.getByRole('menuitem', { name: /^Rename/ }).click();
  const editor = page.locator('.jp-DirListing-editor');
  await expect(editor).toBeVisible();
  await editor.fill('scratch.ipynb');
  await editor.press('Enter');
  await expect(
    page.locator('.jp-DirListing-item', { hasText: 'scratch.ipynb' })
  ).toBeVisible();
  await expect(
    page.locator('.jp-DirListing-item', { hasText: 'Untitled.ipynb' })
  ).toHaveCount(0);
  await page.notebook.close();
  await page
    .locator('.jp-DirListing-item', { hasText: 'scratch.ipynb' })
    .dblclick();
  await expect(
    page.getByRole('tab', { name: 'scratch.ipynb', exact: true })
  ).toBeVisible();
  await page.notebook.activate('scratch.ipynb');

  // Its history still lists the snapshot taken under the old name.
  await openSnapshotsPanel(page);
  await expect(first).toBeVisible();
  await page.screenshot({
    path: 'test-results/screenshots/rename-history-after-rename.png'
  });

  // A second snapshot under the new name: both are listed, newest first.
  await page.notebook.setCell(0, 'code', 'lr = 0.1\nprint(lr)');
  await page.notebook.run();
  await snapshotWithToolbar(page, 'second take after rename');
  const items = panel.locator('.jp-snapshots-item');
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toContainText('second take after rename');
  await expect(items.nth(1)).toContainText('first take before rename');
  await expect(items.nth(1)).toHaveAttribute('data-snapshot-id', firstId);
  await dismissToasts(page);
  await page.screenshot({
    path: 'test-results/screenshots/rename-history-both.png'
  });

  // Restore the first snapshot as a copy from its item menu; the dialog names its short id.
  await first.click({ button: 'right' });
  const menu = page.locator('.lm-Menu');
  await expect(menu).toBeVisible();
  await menu.getByText('Restore as a copy').click();
  const dialog = page.locator('.jp-Dialog');
  await expect(dialog).toContainText('Restore as a copy');
  const label = (await dialog.locator('.jp-Dialog-body').textContent()) ?? '';
  const short = /snapshot ([0-9a-z]{6}) of/.exec(label)?.[1];
  expect(short).toBe(firstId.slice(-6).toLowerCase());
  const restoredPath = await dialog.locator('input').inputValue();
  // named after the notebook as the snapshot stored it (Untitled), next to it
  expect(restoredPath).toBe(`${tmpPath}/Untitled-${short}.ipynb`);
  await page.keyboard.press('Enter');
  const restoredName = `Untitled-${short}.ipynb`;
  await expect(
    page.getByRole('tab', { name: restoredName, exact: true })
  ).toBeVisible();
  await dismissToasts(page);

  // The copy's history: the snapshot it came from, marked as its origin.
  await openSnapshotsPanel(page);
  const origin = panel.locator('.jp-snapshots-item', {
    has: page.locator('.jp-snapshots-item-origin')
  });
  await expect(origin).toHaveCount(1);
  await expect(origin).toHaveAttribute('data-snapshot-id', firstId);
  await expect(origin).toContainText('first take before rename');
  await expect(origin.locator('.jp-snapshots-item-origin')).toHaveText(
    'restored from here'
  );
  await expect(panel).not.toContainText('second take after rename');
  await page.screenshot({
    path: 'test-results/screenshots/rename-history-copy-origin.png'
  });

  // Team runs: typing the short id the dialog showed leaves exactly that run.
  const view = await openTeamRuns(page);
  const input = view.getByRole('searchbox', { name: 'Filter runs' });
  await input.fill(short!);
  const rows = view.locator('.jp-snapshots-runs-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('first take before rename');
  // and a prefix of the full id (>= 6 characters) as an explicit id: term
  await input.fill(`id:${firstId.slice(0, 10).toLowerCase()}`);
  await expect(
    rows.filter({ hasText: 'first take before rename' })
  ).toHaveCount(1);
  await expect(
    rows.filter({ hasText: 'second take after rename' })
  ).toHaveCount(0);
  await page.screenshot({
    path: 'test-results/screenshots/rename-history-team-runs-id.png'
  });
});
