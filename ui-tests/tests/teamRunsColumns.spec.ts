/**
 * Team runs as a daily tool, against real servers: the columns that matter in
 * view at 1400 px with the sidebar open, "only columns that differ", a layout
 * that survives a reload, one request per bad query (seeded store, read only:
 * see teamRunsTable.spec.ts for its runs); new runs shown without losing the
 * sort, step curves, re-run verdicts and filter chips (the shared team store).
 */
import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import type { Locator, Page } from '@playwright/test';

import { metricsOutput, pythonNotebook } from './notebookJson';
import { setTheme } from './snapshotHelpers';
import { notebook, openTeamRuns } from './teamRunsHelpers';

const SHOTS = 'test-results/screenshots';
const API = '/jupyter-ext/api';
const TEAMMATE = process.env.TEAMMATE_URL ?? 'http://localhost:8889';

test.use({ viewport: { width: 1400, height: 900 } });

const head = (page: Page) =>
  page.locator('#jupyter-ext-team-runs .jp-snapshots-runs-head-row');
const headCell = (page: Page, text: string | RegExp) =>
  head(page).locator('.jp-snapshots-runs-head-cell', { hasText: text });
const rows = (page: Page) =>
  page.locator('#jupyter-ext-team-runs .jp-snapshots-runs-row');

/** Is *box* fully inside the visible part of the table? */
async function inView(page: Page, cell: Locator): Promise<boolean> {
  const scroller = page.locator(
    '#jupyter-ext-team-runs .jp-snapshots-runs-scroller'
  );
  const outer = await scroller.boundingBox();
  const box = await cell.boundingBox();
  if (!outer || !box) {
    return false;
  }
  return (
    box.x >= outer.x - 1 &&
    box.x + box.width <= Math.min(outer.x + outer.width, 1400) + 1 &&
    box.width > 20
  );
}

/** Open the seeded table and sort it by accuracy (best first: #2321). */
async function openSortedByAccuracy(page: Page): Promise<void> {
  await openTeamRuns(page);
  await expect(rows(page).first()).toContainText('#4999');
  await headCell(page, /^accuracy$/)
    .locator('.jp-snapshots-runs-sort-button')
    .click();
  await expect(rows(page).first()).toContainText('#2321');
}

