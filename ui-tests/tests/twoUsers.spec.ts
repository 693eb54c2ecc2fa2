/**
 * Two people, two JupyterLab servers, one team store: each sees the other's runs
 * arrive live in Team runs, filters and compares them, and restores a teammate's run;
 * a teammate's comments show in my open table's comment counts.
 */
import { expect, galata, test } from '@jupyterlab/galata';

import {
  fillDialogAndSubmit,
  expectSaved,
  TOOLBAR_BUTTON
} from './snapshotHelpers';
import { notebook, openTeamRuns } from './teamRunsHelpers';

const SHOTS = 'test-results/screenshots';
const TEAMMATE = process.env.TEAMMATE_URL ?? 'http://localhost:8889';

test.use({ viewport: { width: 1400, height: 900 } });

test('two teammates see, filter, compare and restore each other’s runs live', async ({
  page,
  playwright,
  tmpPath
}, testInfo) => {
  const tag = `team${Date.now().toString(36)}`;

  // Bob works in his own JupyterLab (another server, another identity, same store).
  // His own browser process too: a background page in a shared browser is throttled.
  const bobBrowser = await playwright.chromium.launch({
    ...testInfo.project.use.launchOptions,
    headless: true
  });
  const bob = await bobBrowser.newPage({
    viewport: { width: 1400, height: 900 }
  });
  await bob.goto(`${TEAMMATE}/lab`);
  await expect(bob.locator('#jp-main-dock-panel')).toBeVisible({
    timeout: 60_000
  });
  const bobView = await openTeamRuns(bob);
  await bobView
    .getByRole('searchbox', { name: 'Filter runs' })
    .fill(`tag:${tag}`);

  // I open Team runs, filtered to today's experiment.
  const myView = await openTeamRuns(page);
  await myView
    .getByRole('searchbox', { name: 'Filter runs' })
    .fill(`tag:${tag}`);

  // I snapshot my notebook from its toolbar, as I would any day.
  await page.notebook.createNew('mine.ipynb');
  await page.notebook.setCell(0, 'code', 'lr = 0.1\nepochs = 4');
  await page.locator(TOOLBAR_BUTTON).first().click();
  await fillDialogAndSubmit(page, `my baseline ${tag}`, tag);
  await expectSaved(page);

  // Bob sees my run arrive without reloading, by me.
  const mineInBob = bobView.locator('.jp-snapshots-runs-row', {
    hasText: `my baseline ${tag}`
  });
  await expect(mineInBob).toBeVisible({ timeout: 60_000 });
  await expect(mineInBob).toContainText('galata');

  // Bob's run (say, from his CI job through his server) reaches me live too.
  const created = await bob.request.post(
    `${TEAMMATE}/jupyter-ext/api/snapshots`,
    {
      data: {
        path: 'bob/churn.ipynb',
        content: notebook(
          { lr: 0.3, epochs: 4 },
          { accuracy: 0.88 },
          `train(lr, epochs)  # ${tag}`
        ),
        message: `bob higher lr ${tag}`,
        tags: [tag]
      }
    }
  );
  expect(created.status(), await created.text()).toBe(201);
  expect((await created.json()).author.username).toBe('bob');

  // Back to my Team runs tab (the notebook is in front of it).
  await page
    .locator('#jp-main-dock-panel .lm-TabBar-tab', { hasText: 'Team runs' })
    .first()
    .click();
  const myRows = page.locator('#jupyter-ext-team-runs .jp-snapshots-runs-row');
  const bobsInMine = myRows.filter({ hasText: `bob higher lr ${tag}` });
  await expect(bobsInMine).toBeVisible({ timeout: 60_000 });
  await expect(bobsInMine).toContainText('bob');
  await expect(myRows).toHaveCount(2);
  await page.screenshot({ path: `${SHOTS}/two-users-live.png` });

  // I narrow to Bob's runs, then compare his with mine.
  const filter = page.getByRole('searchbox', { name: 'Filter runs' });
  await filter.fill(`tag:${tag} author:bob`);
  await expect(myRows).toHaveCount(1);
  await filter.fill(`tag:${tag}`);
  await expect(myRows).toHaveCount(2);
  await myRows.nth(0).click();
  await myRows.nth(1).click({ modifiers: ['Control'] });
  await page.locator('[data-jp-item-name="compare"]').click();
  const compare = page.locator('.jp-snapshots-runsCompare').last();
  await expect(compare.locator('.jp-snapshots-runsCompare-card')).toHaveCount(
    2
  );
  const lr = compare
    .locator('section[aria-label="Parameters"] tbody tr')
    .filter({
      has: page.locator('th', { hasText: /^lr$/ })
    });
  await expect(lr).toHaveClass(/jp-mod-differs/);
  await page.screenshot({ path: `${SHOTS}/two-users-compare.png` });

  // And continue from Bob's run in my own workspace.
  const bobsCard = compare.locator('.jp-snapshots-runsCompare-card', {
    hasText: 'bob higher lr'
  });
  await bobsCard.getByRole('button', { name: 'Restore as a copy' }).click();
  const dialog = page.locator('.jp-Dialog');
  await expect(dialog).toContainText('Restore as a copy');
  const target = await dialog.locator('input').inputValue();
  await dialog.getByRole('button', { name: 'Restore' }).click();
  await expect(
    page.locator('.Toastify__toast', { hasText: `Restored to ${target}` })
  ).toBeVisible();
  const restored = await page.request.get(`/api/contents/${target}`);
  expect(restored.status()).toBe(200);
  const model = await restored.json();
  const sources = model.content.cells.map((c: { source: string }) => c.source);
  expect(sources.join('\n')).toContain(tag);

  await bobBrowser.close();
});

