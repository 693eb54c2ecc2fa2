/**
 * Team runs, end to end against the real server: runs are created through the
 * REST API (as a teammate's JupyterLab or a CI job would), then a person opens
 * Team runs from the command palette, sorts, filters, compares, comments, and
 * sees a teammate's new run arrive live.
 */
import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import type { Locator } from '@playwright/test';

import { notebook, openTeamRuns } from './teamRunsHelpers';

const SHOTS = 'test-results/screenshots';
const API = '/jupyter-ext/api';

test.use({ viewport: { width: 1400, height: 900 } });

async function createRun(
  page: IJupyterLabPageFixture,
  path: string,
  message: string,
  tags: string[],
  params: Record<string, number | string>,
  metrics: Record<string, number>,
  code?: string
): Promise<{ id: string }> {
  const response = await page.request.post(`${API}/snapshots`, {
    data: {
      path,
      content: notebook(params, metrics, code),
      message,
      tags
    }
  });
  expect(response.status(), await response.text()).toBe(201);
  return response.json();
}

function row(view: Locator, message: string): Locator {
  return view.locator('.jp-snapshots-runs-row', { hasText: message });
}

test.describe('Team runs (real server)', () => {
  test('open from the palette, sort, filter, bad query, compare with a chart', async ({
    page,
    tmpPath
  }) => {
    const tag = `t${Date.now().toString(36)}`;
    const path = `${tmpPath}/churn.ipynb`;
    await createRun(
      page,
      path,
      `baseline ${tag}`,
      [tag, 'baseline'],
      { lr: 0.1, epochs: 10 },
      { accuracy: 0.81, loss: 0.52 }
    );
    await createRun(
      page,
      path,
      `lower lr ${tag}`,
      [tag],
      { lr: 0.01, epochs: 10 },
      { accuracy: 0.9, loss: 0.31 }
    );
    await createRun(
      page,
      path,
      `more epochs ${tag}`,
      [tag],
      { lr: 0.03, epochs: 20 },
      { accuracy: 0.86, loss: 0.4 }
    );

    const view = await openTeamRuns(page);
    await expect(row(view, `baseline ${tag}`)).toBeVisible();
    // newest first
    await expect(view.locator('.jp-snapshots-runs-row').first()).toContainText(
      `more epochs ${tag}`
    );
    // every parameter and metric is a column
    const head = view.locator('.jp-snapshots-runs-head-row');
    for (const name of ['lr', 'epochs', 'accuracy', 'loss']) {
      await expect(
        head.locator('.jp-snapshots-runs-head-cell', {
          hasText: new RegExp(`^${name}$`)
        })
      ).toBeVisible();
    }

    // Filter with the query language (debounced, server-side).
    const input = view.getByRole('searchbox', { name: 'Filter runs' });
    await input.fill(`tag:${tag} lr>0.02`);
    await expect(view.locator('.jp-snapshots-runs-row')).toHaveCount(2);
    await expect(row(view, `lower lr ${tag}`)).toHaveCount(0);

    // Sort by accuracy (server-side): highest first, then flip.
    await input.fill(`tag:${tag}`);
    await expect(view.locator('.jp-snapshots-runs-row')).toHaveCount(3);
    await head
      .locator('.jp-snapshots-runs-sort-button', { hasText: 'accuracy' })
      .click();
    await expect(
      head.locator('[aria-sort="descending"]', { hasText: 'accuracy' })
    ).toBeVisible();
    await expect(view.locator('.jp-snapshots-runs-row').first()).toContainText(
      `lower lr ${tag}`
    );
    await head
      .locator('.jp-snapshots-runs-sort-button', { hasText: 'accuracy' })
      .click();
    await expect(view.locator('.jp-snapshots-runs-row').first()).toContainText(
      `baseline ${tag}`
    );
    await page.screenshot({ path: `${SHOTS}/teamRuns-e2e-table.png` });

    // A bad query: the server's message under the box, the table stays.
    await input.fill(`tag:${tag} lr=>0.01`);
    const help = view.locator('.jp-snapshots-runs-query-help');
    await expect(help).toHaveClass(/jp-mod-error/);
    await expect(help).toContainText("did you mean '>='");
    await expect(view.locator('.jp-snapshots-runs-row')).toHaveCount(3);
    await page.screenshot({ path: `${SHOTS}/teamRuns-e2e-bad-query.png` });
    await input.fill(`tag:${tag}`);
    await expect(help).not.toHaveClass(/jp-mod-error/);

    // Select two (click, Ctrl-click) and compare.
    await row(view, `baseline ${tag}`).click();
    await row(view, `lower lr ${tag}`).click({ modifiers: ['Control'] });
    await expect(view.locator('.jp-snapshots-runs-count')).toContainText(
      '2 selected'
    );
    await page.locator('[data-jp-item-name="compare"]').click();
    const compare = page.locator('.jp-snapshots-runsCompare').last();
    await expect(compare.locator('.jp-snapshots-runsCompare-card')).toHaveCount(
      2
    );
    const paramRow = (name: string) =>
      compare.locator('section[aria-label="Parameters"] tbody tr').filter({
        has: page.locator('th', { hasText: new RegExp(`^${name}$`) })
      });
    const lr = paramRow('lr');
    await expect(lr).toHaveClass(/jp-mod-differs/);
    await expect(lr.locator('td.jp-mod-changed')).toHaveText('0.01');
    await expect(paramRow('epochs')).not.toHaveClass(/jp-mod-differs/);
    const chart = compare.locator('.jp-snapshots-runsCompare-chart');
    await expect(chart.locator('svg, canvas').first()).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/teamRuns-e2e-compare.png` });

    // The line chart: accuracy over time for the notebook.
    await compare.getByLabel('Chart kind').selectOption('line');
    await expect(chart.locator('svg, canvas').first()).toBeVisible();
    await compare
      .locator('section[aria-label="Chart"]')
      .scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/teamRuns-e2e-line-chart.png` });
  });

  test('from a run: open read-only, diff with another run, restore as a copy', async ({
    page,
    tmpPath
  }) => {
    const tag = `a${Date.now().toString(36)}`;
    const path = `${tmpPath}/act.ipynb`;
    await createRun(
      page,
      path,
      `first ${tag}`,
      [tag],
      { lr: 0.1 },
      { accuracy: 0.8 }
    );
    await createRun(
      page,
      path,
      `second ${tag}`,
      [tag],
      { lr: 0.2 },
      { accuracy: 0.85 },
      'model = train(lr, epochs=3)'
    );
    const view = await openTeamRuns(page);
    await view
      .getByRole('searchbox', { name: 'Filter runs' })
      .fill(`tag:${tag}`);
    await expect(view.locator('.jp-snapshots-runs-row')).toHaveCount(2);
    await view.locator('.jp-snapshots-runs-row').first().click();
    await view
      .locator('.jp-snapshots-runs-row')
      .nth(1)
      .click({ modifiers: ['Shift'] });
    await page.locator('[data-jp-item-name="compare"]').click();
    const compare = page.locator('.jp-snapshots-runsCompare').last();
    const cards = compare.locator('.jp-snapshots-runsCompare-card');
    await expect(cards).toHaveCount(2);

    // Open read-only.
    await cards.nth(0).getByRole('button', { name: 'Open' }).click();
    const readonly = page
      .locator('.jp-snapshots-readonly, .jp-snapshots-runsNotebook')
      .last();
    await expect(readonly).toBeVisible();
    await expect(readonly).toContainText('Churn model');
    await page.screenshot({ path: `${SHOTS}/teamRuns-e2e-readonly.png` });

    // Diff the second run with the first.
    await page.locator('.lm-TabBar-tab', { hasText: 'Compare 2 runs' }).click();
    await cards.nth(1).getByRole('button', { name: 'Diff with #1' }).click();
    const diff = page.locator('.jp-snapshots-diff-widget').last();
    await expect(diff).toBeVisible();
    await expect(diff).toContainText('epochs=3');
    await page.screenshot({ path: `${SHOTS}/teamRuns-e2e-diff.png` });

    // Restore the first as a copy into my workspace.
    await page.locator('.lm-TabBar-tab', { hasText: 'Compare 2 runs' }).click();
    await cards
      .nth(0)
      .getByRole('button', { name: 'Restore as a copy' })
      .click();
    const dialog = page.locator('.jp-Dialog');
    await expect(dialog).toContainText('Restore as a copy');
    const target = await dialog.locator('input').inputValue();
    expect(target).toMatch(new RegExp(`^${tmpPath}/act-[0-9a-z]{6}\\.ipynb$`));
    await dialog.getByRole('button', { name: 'Restore' }).click();
    await expect(
      page.locator('.Toastify__toast', { hasText: `Restored to ${target}` })
    ).toBeVisible();
    const saved = await page.request.get(`/api/contents/${target}?content=0`);
    expect(saved.status()).toBe(200);
  });

  test('comment on a run; the count shows in the table', async ({
    page,
    tmpPath
  }) => {
    const tag = `c${Date.now().toString(36)}`;
    const { id } = await createRun(
      page,
      `${tmpPath}/c.ipynb`,
      `commented ${tag}`,
      [tag],
      { lr: 0.1 },
      { accuracy: 0.8 }
    );
    const probe = await page.request.get(`${API}/snapshots/${id}/comments`);
    expect(probe.status()).toBe(200);
    expect((await probe.json()).items).toEqual([]);
    const view = await openTeamRuns(page);
    await view
      .getByRole('searchbox', { name: 'Filter runs' })
      .fill(`tag:${tag}`);
    await expect(view.locator('.jp-snapshots-runs-row')).toHaveCount(1);
    await row(view, `commented ${tag}`).dblclick();
    const details = page.locator('.jp-snapshots-runsCompare').last();
    await expect(details.getByText('No comments yet.')).toBeVisible();
    await details
      .getByLabel('Comment on this run')
      .fill('lr too high? <b>not bold</b>');
    await details
      .getByLabel('Comment on a cell (optional)')
      .selectOption({ index: 2 });
    await details.getByRole('button', { name: 'Add comment' }).click();
    const comment = details.locator('.jp-snapshots-runsCompare-comment');
    await expect(comment).toHaveCount(1);
    // rendered as text, never as HTML
    await expect(
      comment.locator('.jp-snapshots-runsCompare-commentText')
    ).toHaveText('lr too high? <b>not bold</b>');
    await expect(comment).toContainText('on Cell 2');
    await page.screenshot({ path: `${SHOTS}/teamRuns-e2e-comment.png` });
    await page.locator('.lm-TabBar-tab', { hasText: 'Team runs' }).click();
    await expect(
      row(view, `commented ${tag}`).locator('[data-column-id="comments"]')
    ).toHaveText('1');
  });

  test('a teammate\u2019s new run appears live; "N new runs — show" when scrolled or sorted away', async ({
    page,
    tmpPath
  }) => {
    const tag = `l${Date.now().toString(36)}`;
    const path = `${tmpPath}/live.ipynb`;
    await createRun(
      page,
      path,
      `first ${tag}`,
      [tag],
      { lr: 0.1 },
      { accuracy: 0.7 }
    );
    const view = await openTeamRuns(page);
    await view
      .getByRole('searchbox', { name: 'Filter runs' })
      .fill(`tag:${tag}`);
    await expect(view.locator('.jp-snapshots-runs-row')).toHaveCount(1);

    // Created through the REST API, as another JupyterLab would.
    await createRun(
      page,
      path,
      `live ${tag}`,
      [tag],
      { lr: 0.2 },
      { accuracy: 0.75 }
    );
    await expect(row(view, `live ${tag}`)).toBeVisible({ timeout: 45_000 });
    await expect(view.locator('.jp-snapshots-runs-row').first()).toContainText(
      `live ${tag}`
    );
    await page.screenshot({ path: `${SHOTS}/teamRuns-e2e-live.png` });

    // Sorted away: the run waits behind the indicator. Wait for the sorted page first, or
    // the new run could be part of that page itself (then no indicator is due).
    const sorted = page.waitForResponse(
      r => r.url().includes('/snapshots?') && r.url().includes('sort=message')
    );
    await view
      .locator('.jp-snapshots-runs-sort-button', { hasText: 'Message' })
      .click();
    await sorted;
    await createRun(
      page,
      path,
      `zz later ${tag}`,
      [tag],
      { lr: 0.3 },
      { accuracy: 0.6 }
    );
    const indicator = view.locator('.jp-snapshots-runs-new-runs');
    await expect(indicator).toHaveText('1 new run — show', { timeout: 45_000 });
    await expect(row(view, `zz later ${tag}`)).toHaveCount(0);
    await page.screenshot({
      path: `${SHOTS}/teamRuns-e2e-new-runs-indicator.png`
    });
    await indicator.click();
    // shown where the user's sort (Message, A to Z) puts it: the sort is kept
    await expect(view.locator('.jp-snapshots-runs-row').last()).toContainText(
      `zz later ${tag}`
    );
    await expect(
      view.locator('[aria-sort="ascending"]', { hasText: 'Message' })
    ).toBeVisible();
    await expect(indicator).toBeHidden();
  });

  test('flags "same code, different data" between two runs', async ({
    page,
    tmpPath
  }) => {
    const tag = `d${Date.now().toString(36)}`;
    const put = (content: string) =>
      page.request.put(`/api/contents/${tmpPath}/train.csv`, {
        data: { type: 'file', format: 'text', content }
      });
    const code = "import pandas as pd\ndf = pd.read_csv('train.csv')";
    const path = `${tmpPath}/data.ipynb`;
    expect((await put('a,b\n1,2\n')).ok()).toBe(true);
    await createRun(
      page,
      path,
      `v1 data ${tag}`,
      [tag],
      { lr: 0.1 },
      { accuracy: 0.8 },
      code
    );
    expect((await put('a,b\n1,2\n3,4\n')).ok()).toBe(true);
    await createRun(
      page,
      path,
      `v2 data ${tag}`,
      [tag],
      { lr: 0.1 },
      { accuracy: 0.84 },
      code
    );

    const view = await openTeamRuns(page);
    await view
      .getByRole('searchbox', { name: 'Filter runs' })
      .fill(`tag:${tag}`);
    await expect(view.locator('.jp-snapshots-runs-row')).toHaveCount(2);
    // keyboard: into the grid, Space, Shift+Down, Enter compares
    await view
      .getByRole('searchbox', { name: 'Filter runs' })
      .press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Space');
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Enter');
    const compare = page.locator('.jp-snapshots-runsCompare').last();
    const note = compare.locator('.jp-snapshots-runsCompare-relation');
    await expect(note).toContainText('same code, different data');
    await expect(note).toContainText('train.csv');
    await page.screenshot({ path: `${SHOTS}/teamRuns-e2e-same-code.png` });
  });
});
