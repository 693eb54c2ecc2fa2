/**
 * Reproduction, end to end against the real server and real kernels: a person
 * re-runs a run to verify it from the Team runs row menu (and a history item),
 * watches the progress, reads the verdict and each cell's status, opens the
 * diff, cancels a long re-run, copies the environment, downloads a kept file
 * and follows lineage from a run to the run that produced its input.
 */
import { expect, test } from '@jupyterlab/galata';
import * as fs from 'fs';

import {
  cell,
  printed,
  rerunTab,
  row,
  rowMenu,
  snapshotNotebook,
  teamRunsWith
} from './reproHelpers';
import {
  dismissToasts,
  openSnapshotsPanel,
  setTheme,
  typeInCommandPalette
} from './snapshotHelpers';

const SHOTS = 'test-results/screenshots';
const API = '/jupyter-ext/api';

test.use({ viewport: { width: 1400, height: 900 } });

test.describe('Reproduction (real server, real kernels)', () => {
  test('a deterministic run re-runs as Reproduced; Show diff opens the diff', async ({
    page,
    tmpPath
  }) => {
    const tag = `r${Date.now().toString(36)}`;
    const id = await snapshotNotebook(
      page,
      `${tmpPath}/steady.ipynb`,
      [
        cell('answer', 'print(6 * 7)', [printed('42\n')]),
        cell('total', 'total = sum(range(10))\nprint(total)', [printed('45\n')])
      ],
      `steady ${tag}`,
      [tag]
    );
    const view = await teamRunsWith(page, tag, 1);
    await rowMenu(page, row(view, `steady ${tag}`), 'Re-run to verify');

    const tab = rerunTab(page);
    await expect(tab).toBeVisible();
    // progress while it runs, then the verdict (never a modal: the page stays usable)
    await expect(tab.locator('progress')).toBeVisible();
    await expect(page.locator('.jp-Dialog')).toHaveCount(0);
    await expect(tab.locator('.jp-snapshots-verdict')).toHaveText(
      'Reproduced',
      { timeout: 90_000 }
    );
    await expect(tab.locator('.jp-snapshots-rerun-status')).toHaveText(
      'Ran all 2 code cells.'
    );
    await expect(tab.locator('.jp-snapshots-rerun-data')).toContainText(
      'unchanged'
    );
    const cells = tab.locator('.jp-snapshots-rerun-cell');
    await expect(cells).toHaveCount(2);
    await expect(cells.nth(0)).toContainText('same');
    await expect(cells.nth(0)).toContainText('print(6 * 7)');
    await dismissToasts(page);
    await page.screenshot({ path: `${SHOTS}/repro-reproduced-light.png` });
    await setTheme(page, 'dark');
    await page.screenshot({ path: `${SHOTS}/repro-reproduced-dark.png` });
    await setTheme(page, 'light');

    // the verification is recorded beside the run, and the re-run is a snapshot of its own
    const verifications = await (
      await page.request.get(`${API}/snapshots/${id}/verifications`)
    ).json();
    expect(
      verifications.items.map((v: { verdict: string }) => v.verdict)
    ).toEqual(['reproduced']);
    const rerunId: string = verifications.items[0].rerun;

    await tab.getByRole('button', { name: 'Show diff' }).click();
    const diff = page.locator('.jp-snapshots-diff-widget').last();
    await expect(diff).toBeVisible();
    await expect(diff.locator('.jp-snapshots-diff')).toHaveAttribute(
      'data-loaded',
      'true'
    );

    // the run's details show the verification, linked to the re-run
    await row(view, `steady ${tag}`).dblclick();
    const details = page.locator('.jp-snapshots-runsCompare').last();
    const verification = details.locator('.jp-snapshots-repro-verification');
    await expect(verification.locator('.jp-snapshots-verdict')).toHaveText(
      'Reproduced'
    );
    await verification
      .getByRole('button', {
        name: `Open the re-run ${rerunId.slice(-6).toLowerCase()}`
      })
      .click();
    await expect(
      page.locator(`#jupyter-ext-readonly-${rerunId}`)
    ).toBeVisible();
  });

  test('an unseeded random number Differs in exactly that cell; a changed data file is named first', async ({
    page,
    tmpPath
  }) => {
    const tag = `d${Date.now().toString(36)}`;
    await page.contents.uploadContent(
      'a,b\n1,2\n',
      'text',
      `${tmpPath}/in.csv`
    );
    await snapshotNotebook(
      page,
      `${tmpPath}/noisy.ipynb`,
      [
        cell(
          'read',
          "rows = open('in.csv').read().count('\\n') > 0\nprint(rows)",
          [printed('True\n')]
        ),
        cell('noise', 'import random\nprint(random.random())', [
          printed('0.123456789\n')
        ]),
        cell('fixed', "print('done')", [printed('done\n')])
      ],
      `noisy ${tag}`,
      [tag]
    );
    // the data changes after the run was recorded
    await page.contents.uploadContent(
      'a,b\n1,2\n3,4\n',
      'text',
      `${tmpPath}/in.csv`
    );
    const view = await teamRunsWith(page, tag, 1);
    await rowMenu(page, row(view, `noisy ${tag}`), 'Re-run to verify');

    const tab = rerunTab(page);
    const data = tab.locator('.jp-snapshots-rerun-data.jp-mod-changed');
    await expect(data).toContainText('in.csv', { timeout: 60_000 });
    await expect(tab.locator('.jp-snapshots-verdict')).toHaveText('Differs', {
      timeout: 90_000
    });
    const differs = tab.locator('.jp-snapshots-rerun-cell.jp-mod-differs');
    await expect(differs).toHaveCount(1);
    await expect(differs).toContainText('Cell 2');
    await expect(differs).toContainText('import random');
    await expect(
      tab.locator('.jp-snapshots-rerun-cell.jp-mod-same')
    ).toHaveCount(2);
    await expect(tab.locator('.jp-snapshots-rerun-verdictLine')).toContainText(
      '1 cell to review.'
    );
    await dismissToasts(page);
    await page.screenshot({ path: `${SHOTS}/repro-differs-light.png` });
    await setTheme(page, 'dark');
    await page.screenshot({ path: `${SHOTS}/repro-differs-dark.png` });
    await setTheme(page, 'light');
  });

  test('cancelling a long re-run says so and stores no snapshot', async ({
    page,
    tmpPath
  }) => {
    const tag = `c${Date.now().toString(36)}`;
    const path = `${tmpPath}/slow.ipynb`;
    const id = await snapshotNotebook(
      page,
      path,
      [cell('slow', 'import time\ntime.sleep(300)')],
      `slow ${tag}`,
      [tag]
    );
    const view = await teamRunsWith(page, tag, 1);
    await rowMenu(page, row(view, `slow ${tag}`), 'Re-run to verify');

    const tab = rerunTab(page);
    await expect(tab.locator('.jp-snapshots-rerun-status')).toHaveText(
      'Running cell 1 of 1…',
      { timeout: 60_000 }
    );
    // keyboard: the Cancel button is reachable and works with Enter
    const cancel = tab.getByRole('button', { name: 'Cancel' });
    await cancel.focus();
    await page.keyboard.press('Enter');
    await expect(tab.locator('.jp-snapshots-rerun-status')).toHaveText(
      'Cancelled. Nothing was stored.',
      { timeout: 30_000 }
    );
    await expect(cancel).toHaveCount(0);
    await expect(tab.locator('.jp-snapshots-verdict')).toHaveCount(0);
    await dismissToasts(page);
    await page.screenshot({ path: `${SHOTS}/repro-cancelled-light.png` });
    await setTheme(page, 'dark');
    await page.screenshot({ path: `${SHOTS}/repro-cancelled-dark.png` });
    await setTheme(page, 'light');

    const listed = await (
      await page.request.get(
        `${API}/snapshots?notebook=${encodeURIComponent(path)}`
      )
    ).json();
    expect(listed.items.map((s: { id: string }) => s.id)).toEqual([id]);
    const verifications = await (
      await page.request.get(`${API}/snapshots/${id}/verifications`)
    ).json();
    expect(verifications.items).toEqual([]);
  });

  test('Copy environment puts pinned name==version lines on the clipboard', async ({
    page,
    tmpPath
  }) => {
    const tag = `e${Date.now().toString(36)}`;
    await snapshotNotebook(
      page,
      `${tmpPath}/env.ipynb`,
      [cell('imports', 'import yaml\nimport nbformat')],
      `env ${tag}`,
      [tag]
    );
    // read what the command copied: JupyterLab copies through a copy event
    await page.evaluate(() => {
      window.addEventListener('copy', event => {
        (window as unknown as { __copied?: string }).__copied =
          event.clipboardData?.getData('text') ?? '';
      });
    });
    const view = await teamRunsWith(page, tag, 1);
    await rowMenu(
      page,
      row(view, `env ${tag}`),
      'Copy environment (pip requirements)'
    );
    await expect(
      page.locator('.Toastify__toast', { hasText: 'pinned requirement' })
    ).toBeVisible();
    const copied: string = await page.evaluate(
      () => (window as unknown as { __copied?: string }).__copied ?? ''
    );
    const pins = copied.split('\n').filter(l => l.trim() && !l.startsWith('#'));
    expect(pins.length).toBeGreaterThan(0);
    for (const pin of pins) {
      expect(pin).toMatch(/^[A-Za-z0-9_.-]+==[^=\s]+$/);
    }
    expect(pins.some(p => /^PyYAML==/i.test(p))).toBe(true);
    await page.screenshot({ path: `${SHOTS}/repro-copy-env-light.png` });
    await setTheme(page, 'dark');
    await page.screenshot({ path: `${SHOTS}/repro-copy-env-dark.png` });
    await setTheme(page, 'light');
  });

  test('lineage links a reader to the run that wrote its input; a kept file downloads byte-exact', async ({
    page,
    tmpPath
  }) => {
    const tag = `l${Date.now().toString(36)}`;
    const bytes = 'a,b\n1,2\n3,4\n';
    await page.contents.uploadContent(
      bytes,
      'text',
      `${tmpPath}/prep/features.csv`
    );
    const writer = await snapshotNotebook(
      page,
      `${tmpPath}/prep/make.ipynb`,
      [cell('write', "open('features.csv', 'w').write('a,b\\n1,2\\n3,4\\n')")],
      `make features ${tag}`,
      [tag]
    );
    const reader = await snapshotNotebook(
      page,
      `${tmpPath}/model/fit.ipynb`,
      [cell('read', "rows = open('../prep/features.csv').read()")],
      `fit model ${tag}`,
      [tag]
    );
    const short = (id: string) => id.slice(-6).toLowerCase();
    const view = await teamRunsWith(page, tag, 2);

    // the reader's details: produced by the writer's run, with a working link
    await row(view, `fit model ${tag}`).dblclick();
    const details = page.locator('.jp-snapshots-runsCompare').last();
    const lineage = details.locator('.jp-snapshots-repro-lineage');
    const produced = lineage.locator(
      '.jp-snapshots-repro-link.jp-mod-produced'
    );
    await expect(produced).toContainText('prep/features.csv');
    await expect(produced).toContainText(
      `produced by galata's run ${short(writer)}`
    );
    await expect(produced).toContainText('make.ipynb');
    await dismissToasts(page);
    await page.screenshot({ path: `${SHOTS}/repro-lineage-light.png` });
    await setTheme(page, 'dark');
    await page.screenshot({ path: `${SHOTS}/repro-lineage-dark.png` });
    await setTheme(page, 'light');
    await produced
      .getByRole('button', { name: `galata's run ${short(writer)}` })
      .click();
    const opened = page.locator(`#jupyter-ext-readonly-${writer}`);
    await expect(opened).toBeVisible();
    await expect(opened).toContainText('features.csv');

    // the writer's details: used by the reader; its kept file downloads byte-exact
    await page.getByRole('tab', { name: 'Team runs' }).first().click();
    await row(view, `make features ${tag}`).dblclick();
    const writerDetails = page
      .locator('.jp-snapshots-runsCompare')
      .filter({ has: page.locator(`[data-snapshot-id="${writer}"]`) })
      .last();
    await expect(
      writerDetails.locator('.jp-snapshots-repro-link.jp-mod-used')
    ).toContainText(`used by galata's run ${short(reader)}`);
    const files = writerDetails.locator('.jp-snapshots-repro-files');
    await expect(files).toContainText('features.csv');
    await files.scrollIntoViewIfNeeded();
    await dismissToasts(page);
    await page.screenshot({ path: `${SHOTS}/repro-files-kept-light.png` });
    await setTheme(page, 'dark');
    await page.screenshot({ path: `${SHOTS}/repro-files-kept-dark.png` });
    await setTheme(page, 'light');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      files.getByRole('button', { name: /Download .*features\.csv/ }).click()
    ]);
    expect(download.suggestedFilename()).toBe('features.csv');
    expect(fs.readFileSync((await download.path()) as string, 'utf-8')).toBe(
      bytes
    );

    // not verified yet: the section's own right-click menu offers the re-run
    await writerDetails
      .locator('.jp-snapshots-repro-verification')
      .click({ button: 'right' });
    await expect(
      page.locator('.lm-Menu .lm-Menu-item', { hasText: 'Re-run to verify' })
    ).toBeVisible();
    await page.keyboard.press('Escape');

    // the same file from the row menu's "Download…": pick it, download it
    await page.getByRole('tab', { name: 'Team runs' }).first().click();
    await rowMenu(
      page,
      row(view, `make features ${tag}`),
      'Download a file it wrote…'
    );
    const dialog = page.locator('.jp-Dialog');
    await expect(dialog).toContainText('features.csv');
    await page.screenshot({ path: `${SHOTS}/repro-download-pick-light.png` });
    const [again] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Download' }).click()
    ]);
    expect(fs.readFileSync((await again.path()) as string, 'utf-8')).toBe(
      bytes
    );
  });

  test('Re-run to verify from a history item (right-click)', async ({
    page,
    tmpPath
  }) => {
    // Needs the history panel's menu on app.contextMenu (the history engineer's change).
    const tag = `h${Date.now().toString(36)}`;
    const path = `${tmpPath}/hist.ipynb`;
    await snapshotNotebook(
      page,
      path,
      [cell('one', 'print(1)', [printed('1\n')])],
      `history ${tag}`,
      [tag]
    );
    await page.notebook.openByPath(path);
    await page.notebook.activate('hist.ipynb');
    const panel = await openSnapshotsPanel(page);
    const item = panel.locator('.jp-snapshots-item', {
      hasText: `history ${tag}`
    });
    await expect(item).toBeVisible();
    await rowMenu(page, item, 'Re-run to verify');
    await expect(rerunTab(page).locator('.jp-snapshots-verdict')).toHaveText(
      'Reproduced',
      { timeout: 90_000 }
    );
  });

  test("the palette re-runs the current notebook's latest snapshot", async ({
    page,
    tmpPath
  }) => {
    const tag = `p${Date.now().toString(36)}`;
    const path = `${tmpPath}/palette.ipynb`;
    const id = await snapshotNotebook(
      page,
      path,
      [cell('one', 'print(2 ** 10)', [printed('1024\n')])],
      `palette ${tag}`,
      [tag]
    );
    await page.notebook.openByPath(path);
    await page.notebook.activate('palette.ipynb');
    await typeInCommandPalette(page, "Re-run this notebook's latest snapshot");
    await page.keyboard.press('Enter');
    const tab = rerunTab(page);
    await expect(tab.locator('.jp-snapshots-rerun-title')).toContainText(
      id.slice(-6).toLowerCase()
    );
    await expect(tab.locator('.jp-snapshots-rerun-run')).toContainText(
      `palette ${tag}`
    );
    await expect(tab.locator('.jp-snapshots-verdict')).toHaveText(
      'Reproduced',
      { timeout: 90_000 }
    );
  });
});