test.describe('a teammate comments on my run', () => {
  // The shortest live interval the settings allow, so the test waits little.
  test.use({
    mockSettings: {
      ...galata.DEFAULT_SETTINGS,
      'jupyter-ext:team-runs': { pollInterval: 2 }
    }
  });

  test('the count shows in my open Team runs table without a reload', async ({
    page,
    playwright,
    tmpPath
  }) => {
    const tag = `cc${Date.now().toString(36)}`;
    const ids: string[] = [];
    for (const message of [`discussed ${tag}`, `quiet ${tag}`]) {
      const created = await page.request.post('/jupyter-ext/api/snapshots', {
        data: {
          path: `${tmpPath}/cc.ipynb`,
          content: notebook({ lr: 0.1 }, { accuracy: 0.8 }),
          message,
          tags: [tag]
        }
      });
      expect(created.status(), await created.text()).toBe(201);
      ids.push((await created.json()).id);
    }

    const view = await openTeamRuns(page);
    await view
      .getByRole('searchbox', { name: 'Filter runs' })
      .fill(`tag:${tag}`);
    const rows = view.locator('.jp-snapshots-runs-row');
    await expect(rows).toHaveCount(2);
    const discussed = rows.filter({ hasText: `discussed ${tag}` });
    const count = discussed.locator('[data-column-id="comments"]');
    await expect(count).toHaveText('');
    // Let a live poll go by so the table has settled (the filter's reload, the
    // first tick), then mark the row: it must be updated in place, not re-rendered.
    await page.waitForResponse(r =>
      r.url().includes('/jupyter-ext/api/comments/counts')
    );
    await expect(rows).toHaveCount(2);
    await discussed.evaluate(node => node.setAttribute('data-probe', 'kept'));

    // Bob comments twice through his own server (his identity, same store).
    const bob = await playwright.request.newContext({ baseURL: TEAMMATE });
    for (const text of ['why lr 0.1?', 'try 0.3']) {
      const posted = await bob.post(
        `/jupyter-ext/api/snapshots/${ids[0]}/comments`,
        { data: { text } }
      );
      expect(posted.status(), await posted.text()).toBe(201);
      expect((await posted.json()).author.username).toBe('bob');
    }
    await bob.dispose();

    // My table shows it within a poll or two (2 s poll + my server's 2 s store cache).
    await expect(count).toHaveText('2', { timeout: 15_000 });
    await expect(discussed).toHaveAttribute('data-probe', 'kept');
    await expect(
      rows
        .filter({ hasText: `quiet ${tag}` })
        .locator('[data-column-id="comments"]')
    ).toHaveText('');
    await discussed.screenshot({
      path: `${SHOTS}/two-users-comment-count.png`
    });
  });
});
