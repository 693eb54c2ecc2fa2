/**
 * Team runs with many runs (a fake runs API installed with page.route):
 * virtualized rows, infinite scroll, sorting, column menu, keyboard selection.
 * The end-to-end flows against the real server are in teamRuns.spec.ts.
 */
import { expect, test } from '@jupyterlab/galata';
import type { Page } from '@playwright/test';

import { installFakeApi, makeRuns } from './teamRunsFakeApi';
import { openTeamRuns } from './teamRunsHelpers';

const SHOTS = 'test-results/screenshots';

const rows = (page: Page) =>
  page.locator('#jupyter-ext-team-runs .jp-TeamRuns-row');

test.use({ viewport: { width: 1400, height: 900 } });

test.describe('Team runs table (many runs)', () => {
  test('shows 5000 runs with only the visible rows in the DOM', async ({
    page
  }) => {
    const store = await installFakeApi(page, makeRuns(5000));
    await openTeamRuns(page);
    await expect(rows(page).first()).toBeVisible();
    // newest first
    await expect(rows(page).first()).toContainText('#4999');
    const rendered = await rows(page).count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(120);
    // params and metrics are columns, grouped
    const head = page.locator('#jupyter-ext-team-runs .jp-TeamRuns-headRow');
    for (const name of ['lr', 'epochs', 'optimizer', 'accuracy', 'loss']) {
      await expect(
        head.locator('.jp-TeamRuns-headCell', { hasText: name })
      ).toBeVisible();
    }
    await page.screenshot({ path: `${SHOTS}/teamRuns-table-light.png` });

    // Infinite scroll: the next pages load as the user scrolls.
    const scroller = page.locator(
      '#jupyter-ext-team-runs .jp-TeamRuns-scroller'
    );
    for (let i = 0; i < 4; i++) {
      await scroller.evaluate(n => (n.scrollTop = n.scrollHeight));
      await page.waitForTimeout(200);
    }
    await expect(page.locator('.jp-TeamRuns-count')).not.toHaveText(/^200\+/);
    expect(store.requests.some(r => r.includes('cursor='))).toBe(true);
    expect(await rows(page).count()).toBeLessThan(120);

    // Sort by accuracy (server-side): highest first.
    await scroller.evaluate(n => (n.scrollTop = 0));
    await head
      .locator('.jp-TeamRuns-sortButton', { hasText: 'accuracy' })
      .click();
    await expect(
      head.locator('[aria-sort="descending"]', { hasText: 'accuracy' })
    ).toBeVisible();
    expect(store.requests.some(r => r.includes('sort=-metric.accuracy'))).toBe(
      true
    );
    await expect(
      rows(page).first().locator('[data-column-id="metric.accuracy"]')
    ).toHaveText('0.899');
  });

  test('opens from the button in the Snapshots panel header', async ({
    page
  }) => {
    await installFakeApi(page, makeRuns(20));
    await page.getByRole('tab', { name: 'Snapshots' }).click();
    const button = page.locator('#jupyter-ext-history .jp-TeamRuns-openButton');
    await expect(button).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/teamRuns-sidebar-button.png` });
    await button.click();
    await expect(page.locator('#jupyter-ext-team-runs')).toBeVisible();
    await expect(rows(page).first()).toContainText('#19');
  });

  test('filters, explains a bad query, and selects with the keyboard', async ({
    page
  }) => {
    await installFakeApi(page, makeRuns(300));
    await openTeamRuns(page);
    const input = page.getByRole('searchbox', { name: 'Filter runs' });
    await input.fill('author:bo epochs=10');
    await expect(rows(page).first()).toContainText('Bo Chen');
    await expect(page.locator('.jp-TeamRuns-count')).toHaveText(/^25 runs/);

    await input.fill('lr=>0.01');
    const help = page.locator('.jp-TeamRuns-queryHelp');
    await expect(help).toHaveText(
      "unknown operator '=>' at position 2 — did you mean '>='?"
    );
    await expect(help).toHaveAttribute('role', 'alert');
    // the table is still there
    await expect(rows(page).first()).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/teamRuns-bad-query.png` });

    await input.fill('tag:baseline');
    await expect(help).not.toHaveClass(/jp-mod-error/);
    await expect(page.locator('.jp-TeamRuns-count')).toHaveText(/^75 runs/);

    // Keyboard: focus the grid, Space selects, Shift+Down extends.
    await input.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Space');
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowDown');
    await expect(
      page.locator('.jp-TeamRuns-row[aria-selected="true"]')
    ).toHaveCount(3);
    await expect(page.locator('.jp-TeamRuns-count')).toHaveText(/3 selected/);

    // Row context menu: narrow the filter to this row's author.
    await rows(page).first().click({ button: 'right' });
    await page
      .locator('.lm-Menu-item', { hasText: 'Only runs by Ana Ruiz' })
      .click();
    await expect(input).toHaveValue('tag:baseline author:ana');
    await expect(page.locator('.jp-TeamRuns-count')).toHaveText(/^75 runs/);
  });

  test('hides, moves and restores columns from the column menu', async ({
    page
  }) => {
    await installFakeApi(page, makeRuns(50));
    await openTeamRuns(page);
    const head = page.locator('#jupyter-ext-team-runs .jp-TeamRuns-headRow');
    await head
      .locator('.jp-TeamRuns-headCell', { hasText: 'Tags' })
      .click({ button: 'right' });
    await page.locator('.lm-Menu-item', { hasText: 'Hide column' }).click();
    // (the same menu from the keyboard: Shift+F10 on a focused header)
    await head
      .locator('.jp-TeamRuns-sortButton', { hasText: 'Author' })
      .focus();
    await page.keyboard.press('Shift+F10');
    await expect(
      page.locator('.lm-Menu-item', { hasText: 'Move right' })
    ).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(
      head.locator('.jp-TeamRuns-headCell', { hasText: 'Tags' })
    ).toHaveCount(0);

    await head
      .locator('.jp-TeamRuns-headCell', { hasText: 'loss' })
      .click({ button: 'right' });
    await page.locator('.lm-Menu-item', { hasText: 'Move left' }).click();
    const ids = await head
      .locator('.jp-TeamRuns-headCell[data-column-id]')
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
      page.locator('#jupyter-ext-team-runs .jp-TeamRuns-headCell', {
        hasText: 'accuracy'
      })
    ).toBeVisible();
    await expect(
      page.locator('#jupyter-ext-team-runs .jp-TeamRuns-headCell', {
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
      page.locator('#jupyter-ext-team-runs .jp-TeamRuns-headCell', {
        hasText: 'Tags'
      })
    ).toBeVisible();
  });

  test('compares two runs with a chart, in light and dark themes', async ({
    page
  }) => {
    await installFakeApi(page, makeRuns(40));
    await openTeamRuns(page);
    await rows(page).nth(0).click();
    await rows(page)
      .nth(1)
      .click({ modifiers: ['Control'] });
    await page.locator('[data-jp-item-name="compare"]').click();
    const compare = page.locator('.jp-TeamRunsCompare').last();
    await expect(compare.locator('.jp-TeamRunsCompare-card')).toHaveCount(2);
    await expect(
      compare.locator('.jp-TeamRunsCompare-table tr.jp-mod-differs', {
        hasText: 'lr'
      })
    ).toBeVisible();
    // optimizer differs -> different data hash, same code? (params differ in code)
    await expect(
      compare
        .locator(
          '.jp-TeamRunsCompare-chart svg, .jp-TeamRunsCompare-chart canvas'
        )
        .first()
    ).toBeVisible();
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
    await page.evaluate(() =>
      window.jupyterapp.commands.execute('apputils:change-theme', {
        theme: 'JupyterLab Dark'
      })
    );
    await expect(page.locator('body')).toHaveAttribute(
      'data-jp-theme-light',
      'false'
    );
    await page.waitForTimeout(800);
    await compare
      .locator('section[aria-label="Chart"]')
      .scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/teamRuns-compare-dark.png` });
    await page.locator('.lm-TabBar-tab', { hasText: 'Team runs' }).click();
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${SHOTS}/teamRuns-table-dark.png` });
    await page.evaluate(() =>
      window.jupyterapp.commands.execute('apputils:change-theme', {
        theme: 'JupyterLab Light'
      })
    );
  });
});
