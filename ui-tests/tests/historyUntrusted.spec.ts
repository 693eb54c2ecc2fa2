import { expect, test } from '@jupyterlab/galata';

import {
  dismissToasts,
  openSnapshotsPanel,
  setTheme,
  snapshotWithToolbar
} from './snapshotHelpers';

/** A teammate's notebook whose outputs try to run script. */
function hostileNotebook(): Record<string, unknown> {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: {
        name: 'python3',
        display_name: 'Python 3',
        language: 'python'
      }
    },
    cells: [
      {
        id: 'c0',
        cell_type: 'code',
        metadata: { trusted: true },
        source: 'show()',
        execution_count: 1,
        outputs: [
          {
            output_type: 'display_data',
            metadata: {},
            data: {
              'text/html':
                '<b class="safe-bold">bold survives</b><img src="x" onerror="window.__pwned = 1"><script>window.__pwned = 2</script>',
              'text/plain': 'html'
            }
          },
          {
            output_type: 'display_data',
            metadata: {},
            data: {
              'application/javascript': 'window.__pwned = 3',
              'text/plain': 'js'
            }
          }
        ]
      },
      {
        id: 'c1',
        cell_type: 'markdown',
        metadata: {},
        source: 'Notes <img src="y" onerror="window.__pwned = 4">'
      }
    ]
  };
}

test.describe('Untrusted rendering', () => {
  test("read-only view and diff never run a snapshot author's scripts", async ({
    page,
    tmpPath
  }) => {
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

    // diff with the live notebook renders the same outputs through nbdime
    await item.click({ button: 'right' });
    await page
      .locator('.jp-snapshots-menu')
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

    await page.waitForTimeout(500);
    expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();

    await page.getByRole('tab', { name: /read-only/ }).click();
    await setTheme(page, 'dark');
    await page.screenshot({
      path: 'test-results/screenshots/readonly-dark.png'
    });
    await setTheme(page, 'light');
  });
});
