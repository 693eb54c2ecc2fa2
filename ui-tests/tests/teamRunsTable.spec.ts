/**
 * Team runs with many runs: virtualized rows, infinite scroll, sorting, column
 * menu, keyboard selection, compare. Runs against the third server of
 * playwright.config.js (SEEDED_URL), whose own store was filled with 5000 real
 * snapshots by ../seed_team_store.py before it started. Run i (0 = oldest) is:
 * author [ana, bo, cy, dee][i % 4], notebook [exp/churn, exp/forecast,
 * eda/clean][i % 3], lr [0.3, 0.1, 0.03, 0.01, 0.003][i % 5], epochs
 * 5 * (1 + i % 7), tag "baseline" when i % 40 == 0 else "sweep", message
 * "<tag> lr=<lr> #<i>", every accuracy different (best: #2321, 0.94996).
 * Nothing in this spec writes to that store, so the counts below are exact.
 * The end-to-end flows that take snapshots are in teamRuns.spec.ts.
 */
import { expect, test } from '@jupyterlab/galata';
import type { Page } from '@playwright/test';

import { openTeamRuns } from './teamRunsHelpers';

const SHOTS = 'test-results/screenshots';
const RUNS = 5000;

const rows = (page: Page) =>
  page.locator('#jupyter-ext-team-runs .jp-snapshots-runs-row');
const count = (page: Page) => page.locator('.jp-snapshots-runs-count');

test.use({
  baseURL: process.env.SEEDED_URL,
  viewport: { width: 1400, height: 900 }
});

/** The runs API requests this page sends (observed, not intercepted). */
function watchRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', request => {
    const url = new URL(request.url());
    if (url.pathname.includes('/jupyter-ext/api/snapshots')) {
      seen.push(`${request.method()} ${url.pathname}${url.search}`);
    }
  });
  return seen;
}

