/**
 * The Snapshots panel items against the real server: one context menu (right
 * click, "⋯" and the keyboard), what an item shows (key parameters, metrics,
 * comment count, re-run verdict) and "diff with my notebook" when two
 * notebooks are open; a long outage message read whole.
 */
import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import * as fs from 'fs';

import {
  dismissToasts,
  fillDialogAndSubmit,
  openSnapshotsPanel,
  setTheme,
  TOOLBAR_BUTTON
} from './snapshotHelpers';
import { notebook, openTeamRuns } from './teamRunsHelpers';

const SHOTS = 'test-results/screenshots';
const API = '/jupyter-ext/api';

test.use({ autoGoto: true });

type Params = Record<string, number | string>;

/** Upload a notebook and open it as a person would. */
async function openNotebook(
  page: IJupyterLabPageFixture,
  path: string,
  params: Params,
  code?: string
): Promise<void> {
  await page.contents.uploadContent(
    JSON.stringify(notebook(params, { accuracy: 0.9 }, code)),
    'text',
    path
  );
  await page.notebook.openByPath(path);
  await page.notebook.activate(path.split('/').pop()!);
}

/** A snapshot taken through the REST API (as a teammate's JupyterLab or CI would). */
async function createRun(
  page: IJupyterLabPageFixture,
  path: string,
  message: string,
  params: Params,
  metrics: Record<string, number>,
  code?: string
): Promise<string> {
  const response = await page.request.post(`${API}/snapshots`, {
    data: { path, content: notebook(params, metrics, code), message }
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()).id;
}

/** The labels of the visible items of the open context menu. */
async function menuLabels(page: IJupyterLabPageFixture): Promise<string[]> {
  const menu = page.locator('.lm-Menu');
  await expect(menu).toBeVisible();
  const labels = await menu
    .locator('.lm-Menu-item:not(.lm-mod-hidden) .lm-Menu-itemLabel')
    .allInnerTexts();
  return labels.filter(label => label.trim()); // separators have none
}

/** The history entries among the menu's labels, in menu order (other plugins add theirs). */
function historyEntries(labels: string[], entries: string[]): string[] {
  return labels.filter(label => entries.includes(label));
}

test.describe('Snapshots panel items', () => {
  test('one context menu: right-click, the ⋯ button and the keyboard', async ({
    page,
    tmpPath
  }) => {
    const path = `${tmpPath}/menu.ipynb`;
    await openNotebook(page, path, { lr: 0.1 });
    const older = await createRun(page, path, 'older run', { lr: 0.01 }, {});
    await createRun(page, path, 'newer run', { lr: 0.1 }, {});
    const panel = await openSnapshotsPanel(page);
    await panel.locator('.jp-snapshots-refresh').click();
    const item = panel.locator('.jp-snapshots-item', { hasText: 'older run' });
    await expect(item).toBeVisible();

    // Right-click: JupyterLab's context menu with the item commands.
    await item.click({ button: 'right' });
    const expected = [
      'Diff with current notebook',
      'Open read-only',
      'Restore as a copy…',
      'Copy id',
      'Delete…'
    ];
    expect(historyEntries(await menuLabels(page), expected)).toEqual(expected);
    await page.screenshot({
      path: `${SHOTS}/history-item-menu-right-click.png`
    });
    await page.keyboard.press('Escape');
    await expect(page.locator('.lm-Menu')).toHaveCount(0);

    // The ⋯ button opens the same menu, acting on its own item (dark theme).
    await setTheme(page, 'dark');
    await item.hover();
    await item.getByRole('button', { name: 'Snapshot actions' }).click();
    expect(historyEntries(await menuLabels(page), expected)).toEqual(expected);
    await page.screenshot({ path: `${SHOTS}/history-item-menu-dots-dark.png` });
    await page.locator('.lm-Menu').getByText('Copy id').click();
    await expect(
      page.locator('.Toastify__toast', {
        hasText: `Copied snapshot id ${older}`
      })
    ).toBeVisible();
    await dismissToasts(page);
    await setTheme(page, 'light');

    // The ContextMenu key opens it with the first item active: Enter diffs.
    await item.focus();
    await page.keyboard.press('ContextMenu');
    expect(historyEntries(await menuLabels(page), expected)).toEqual(expected);
    await expect(
      page.locator('.lm-Menu .lm-Menu-item.lm-mod-active')
    ).toHaveText(/Diff with current notebook/);
    await page.screenshot({ path: `${SHOTS}/history-item-menu-keyboard.png` });
    await page.keyboard.press('Enter');
    const diff = page.locator('.jp-snapshots-diff-widget');
    await expect(diff.locator('.jp-snapshots-diff')).toHaveAttribute(
      'data-loaded',
      'true'
    );
    await expect(diff).toContainText('current notebook');
    await expect(diff.locator('.jp-Notebook-diff')).toContainText('lr = 0.1');
  });

  test('an item shows key parameters, metrics, comment count and the re-run verdict', async ({
    page,
    tmpPath
  }) => {
    const path = `${tmpPath}/facts.ipynb`;
    const code = 'print("trained")';
    const id = await createRun(
      page,
      path,
      'gbm with four params',
      { lr: 0.01, epochs: 3, model: 'gbm', seed: 42 },
      { accuracy: 0.9123456789, loss: 0.2 },
      code
    );
    for (const text of ['Looks good', 'Try seed 7 too']) {
      const response = await page.request.post(
        `${API}/snapshots/${id}/comments`,
        { data: { text } }
      );
      expect(response.status(), await response.text()).toBe(201);
    }
    // A re-run from scratch gives the snapshot a verdict.
    const started = await page.request.post(`${API}/snapshots/${id}/rerun`, {
      data: { timeout: 120 }
    });
    expect(started.status(), await started.text()).toBe(202);
    const job = (await started.json()).id;
    await expect
      .poll(
        async () =>
          (
            await (
              await page.request.get(`${API}/snapshots/${id}/rerun/${job}`)
            ).json()
          ).state,
        { timeout: 120_000, intervals: [1000] }
      )
      .toMatch(/done|failed/);

    await openNotebook(page, path, { lr: 0.01 }, code);
    const panel = await openSnapshotsPanel(page);
    const item = panel.locator('.jp-snapshots-item', {
      hasText: 'gbm with four params'
    });
    await expect(item).toBeVisible();
    const params = item.locator('.jp-snapshots-item-params');
    await expect(params).toContainText('lr0.01');
    await expect(params).toContainText('epochs3');
    await expect(params).toContainText('modelgbm');
    // three are shown; every one is in the title
    await expect(params).not.toContainText('seed');
    await expect(params).toHaveAttribute('title', /seed = 42/);
    const metrics = item.locator('.jp-snapshots-item-metrics');
    await expect(metrics).toContainText('accuracy0.912346');
    await expect(metrics).toContainText('loss0.2');
    await expect(item.locator('.jp-snapshots-item-comments')).toHaveText(
      '2 comments'
    );
    const verdict = item.locator('.jp-snapshots-verdict');
    await expect(verdict).toHaveText(/^(Reproduced|Differs|Failed)$/);
    await expect(verdict).toHaveAttribute('title', /Re-run from scratch/);
    await page.screenshot({ path: `${SHOTS}/history-item-facts.png` });
    await setTheme(page, 'dark');
    await page.screenshot({ path: `${SHOTS}/history-item-facts-dark.png` });
    await setTheme(page, 'light');
  });

  test('diff with my notebook asks which one when two notebooks are open', async ({
    page,
    tmpPath
  }) => {
    const first = `${tmpPath}/first.ipynb`;
    const second = `${tmpPath}/second.ipynb`;
    await createRun(page, first, 'first run', { lr: 0.01 }, {});
    await openNotebook(page, second, { lr: 0.5 });
    await openNotebook(page, first, { lr: 0.3 });
    const panel = await openSnapshotsPanel(page);
    const item = panel.locator('.jp-snapshots-item', { hasText: 'first run' });
    await expect(item).toBeVisible();

    await item.click({ button: 'right' });
    await page
      .locator('.lm-Menu')
      .getByText('Diff with current notebook')
      .click();
    const dialog = page.locator('.jp-Dialog');
    await expect(dialog).toContainText('Diff with which notebook?');
    const options = dialog.getByRole('radio');
    await expect(options).toHaveCount(2);
    // the current notebook is preselected
    await expect(
      dialog.getByRole('radio', { name: /first\.ipynb/ })
    ).toBeChecked();
    await page.screenshot({ path: `${SHOTS}/history-choose-notebook.png` });
    await setTheme(page, 'dark');
    await page.screenshot({
      path: `${SHOTS}/history-choose-notebook-dark.png`
    });
    await setTheme(page, 'light');

    // choose the other one: the diff is against second.ipynb
    await dialog.getByRole('radio', { name: /second\.ipynb/ }).check();
    await dialog.getByRole('button', { name: 'Diff' }).click();
    const diff = page.locator('.jp-snapshots-diff-widget');
    await expect(diff.locator('.jp-snapshots-diff')).toHaveAttribute(
      'data-loaded',
      'true'
    );
    await expect(diff.locator('.jp-Notebook-diff')).toContainText('lr = 0.5');
    await expect(diff.locator('.jp-Notebook-diff')).not.toContainText(
      'lr = 0.3'
    );

    // Team runs' "Diff with my notebook" asks the same way.
    const view = await openTeamRuns(page);
    await view
      .getByRole('searchbox', { name: 'Filter runs' })
      .fill(`notebook:${first}`);
    const row = view.locator('.jp-snapshots-runs-row', {
      hasText: 'first run'
    });
    await expect(row).toHaveCount(1, { timeout: 60_000 });
    await row.click({ button: 'right' });
    await page.locator('.lm-Menu').getByText('Diff with my notebook').click();
    await expect(dialog).toContainText('Diff with which notebook?');
    await expect(dialog.getByRole('radio')).toHaveCount(2);
    await dialog.getByRole('radio', { name: /first\.ipynb/ }).check();
    await dialog.getByRole('button', { name: 'Diff' }).click();
    const runDiff = page.locator('.jp-snapshots-diff-widget').last();
    await expect(runDiff.locator('.jp-snapshots-diff')).toHaveAttribute(
      'data-loaded',
      'true'
    );
    await expect(runDiff.locator('.jp-Notebook-diff')).toContainText(
      'lr = 0.3'
    );
  });
});

test.describe('Outage messages', () => {
  test('a long outage message is readable whole: toast, Details and the notification centre', async ({
    page,
    tmpPath
  }) => {
    const store = process.env.JUPYTER_SNAPSHOT_STORE!;
    const away = `${store}-away`;
    await openNotebook(page, `${tmpPath}/outage.ipynb`, { lr: 0.1 });
    await openSnapshotsPanel(page);
    // The team store disappears (an unmounted share): snapshots queue locally.
    fs.renameSync(store, away);
    try {
      await page.locator(TOOLBAR_BUTTON).first().click();
      await fillDialogAndSubmit(page, 'during the outage');
      const toast = page
        .locator('.Toastify__toast', { hasText: 'Store unreachable' })
        .first();
      await expect(toast).toBeVisible({ timeout: 60_000 });
      const shown = (
        await toast.locator('.jp-toast-message').innerText()
      ).trim();
      console.log(`toast: ${shown}`);
      // nothing cut mid-way: a whole sentence, within what JupyterLab shows
      expect(shown.length).toBeLessThanOrEqual(140);
      expect(shown).toMatch(/\.$/);
      await page.screenshot({ path: `${SHOTS}/outage-toast.png` });

      await toast.getByRole('button', { name: 'Details' }).click();
      const dialog = page.locator('.jp-Dialog');
      const whole = (
        await dialog.locator('.jp-snapshots-message-details').innerText()
      ).trim();
      console.log(`details: ${whole}`);
      expect(whole.startsWith(shown)).toBe(true);
      expect(whole.length).toBeGreaterThan(shown.length);
      expect(whole).toContain('Reason:');
      expect(whole).not.toContain('…');
      await page.screenshot({ path: `${SHOTS}/outage-details.png` });
      await setTheme(page, 'dark');
      await page.screenshot({ path: `${SHOTS}/outage-details-dark.png` });
      await setTheme(page, 'light');
      await dialog.getByRole('button', { name: 'Close' }).click();
      await expect(dialog).toHaveCount(0);

      // The notification centre keeps it, with the same Details.
      await dismissToasts(page);
      await page.locator('.jp-Notification-Status').click();
      const center = page.locator('.jp-Notification-Center');
      const entry = center
        .locator('.jp-Notification-List-Item', { hasText: shown })
        .first();
      await expect(entry).toBeVisible();
      await page.screenshot({ path: `${SHOTS}/outage-center.png` });
      await entry.getByRole('button', { name: 'Details' }).click();
      await expect(
        page.locator('.jp-Dialog .jp-snapshots-message-details')
      ).toHaveText(whole);
      await page
        .locator('.jp-Dialog')
        .getByRole('button', { name: 'Close' })
        .click();
    } finally {
      fs.renameSync(away, store);
    }
  });
});
