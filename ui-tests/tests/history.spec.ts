import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';

import {
  dismissToasts,
  openSnapshotsPanel,
  setTheme,
  snapshotWithToolbar
} from './snapshotHelpers';
import { sweepNotebook } from './sweepNotebook';

test.use({ autoGoto: true });

async function openSweep(page: IJupyterLabPageFixture, tmpPath: string) {
  const path = `${tmpPath}/sweep.ipynb`;
  await page.contents.uploadContent(
    JSON.stringify(sweepNotebook(0.01)),
    'text',
    path
  );
  await page.notebook.openByPath(path);
  await page.notebook.activate('sweep.ipynb');
  await page.notebook.run();
  return path;
}

/** Two runs of the notebook: lr 0.01, then lr 0.1. */
async function twoRuns(page: IJupyterLabPageFixture, tmpPath: string) {
  await openSweep(page, tmpPath);
  const panel = await openSnapshotsPanel(page);
  await snapshotWithToolbar(page, 'baseline lr 0.01', 'baseline');
  await expect(
    panel.locator('.jp-snapshots-item', { hasText: 'baseline lr 0.01' })
  ).toBeVisible();

  await page.notebook.setCell(1, 'code', 'lr = 0.1\nepochs = 5');
  await page.notebook.run();
  await snapshotWithToolbar(page, 'try lr 0.1', 'lr-sweep');
  await expect(
    panel.locator('.jp-snapshots-item', { hasText: 'try lr 0.1' })
  ).toBeVisible();
  await dismissToasts(page);
  return panel;
}