test.describe('Team runs table (5000 seeded runs)', () => {
  test('shows 5000 runs with only the visible rows in the DOM', async ({
    page
  }) => {
    const requests = watchRequests(page);
    await openTeamRuns(page);
    await expect(rows(page).first()).toBeVisible();
    // newest first; the first page of 200 is loaded, more are available
    await expect(rows(page).first()).toContainText('#4999');
    await expect(rows(page).nth(1)).toContainText('#4998');
    await expect(count(page)).toHaveText(/^200\+ runs/);
    const rendered = await rows(page).count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(120);
    // params and metrics are columns, grouped
    const head = page.locator(
      '#jupyter-ext-team-runs .jp-snapshots-runs-head-row'
    );
    for (const name of ['lr', 'epochs', 'optimizer', 'accuracy', 'loss']) {
      await expect(
        head.locator('.jp-snapshots-runs-head-cell', { hasText: name })
      ).toBeVisible();
    }
    await page.screenshot({ path: `${SHOTS}/teamRuns-table-light.png` });

    // Infinite scroll: the next pages load as the user scrolls, down to the
    // oldest run (25 pages of 200), with never more than a screenful in the DOM.
    const scroller = page.locator(
      '#jupyter-ext-team-runs .jp-snapshots-runs-scroller'
    );
    await expect(async () => {
      await scroller.evaluate(n => (n.scrollTop = n.scrollHeight));
      await expect(count(page)).toHaveText(
        `${RUNS.toLocaleString('en-US')} runs`,
        { timeout: 1000 }
      );
    }).toPass({ timeout: 90_000 });
    expect(requests.some(r => r.includes('cursor='))).toBe(true);
    // the oldest run is at the bottom
    await expect(async () => {
      await scroller.evaluate(n => (n.scrollTop = n.scrollHeight));
      await expect(rows(page).last()).toContainText('lr=0.3 #0', {
        timeout: 1000
      });
    }).toPass({ timeout: 30_000 });
    expect(await rows(page).count()).toBeLessThan(120);

    // Sort by accuracy (server-side): highest first.
    await scroller.evaluate(n => (n.scrollTop = 0));
    await head
      .locator('.jp-snapshots-runs-sort-button', { hasText: 'accuracy' })
      .click();
    await expect(
      head.locator('[aria-sort="descending"]', { hasText: 'accuracy' })
    ).toBeVisible();
    expect(requests.some(r => r.includes('sort=-metric.accuracy'))).toBe(true);
    await expect(
      rows(page).first().locator('[data-column-id="metric.accuracy"]')
    ).toHaveText('0.94996');
    await expect(rows(page).first()).toContainText('#2321');
  });

  test('opens from the button in the Snapshots panel header', async ({
    page
  }) => {
    await page.getByRole('tab', { name: 'Snapshots' }).click();
    const button = page.locator(
      '#jupyter-ext-history .jp-snapshots-runs-open-button'
    );
    await expect(button).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/teamRuns-sidebar-button.png` });
    await button.click();
    await expect(page.locator('#jupyter-ext-team-runs')).toBeVisible();
    await expect(rows(page).first()).toContainText('#4999');
  });

  test('filters, explains a bad query, and selects with the keyboard', async ({
    page
  }) => {
    await openTeamRuns(page);
    const input = page.getByRole('searchbox', { name: 'Filter runs' });
    // bo is i % 4 == 1, epochs=10 is i % 7 == 1: i = 1 (mod 28), newest #4985
    await input.fill('author:bo epochs=10');
    await expect(rows(page).first()).toContainText('Bo Chen');
    await expect(rows(page).first()).toContainText('#4985');
    await expect(count(page)).toHaveText(/^179 runs/);

    await input.fill('lr=>0.01');
    const help = page.locator('.jp-snapshots-runs-query-help');
    await expect(help).toHaveText(
      "unknown operator '=>' at position 2 — did you mean '>='?"
    );
    await expect(help).toHaveAttribute('role', 'alert');
    // the table is still there
    await expect(rows(page).first()).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/teamRuns-bad-query.png` });

    // every 40th run, all by Ana
    await input.fill('tag:baseline');
    await expect(help).not.toHaveClass(/jp-mod-error/);
    await expect(count(page)).toHaveText(/^125 runs/);
    await expect(rows(page).first()).toContainText('#4960');

    // Keyboard: focus the grid, Space selects, Shift+Down extends.
    await input.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Space');
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowDown');
    await expect(
      page.locator('.jp-snapshots-runs-row[aria-selected="true"]')
    ).toHaveCount(3);
    await expect(count(page)).toHaveText(/3 selected/);

    // Row context menu: narrow the filter to this row's author.
    await rows(page).first().click({ button: 'right' });
    await page
      .locator('.lm-Menu-item', { hasText: 'Only runs by Ana Ruiz' })
      .click();
    await expect(input).toHaveValue('tag:baseline author:ana');
    await expect(count(page)).toHaveText(/^125 runs/);

    // Runs arriving while the menu is open rebuild every row: the menu still
    // acts on the row it was opened on (it used to do nothing).
    const first = rows(page).first();
    await first.click({ button: 'right' });
    const opened = await first.elementHandle();
    await page.evaluate(() =>
      window.jupyterapp.commands.execute('jupyter-ext:team-runs-refresh')
    );
    await expect
      .poll(() => opened!.evaluate(node => node.isConnected))
      .toBe(false);
    await page
      .locator('.lm-Menu-item', { hasText: 'Only runs of this notebook' })
      .click();
    await expect(input).toHaveValue(/^tag:baseline author:ana notebook:\S+$/);
  });

  test('hides, moves and restores columns from the column menu', async ({
    page
  }) => {
    await openTeamRuns(page);
    const head = page.locator(
      '#jupyter-ext-team-runs .jp-snapshots-runs-head-row'
    );
    await head
      .locator('.jp-snapshots-runs-head-cell', { hasText: 'Tags' })
      .click({ button: 'right' });
    await page.locator('.lm-Menu-item', { hasText: 'Hide column' }).click();
    // (the same menu from the keyboard: Shift+F10 on a focused header)
    await head
      .locator('.jp-snapshots-runs-sort-button', { hasText: 'Author' })
      .focus();
    await page.keyboard.press('Shift+F10');
    await expect(
      page.locator('.lm-Menu-item', { hasText: 'Move right' })
    ).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(
      head.locator('.jp-snapshots-runs-head-cell', { hasText: 'Tags' })
    ).toHaveCount(0);

    await head
      .locator('.jp-snapshots-runs-head-cell', { hasText: 'loss' })
      .click({ button: 'right' });
    await page.locator('.lm-Menu-item', { hasText: 'Move left' }).click();
    const ids = await head
      .locator('.jp-snapshots-runs-head-cell[data-column-id]')
      .evaluateAll(n => n.map(e => (e as HTMLElement).dataset.columnId));
    expect(ids.indexOf('metric.loss')).toBeLessThan(
      ids.indexOf('metric.accuracy')
    );

    // The layout is saved in the settings: a new view starts with it.
    // (Galata keeps settings in the page; closing and reopening reads them back.)
    await page
      .locator('.lm-TabBar-tab', { hasText: 'Team runs' })
      .locator('.lm-TabBar-tabCloseIcon')
      .click();
    await openTeamRuns(page);
    await expect(
      page.locator('#jupyter-ext-team-runs .jp-snapshots-runs-head-cell', {
        hasText: 'accuracy'
      })
    ).toBeVisible();
    await expect(
      page.locator('#jupyter-ext-team-runs .jp-snapshots-runs-head-cell', {
        hasText: 'Tags'
      })
    ).toHaveCount(0);

    // Columns toolbar button -> Run columns -> Tags back on.
    await page.locator('[data-jp-item-name="columns"]').click();
    await page.locator('.lm-Menu-item', { hasText: 'Run columns' }).hover();
    await page
      .locator('.lm-Menu-item', { hasText: /^Tags$/ })
      .last()
      .click();
    await expect(
      page.locator('#jupyter-ext-team-runs .jp-snapshots-runs-head-cell', {
        hasText: 'Tags'
      })
    ).toBeVisible();
  });

  test('compares two runs with a chart, in light and dark themes', async ({
    page
  }) => {
    await openTeamRuns(page);
    // #4999 (exp/forecast.ipynb, lr 0.003) and #4998 (exp/churn.ipynb, lr 0.01)
    await rows(page).nth(0).click();
    await rows(page)
      .nth(1)
      .click({ modifiers: ['Control'] });
    await page.locator('[data-jp-item-name="compare"]').click();
    const compare = page.locator('.jp-snapshots-runsCompare').last();
    await expect(compare.locator('.jp-snapshots-runsCompare-card')).toHaveCount(
      2
    );
    await expect(
      compare.locator('.jp-snapshots-runsCompare-table tr.jp-mod-differs', {
        hasText: 'lr'
      })
    ).toBeVisible();
    // they read different data files (each notebook its own)
    await expect(
      compare.locator('.jp-snapshots-runsCompare-table tr.jp-mod-differs', {
        hasText: 'exp/data/sales.csv'
      })
    ).toBeVisible();
    const chart = compare
      .locator(
        '.jp-snapshots-runsCompare-chart svg, .jp-snapshots-runsCompare-chart canvas'
      )
      .first();
    await expect(chart).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/teamRuns-compare-light.png` });
    await compare
      .locator('section[aria-label="Chart"]')
      .scrollIntoViewIfNeeded();
    await page.screenshot({
      path: `${SHOTS}/teamRuns-compare-chart-light.png`
    });
    await compare
      .locator('section[aria-label="Parameters"]')
      .scrollIntoViewIfNeeded();
    await page.screenshot({
      path: `${SHOTS}/teamRuns-compare-table-light.png`
    });
    // What Vega drew (canvas or svg, class "marks"), to see it drawn again.
    const marks = compare
      .locator('.jp-snapshots-runsCompare-chart .marks')
      .first();
    const drawing = () =>
      marks.evaluate(n =>
        n instanceof HTMLCanvasElement ? n.toDataURL() : n.outerHTML
      );
    const light = await drawing();
    await page.evaluate(() =>
      window.jupyterapp.commands.execute('apputils:change-theme', {
        theme: 'JupyterLab Dark'
      })
    );
    await expect(page.locator('body')).toHaveAttribute(
      'data-jp-theme-light',
      'false'
    );
    // the chart is drawn again in the dark theme's colours
    await expect.poll(drawing).not.toBe(light);
    await compare
      .locator('section[aria-label="Chart"]')
      .scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/teamRuns-compare-dark.png` });
    await page.locator('.lm-TabBar-tab', { hasText: 'Team runs' }).click();
    await expect(rows(page).first()).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/teamRuns-table-dark.png` });
    await page.evaluate(() =>
      window.jupyterapp.commands.execute('apputils:change-theme', {
        theme: 'JupyterLab Light'
      })
    );
  });
});