test.describe('Team runs columns (5000 seeded runs)', () => {
  test.use({ baseURL: process.env.SEEDED_URL });

  test('parameters and metrics are in view at 1400 px with the sidebar open', async ({
    page
  }) => {
    await page.getByRole('tab', { name: 'Snapshots' }).click();
    await expect(page.locator('#jupyter-ext-history')).toBeVisible();
    await openTeamRuns(page);
    await expect(rows(page).first()).toContainText('#4999');
    for (const name of ['lr', 'epochs', 'optimizer', 'accuracy', 'loss']) {
      const cell = headCell(page, new RegExp(`^${name}$`));
      await expect(cell).toBeVisible();
      expect(await inView(page, cell), `${name} in view`).toBe(true);
    }
    // run facts are compact: a relative time and the author's initials (name on hover)
    const author = rows(page).first().locator('[data-column-id="author"]');
    await expect(author.locator('.jp-snapshots-runs-avatar')).toHaveText(
      /^[A-Z]{1,2}$/
    );
    await expect(author).toHaveAttribute('title', /\S/);
    await page.screenshot({
      path: `${SHOTS}/teamRuns-columns-sidebar-light.png`
    });

    // Scrolled sideways, the pinned parameters and metrics stay in view.
    const scroller = page.locator(
      '#jupyter-ext-team-runs .jp-snapshots-runs-scroller'
    );
    await scroller.evaluate(n => (n.scrollLeft = n.scrollWidth));
    await expect(headCell(page, 'Comments')).toBeVisible();
    expect(await inView(page, headCell(page, /^accuracy$/))).toBe(true);
    await setTheme(page, 'dark');
    await page.screenshot({
      path: `${SHOTS}/teamRuns-columns-sidebar-dark.png`
    });
    await setTheme(page, 'light');
  });

  test('"Only columns that differ" hides the constant ones', async ({
    page
  }) => {
    await openTeamRuns(page);
    const input = page.getByRole('searchbox', { name: 'Filter runs' });
    // adam is i % 2 == 1, epochs=10 is i % 7 == 1: both constant, lr varies
    await input.fill('optimizer=adam epochs=10');
    await expect(rows(page).first()).toContainText('#4999');
    await expect(headCell(page, /^epochs$/)).toBeVisible();
    const toggle = page
      .locator(
        '[data-jp-item-name="differ"] button, [data-jp-item-name="differ"]'
      )
      .first();
    await toggle.click();
    await expect(headCell(page, /^epochs$/)).toHaveCount(0);
    await expect(headCell(page, /^optimizer$/)).toHaveCount(0);
    await expect(headCell(page, /^lr$/)).toBeVisible();
    await expect(headCell(page, /^accuracy$/)).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/teamRuns-differ-only-light.png` });
    // off again (from the keyboard: the toolbar button is a button)
    await toggle.focus();
    await page.keyboard.press('Enter');
    await expect(headCell(page, /^epochs$/)).toBeVisible();
  });

  test('the layout survives a reload', async ({ page }) => {
    // sort by accuracy, hide Tags, widen loss
    // The last layout JupyterLab saved to the workspace (the state database's store).
    let lastSaved = '';
    page.on('request', r => {
      if (r.url().includes('/api/workspaces') && r.method() === 'PUT') {
        lastSaved = r.postData() ?? '';
      }
    });
    await openSortedByAccuracy(page);
    await headCell(page, 'Tags').click({ button: 'right' });
    await page.locator('.lm-Menu-item', { hasText: 'Hide column' }).click();
    const loss = headCell(page, /^loss$/);
    const before = (await loss.boundingBox())!.width;
    const grip = loss.locator('.jp-snapshots-runs-resize');
    const g = (await grip.boundingBox())!;
    await page.mouse.move(g.x + g.width / 2, g.y + g.height / 2);
    await page.mouse.down();
    await page.mouse.move(g.x + 80, g.y + g.height / 2, { steps: 4 });
    await page.mouse.up();
    await expect
      .poll(async () => (await loss.boundingBox())!.width)
      .toBeGreaterThan(before + 60);
    const widened = (await loss.boundingBox())!.width;
    // saved in the workspace (JupyterLab writes it after a short pause; an
    // earlier save of the sort or the hidden column may come first)
    await expect
      .poll(
        () => {
          const m = /"widths":\{[^}]*?"[^"]*loss":\s*(\d+)/.exec(lastSaved);
          return m ? Math.abs(Number(m[1]) - widened) : Infinity;
        },
        { timeout: 20000 }
      )
      .toBeLessThan(3);

    // (the restored Team runs tab is active, not the Launcher galata waits for)
    await page.reload({ waitForIsReady: false });
    await page.locator('#jupyterlab-splash').waitFor({ state: 'detached' });
    await openTeamRuns(page);
    await expect(
      head(page).locator('[aria-sort="descending"]', { hasText: 'accuracy' })
    ).toBeVisible();
    await expect(rows(page).first()).toContainText('#2321');
    await expect(headCell(page, 'Tags')).toHaveCount(0);
    expect(
      Math.abs((await headCell(page, /^loss$/).boundingBox())!.width - widened)
    ).toBeLessThan(3);
    await page.screenshot({ path: `${SHOTS}/teamRuns-layout-reloaded.png` });
  });

  test('a bad query sends one request per edit and shows the whole error', async ({
    page
  }) => {
    // sorted by something other than time: the case that used to send two
    await openSortedByAccuracy(page);
    const sent: string[] = [];
    page.on('request', request => {
      const url = new URL(request.url());
      if (url.pathname.endsWith(`${API}/snapshots`)) {
        sent.push(url.searchParams.get('q') ?? '');
      }
    });
    const input = page.getByRole('searchbox', { name: 'Filter runs' });
    const help = page.locator('.jp-snapshots-runs-query-help');
    await input.fill('lr=>0.01');
    await expect(help).toHaveText(
      "unknown operator '=>' at position 2 — did you mean '>='?"
    );
    await input.press('Enter'); // the same query again: nothing new to ask
    await input.fill('lr=>0.01 epochs=>3');
    await expect(help).toContainText('position 2');
    await page.waitForTimeout(1000);
    expect(sent.filter(q => q === 'lr=>0.01')).toHaveLength(1);
    expect(sent.filter(q => q === 'lr=>0.01 epochs=>3')).toHaveLength(1);
    expect(sent).toHaveLength(2);
    await page.screenshot({ path: `${SHOTS}/teamRuns-bad-query-once.png` });
  });
});

// ------------------------------------------------------------ the shared store

async function createRun(
  page: IJupyterLabPageFixture,
  path: string,
  message: string,
  tags: string[],
  content: Record<string, unknown>
): Promise<{ id: string }> {
  const response = await page.request.post(`${API}/snapshots`, {
    data: { path, content, message, tags }
  });
  expect(response.status(), await response.text()).toBe(201);
  return response.json();
}

test.describe('Team runs columns (shared store)', () => {
  test('"N new runs — show" keeps the sort, the selection and the filter', async ({
    page,
    playwright,
    tmpPath
  }) => {
    const tag = `k${Date.now().toString(36)}`;
    const path = `${tmpPath}/sweep.ipynb`;
    for (const [lr, accuracy] of [
      [0.1, 0.9],
      [0.01, 0.7],
      [0.3, 0.5]
    ]) {
      await createRun(
        page,
        path,
        `acc ${accuracy} ${tag}`,
        [tag],
        notebook({ lr }, { accuracy })
      );
    }
    const view = await openTeamRuns(page);
    const input = view.getByRole('searchbox', { name: 'Filter runs' });
    await input.fill(`tag:${tag}`);
    await input.press('Enter');
    await expect(rows(page)).toHaveCount(3);
    const sorted = page.waitForResponse(
      r =>
        r.url().includes('/snapshots?') &&
        r.url().includes('sort=-metric.accuracy')
    );
    await headCell(page, /^accuracy$/)
      .locator('.jp-snapshots-runs-sort-button')
      .click();
    await sorted;
    await expect(rows(page).first()).toContainText(`acc 0.9 ${tag}`);
    await rows(page).nth(2).click(); // select the 0.5 run

    // A teammate's run, through their own server, lands between 0.9 and 0.7.
    const bob = await playwright.request.newContext({ baseURL: TEAMMATE });
    const created = await bob.post(`${API}/snapshots`, {
      data: {
        path: 'bob/sweep.ipynb',
        content: notebook({ lr: 0.03 }, { accuracy: 0.8 }),
        message: `bob acc 0.8 ${tag}`,
        tags: [tag]
      }
    });
    expect(created.status(), await created.text()).toBe(201);
    await bob.dispose();

    const indicator = view.locator('.jp-snapshots-runs-new-runs');
    await expect(indicator).toHaveText('1 new run — show', { timeout: 45_000 });
    await page.screenshot({ path: `${SHOTS}/teamRuns-new-run-waiting.png` });
    await indicator.click();
    await expect(indicator).toBeHidden();
    // still sorted by accuracy, the new run where that sort puts it
    await expect(
      head(page).locator('[aria-sort="descending"]', { hasText: 'accuracy' })
    ).toBeVisible();
    await expect(rows(page)).toHaveCount(4);
    await expect(rows(page).nth(0)).toContainText(`acc 0.9 ${tag}`);
    await expect(rows(page).nth(1)).toContainText(`bob acc 0.8 ${tag}`);
    await expect(rows(page).nth(3)).toContainText(`acc 0.5 ${tag}`);
    // the selection and the filter are kept
    await expect(rows(page).nth(3)).toHaveAttribute('aria-selected', 'true');
    await expect(
      view.getByRole('searchbox', { name: 'Filter runs' })
    ).toHaveValue(`tag:${tag}`);
    await page.screenshot({
      path: `${SHOTS}/teamRuns-new-run-shown-sorted.png`
    });
  });

  test('a step-curve column draws a 3-epoch run as a 3-point line', async ({
    page,
    tmpPath
  }) => {
    const tag = `c${Date.now().toString(36)}`;
    const epochs = pythonNotebook([
      {
        id: 'train',
        cell_type: 'code',
        metadata: {},
        source: 'for epoch in range(3):\n    log_metric("loss", train_epoch())',
        execution_count: 1,
        outputs: [0.9, 0.5, 0.3].map(loss => metricsOutput({ loss }))
      }
    ]);
    await createRun(
      page,
      `${tmpPath}/epochs.ipynb`,
      `three epochs ${tag}`,
      [tag],
      epochs
    );
    await createRun(
      page,
      `${tmpPath}/once.ipynb`,
      `once ${tag}`,
      [tag],
      notebook({ lr: 0.1 }, { loss: 0.4 })
    );
    const view = await openTeamRuns(page);
    await view
      .getByRole('searchbox', { name: 'Filter runs' })
      .fill(`tag:${tag}`);
    await expect(rows(page)).toHaveCount(2);
    await headCell(page, /^loss$/).click({ button: 'right' });
    await page.locator('.lm-Menu-item', { hasText: 'Show step curve' }).click();
    const curveHead = headCell(page, 'loss curve');
    await expect(curveHead).toBeVisible();
    const three = rows(page)
      .filter({ hasText: `three epochs ${tag}` })
      .locator('[data-column-id="spark.loss"] svg');
    await expect(three).toHaveAttribute('data-points', '3');
    await expect(three.locator('polyline')).toHaveCount(1);
    const points = await three.locator('polyline').getAttribute('points');
    expect(points!.trim().split(/\s+/)).toHaveLength(3);
    await expect(
      rows(page)
        .filter({ hasText: `three epochs ${tag}` })
        .locator('[data-column-id="spark.loss"]')
    ).toHaveAttribute('title', /last 0\.3/);
    // logged once: a dot
    await expect(
      rows(page)
        .filter({ hasText: `once ${tag}` })
        .locator('[data-column-id="spark.loss"] circle')
    ).toHaveCount(1);
    await page.screenshot({ path: `${SHOTS}/teamRuns-curve-light.png` });
    await setTheme(page, 'dark');
    await page.screenshot({ path: `${SHOTS}/teamRuns-curve-dark.png` });
    await setTheme(page, 'light');
  });

  test('the Verified column shows the latest re-run verdict', async ({
    page,
    tmpPath
  }) => {
    test.setTimeout(180_000);
    const tag = `v${Date.now().toString(36)}`;
    const content = pythonNotebook([
      {
        id: 'p',
        cell_type: 'code',
        metadata: { tags: ['parameters'] },
        source: 'n = 3',
        outputs: [],
        execution_count: 1
      },
      {
        id: 's',
        cell_type: 'code',
        metadata: {},
        source: 'print(n * 2)',
        execution_count: 2,
        outputs: [{ output_type: 'stream', name: 'stdout', text: '6\n' }]
      }
    ]);
    const { id } = await createRun(
      page,
      `${tmpPath}/verify.ipynb`,
      `verify me ${tag}`,
      [tag],
      content
    );
    // Re-run it from scratch, as "Re-run to verify" does (a job on the server).
    const job = await page.request.post(`${API}/snapshots/${id}/rerun`, {
      data: {}
    });
    expect(job.status(), await job.text()).toBe(202);
    await expect
      .poll(
        async () =>
          (await (await page.request.get(`${API}/verifications/latest`)).json())
            .verdicts?.[id]?.verdict ?? null,
        { timeout: 150_000, intervals: [2000] }
      )
      .not.toBeNull();
    const view = await openTeamRuns(page);
    const input = view.getByRole('searchbox', { name: 'Filter runs' });
    await input.fill(`tag:${tag}`);
    await input.press('Enter');
    await expect(rows(page)).toHaveCount(1);
    const badge = rows(page)
      .filter({ hasText: `verify me ${tag}` })
      .first()
      .locator('[data-column-id="verified"] .jp-snapshots-verdict');
    await expect(badge).toHaveText(/Reproduced|Differs|Failed/);
    await expect(badge).toHaveText('Reproduced');
    // The shared store's other runs add their parameter and metric columns before
    // this one: reach the column as a person would, by scrolling to it.
    await badge.scrollIntoViewIfNeeded();
    expect(await inView(page, badge)).toBe(true);
    await page.screenshot({ path: `${SHOTS}/teamRuns-verified-light.png` });
  });

  test('terms from another view show as a removable chip', async ({
    page,
    tmpPath
  }) => {
    const tag = `f${Date.now().toString(36)}`;
    for (const lr of [0.001, 0.05, 0.3]) {
      await createRun(
        page,
        `${tmpPath}/f.ipynb`,
        `lr ${lr} ${tag}`,
        [tag],
        notebook({ lr }, { accuracy: lr })
      );
    }
    const view = await openTeamRuns(page);
    const input = view.getByRole('searchbox', { name: 'Filter runs' });
    await input.fill(`tag:${tag}`);
    await expect(rows(page)).toHaveCount(3);
    // What the sweep view's brush does, through the command behind ITeamRunsFilter.
    await page.evaluate(() =>
      window.jupyterapp.commands.execute('jupyter-ext:team-runs-filter-terms', {
        source: 'sweep',
        terms: ['lr>=0.01', 'lr<=0.1'],
        label: 'lr 0.01–0.1'
      })
    );
    const chip = view.locator('.jp-snapshots-runs-chip');
    await expect(chip).toHaveText('lr 0.01–0.1');
    await expect(rows(page)).toHaveCount(1);
    await expect(rows(page).first()).toContainText(`lr 0.05 ${tag}`);
    await expect(input).toHaveValue(`tag:${tag}`);
    await page.screenshot({ path: `${SHOTS}/teamRuns-filter-chip-light.png` });
    await setTheme(page, 'dark');
    await page.screenshot({ path: `${SHOTS}/teamRuns-filter-chip-dark.png` });
    await setTheme(page, 'light');
    await chip
      .getByRole('button', { name: 'Remove the filter lr 0.01–0.1' })
      .click();
    await expect(chip).toHaveCount(0);
    await expect(rows(page)).toHaveCount(3);
  });
});
