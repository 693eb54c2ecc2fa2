import { expect, test } from '@jupyterlab/galata';

import {
  dismissToasts,
  openSnapshotsPanel,
  setTheme,
  snapshotWithToolbar
} from './snapshotHelpers';
import {
  clickHostileControls,
  expectInert,
  hostileNotebook,
  watchSideEffects
} from './untrustedHelpers';

test.describe('Untrusted rendering', () => {
  test("read-only view and diff never run a snapshot author's scripts", async ({
    page,
    tmpPath
  }) => {
    // Every payload kind: <script>, <img onerror>, javascript: links, command
    // links, SVG with <script>/onload, application/javascript, forms, and raw
    // HTML in a markdown cell (see untrustedHelpers.ts).
    const effects = watchSideEffects(page);
    const path = `${tmpPath}/hostile.ipynb`;
    await page.contents.uploadContent(
      JSON.stringify(hostileNotebook()),
      'text',
      path
    );
    await page.notebook.openByPath(path);
    await page.notebook.activate('hostile.ipynb');
    const panel = await openSnapshotsPanel(page);
    await snapshotWithToolbar(page, 'hostile outputs');
    await dismissToasts(page);

    const item = panel.locator('.jp-snapshots-item', {
      hasText: 'hostile outputs'
    });
    await item.dblclick();
    const ro = page.locator('.jp-snapshots-readonly-widget');
    await expect(ro.locator('.jp-snapshots-readonly')).toHaveAttribute(
      'data-loaded',
      'true'
    );
    await expect(ro.locator('.safe-bold')).toHaveText('bold survives');
    await expect(ro.locator('script')).toHaveCount(0);
    await expect(ro.locator('[onerror]')).toHaveCount(0);
    await expectInert(ro);
    await clickHostileControls(page, ro);

    // diff with the live notebook renders the same outputs through nbdime
    await item.click({ button: 'right' });
    await page
      .locator('.lm-Menu')
      .getByText('Diff with current notebook')
      .click();
    const diff = page.locator('.jp-snapshots-diff-widget .jp-snapshots-diff');
    await expect(diff).toHaveAttribute('data-loaded', 'true');
    await diff
      .page()
      .locator('.jp-snapshots-diff-widget')
      .getByText('Hide unchanged cells')
      .click();
    await expect(diff.locator('.jp-Notebook-diff')).toBeVisible();
    await expect(diff.locator('script')).toHaveCount(0);
    await expect(diff.locator('[onerror]')).toHaveCount(0);
    // nbdime's "Trust" button is not offered for teammates' outputs
    await expect(
      diff.locator('.jp-Diff-trustOutputButton:visible')
    ).toHaveCount(0);
    await expectInert(diff);
    await clickHostileControls(page, diff);

    await effects.expectNone();

    await page.getByRole('tab', { name: /read-only/ }).click();
    await setTheme(page, 'dark');
    await page.screenshot({
      path: 'test-results/screenshots/readonly-dark.png'
    });
    await setTheme(page, 'light');
  });
});