test.describe('Notebook history', () => {
  test('select two snapshots and diff them: run diff first, then nbdime', async ({
    page,
    tmpPath
  }) => {
    const panel = await twoRuns(page, tmpPath);
    const items = panel.locator('.jp-snapshots-item');
    await expect(items).toHaveCount(2);
    // newest first
    await expect(items.first()).toContainText('try lr 0.1');
    await expect(items.first()).toContainText('accuracy');
    await page.screenshot({
      path: 'test-results/screenshots/history-panel.png'
    });

    await items.nth(0).locator('.jp-snapshots-item-check').check();
    await items.nth(1).locator('.jp-snapshots-item-check').check();
    await expect(panel.locator('.jp-snapshots-selection')).toContainText(
      '2 selected'
    );
    await panel.getByRole('button', { name: /Diff selected/ }).click();

    const diff = page.locator('.jp-snapshots-diff-widget');
    await expect(diff).toBeVisible();
    const content = diff.locator('.jp-snapshots-diff');
    await expect(content).toHaveAttribute('data-loaded', 'true');

    // run diff: the parameter change, the metric delta
    const params = content.locator('.jp-snapshots-rundiff-params');
    await expect(params).toContainText('lr');
    await expect(params.locator('.jp-snapshots-old')).toHaveText('0.01');
    await expect(params.locator('.jp-snapshots-new')).toHaveText('0.1');
    const accuracy = content.locator('.jp-snapshots-rundiff-metrics tr', {
      hasText: 'accuracy'
    });
    await expect(accuracy.locator('.jp-snapshots-delta')).toHaveClass(
      /jp-mod-better/
    );

    // the nbdime notebook diff, below the run diff
    const nbdiff = content.locator('.jp-Notebook-diff');
    await expect(nbdiff).toBeVisible();
    await expect(nbdiff).toContainText('lr = 0.1');
    const runBox = await content.locator('.jp-snapshots-rundiff').boundingBox();
    const nbBox = await nbdiff.boundingBox();
    expect(runBox!.y).toBeLessThan(nbBox!.y);

    // unchanged cells hidden by default, shown on request
    await expect(
      nbdiff.locator('.jp-Cell-diff.jp-Diff-unchanged').first()
    ).toBeHidden();
    await page.screenshot({
      path: 'test-results/screenshots/diff-light.png'
    });

    // the changed plot: 2-up, swipe, onion skin
    const images = content.locator('.jp-snapshots-imgcmp');
    await expect(images).toHaveCount(1);
    await images.getByText('Swipe').click();
    await expect(images).toHaveAttribute('data-mode', 'swipe');
    await images.locator('.jp-snapshots-imgcmp-slider').fill('30');
    await images.scrollIntoViewIfNeeded();
    await page.screenshot({
      path: 'test-results/screenshots/diff-swipe.png'
    });
    await images.getByText('Onion skin').click();
    await expect(images).toHaveAttribute('data-mode', 'onion');

    await setTheme(page, 'dark');
    await content.evaluate(node => (node.scrollTop = 0));
    await page.screenshot({
      path: 'test-results/screenshots/diff-dark.png'
    });
    await setTheme(page, 'light');

    // hide outputs: re-requested without outputs; the plot comparison goes
    await diff.getByText('Hide outputs').click();
    await expect(content.locator('.jp-snapshots-imgcmp')).toHaveCount(0);
    await expect(content.locator('.jp-Notebook-diff')).toBeVisible();
    await diff.getByText('Hide unchanged cells').click();
    await expect(
      content.locator('.jp-Cell-diff.jp-Diff-unchanged').first()
    ).toBeVisible();
  });

  test('context menu: diff with current, open read-only, restore as a copy, delete own', async ({
    page,
    tmpPath
  }) => {
    const panel = await twoRuns(page, tmpPath);
    const older = panel.locator('.jp-snapshots-item', {
      hasText: 'baseline lr 0.01'
    });

    // Right-click -> Diff with current notebook
    await older.click({ button: 'right' });
    const menu = page.locator('.lm-Menu');
    await expect(menu).toBeVisible();
    await expect(menu).toContainText('Open read-only');
    await expect(menu).toContainText('Delete');
    await page.screenshot({
      path: 'test-results/screenshots/history-menu.png'
    });
    await menu.getByText('Diff with current notebook').click();
    const diff = page.locator('.jp-snapshots-diff-widget');
    await expect(diff.locator('.jp-snapshots-diff')).toHaveAttribute(
      'data-loaded',
      'true'
    );
    await expect(diff).toContainText('current notebook');
    await expect(diff.locator('.jp-Notebook-diff')).toContainText('lr = 0.1');
    // the live notebook has no kernel facts: shown as unknown, not as changed
    await expect(diff.locator('.jp-snapshots-rundiff-kernel')).toContainText(
      'known only for snapshots'
    );
    await page.screenshot({
      path: 'test-results/screenshots/diff-with-current.png'
    });

    // Keyboard: focus the item, open its menu with Shift+F10, open read-only
    await openSnapshotsPanel(page);
    await older.focus();
    await page.keyboard.press('Shift+F10');
    await expect(menu).toBeVisible();
    await menu.getByText('Open read-only').click();
    const ro = page.locator('.jp-snapshots-readonly-widget');
    await expect(ro.locator('.jp-snapshots-readonly')).toHaveAttribute(
      'data-loaded',
      'true'
    );
    await expect(ro).toContainText('Read-only');
    await expect(ro).toContainText('baseline lr 0.01');
    await expect(ro.locator('.jp-Cell').nth(1)).toContainText('lr = 0.01');
    await expect(ro.locator('.jp-RenderedImage img')).toHaveCount(1);
    // not editable
    await expect(
      ro.locator('.jp-Cell').nth(1).locator('.cm-content')
    ).toHaveAttribute('aria-readonly', 'true');
    await page.screenshot({
      path: 'test-results/screenshots/readonly.png'
    });

    // Restore as a copy from the read-only view: default path next to the notebook
    await ro.getByText('Restore as a copy').click();
    const dialog = page.locator('.jp-Dialog');
    const input = dialog.locator('input');
    await expect(input).toHaveValue(/sweep-[0-9a-z]{6}\.ipynb$/);
    const restoredPath = await input.inputValue();
    await page.keyboard.press('Enter');
    const restoredName = restoredPath.split('/').pop()!;
    await expect(page.getByRole('tab', { name: restoredName })).toBeVisible();
    expect(await page.contents.fileExists(restoredPath)).toBe(true);
    await page.screenshot({
      path: 'test-results/screenshots/restored.png'
    });

    // Delete own snapshot with the ⋯ button and a confirmation
    await page.getByRole('tab', { name: 'sweep.ipynb', exact: true }).click();
    await openSnapshotsPanel(page);
    await older.hover();
    await older.getByRole('button', { name: 'Snapshot actions' }).click();
    await menu.getByText('Delete…').click();
    const confirm = page.locator('.jp-Dialog');
    await expect(confirm).toContainText('Delete snapshot');
    await expect(confirm).toContainText('baseline lr 0.01');
    await page.screenshot({
      path: 'test-results/screenshots/delete-confirm.png'
    });
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await expect(older).toHaveCount(0);
    await expect(panel.locator('.jp-snapshots-item')).toHaveCount(1);
  });

  test('README screenshots: a sweep of three runs and their diff', async ({
    page,
    tmpPath
  }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await openSweep(page, tmpPath);
    const panel = await openSnapshotsPanel(page);
    const runs: [string, string, string][] = [
      ['0.01', 'baseline: lr 0.01, 5 epochs', 'baseline'],
      ['0.03', 'lr 0.03 — faster convergence?', 'lr-sweep'],
      ['0.1', 'lr 0.1: best accuracy so far', 'lr-sweep, candidate']
    ];
    for (const [lr, message, tags] of runs) {
      await page.notebook.setCell(1, 'code', `lr = ${lr}\nepochs = 5`);
      await page.notebook.run();
      await snapshotWithToolbar(page, message, tags);
      await expect(
        panel.locator('.jp-snapshots-item', { hasText: message })
      ).toBeVisible();
    }
    await dismissToasts(page);
    await page.notebook.selectCells(1);
    await page.screenshot({
      path: 'test-results/screenshots/docs-history-panel.png'
    });

    const items = panel.locator('.jp-snapshots-item');
    await items.nth(0).click();
    await items.nth(2).click({ modifiers: ['Control'] });
    await panel.getByRole('button', { name: /Diff selected/ }).click();
    const content = page.locator(
      '.jp-snapshots-diff-widget .jp-snapshots-diff'
    );
    await expect(content).toHaveAttribute('data-loaded', 'true');
    await expect(content.locator('.jp-Notebook-diff')).toBeVisible();
    await page.screenshot({
      path: 'test-results/screenshots/docs-diff-view.png'
    });
  });
});
