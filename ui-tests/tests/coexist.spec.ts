/**
 * Coexistence with the extensions our users already have: jupyterlab-git (and the nbdime
 * lab extension it brings). Both load, ours logs no console error, and each diff view
 * works on the same changed notebook: git's nbdime diff and our snapshot diff.
 */
import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';

import {
  dismissToasts,
  openSnapshotsPanel,
  setTheme,
  snapshotWithToolbar
} from './snapshotHelpers';
import { sweepNotebook } from './sweepNotebook';

test.use({ autoGoto: false });

const OURS = /jupyter-ext|jp-snapshots|snapshot/i;

/** Make *folder* a git repository with everything in it committed (jupyterlab-git's API). */
async function commitAll(page: IJupyterLabPageFixture, folder: string) {
  for (const [endpoint, body] of [
    ['init', {}],
    ['add', { add_all: true }],
    ['commit', { commit_msg: 'sweep notebook' }]
  ] as const) {
    const response = await page.request.post(`git/${folder}/${endpoint}`, {
      data: body
    });
    expect(response.ok(), `git ${endpoint}: ${await response.text()}`).toBe(
      true
    );
  }
}

test('with jupyterlab-git installed both load and both diff views work', async ({
  page,
  tmpPath
}) => {
  const errors: string[] = [];
  page.on('console', message => {
    if (message.type() === 'error') {
      errors.push(message.text());
    }
  });
  page.on('pageerror', error => errors.push(String(error.stack ?? error)));
  await page.goto();

  // git's sidebar panel is there next to ours
  await expect(
    page.locator('.jp-SideBar [data-id="jp-git-sessions"]')
  ).toHaveCount(1);

  const path = `${tmpPath}/sweep.ipynb`;
  await page.contents.uploadContent(
    JSON.stringify(sweepNotebook(0.01)),
    'text',
    path
  );
  await commitAll(page, tmpPath);

  await page.notebook.openByPath(path);
  await page.notebook.activate('sweep.ipynb');
  await page.notebook.run();
  const panel = await openSnapshotsPanel(page);
  await snapshotWithToolbar(page, 'baseline lr 0.01', 'baseline');
  await page.notebook.setCell(1, 'code', 'lr = 0.1\nepochs = 5');
  await page.notebook.run();
  await snapshotWithToolbar(page, 'try lr 0.1', 'lr-sweep');
  await page.notebook.save();
  await dismissToasts(page);

  // ours: the two snapshots' diff (run diff, then nbdime's notebook diff)
  const items = panel.locator('.jp-snapshots-item');
  await expect(items).toHaveCount(2);
  await items.nth(0).locator('.jp-snapshots-item-check').check();
  await items.nth(1).locator('.jp-snapshots-item-check').check();
  await panel.getByRole('button', { name: /Diff selected/ }).click();
  const ours = page.locator('.jp-snapshots-diff-widget');
  await expect(ours.locator('.jp-snapshots-rundiff-params')).toContainText(
    'lr'
  );
  await expect(ours.locator('.jp-Notebook-diff')).toContainText('lr = 0.1');
  await page.screenshot({
    path: 'test-results/screenshots/coexist-snapshot-diff.png'
  });

  // theirs: git's diff of the working copy against the commit, through nbdime
  await page.sidebar.openTab('filebrowser');
  await page.filebrowser.openDirectory(tmpPath);
  await page.sidebar.openTab('jp-git-sessions');
  const git = page.locator('#jp-git-sessions');
  const changed = git.locator('[title*="sweep.ipynb"]').first();
  await expect(changed).toBeVisible();
  await changed.hover();
  await git.getByTitle('Diff this file').first().click();
  const theirs = page.locator('.jp-git-diff-root').last();
  await expect(theirs).toContainText('lr = 0.1');
  await expect(theirs).toContainText('lr = 0.01');
  await page.screenshot({
    path: 'test-results/screenshots/coexist-git-diff.png'
  });
  await setTheme(page, 'dark');
  await page.screenshot({
    path: 'test-results/screenshots/coexist-git-diff-dark.png'
  });

  // back to ours, in the dark theme: it still renders beside theirs
  await page
    .locator('.lm-TabBar-tab', { hasText: /^Diff / })
    .first()
    .click();
  await expect(ours.locator('.jp-Notebook-diff')).toBeVisible();
  await page.screenshot({
    path: 'test-results/screenshots/coexist-snapshot-diff-dark.png'
  });

  // nothing of ours logged an error
  expect(errors.filter(text => OURS.test(text))).toEqual([]);
});

test('beside git\'s diff: "Diff with current notebook", and no error or warning from our bundle', async ({
  page,
  tmpPath
}) => {
  // Errors and warnings with where they came from: a message logged by our
  // bundle need not name us, but its URL (.../labextensions/jupyter-ext/...) does.
  const logged: string[] = [];
  page.on('console', message => {
    if (message.type() === 'error' || message.type() === 'warning') {
      const where = message.location().url;
      logged.push(`console.${message.type()}: ${message.text()} (${where})`);
    }
  });
  page.on('pageerror', error => logged.push(String(error.stack ?? error)));
  await page.goto();
  await expect(page.getByRole('tab', { name: 'Git' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Snapshots' })).toBeVisible();

  // the committed version is also our snapshot; the saved change is uncommitted
  const path = `${tmpPath}/sweep.ipynb`;
  await page.contents.uploadContent(
    JSON.stringify(sweepNotebook(0.01)),
    'text',
    path
  );
  await commitAll(page, tmpPath);
  await page.notebook.openByPath(path);
  await page.notebook.activate('sweep.ipynb');
  const panel = await openSnapshotsPanel(page);
  await snapshotWithToolbar(page, 'committed version');
  const item = panel.locator('.jp-snapshots-item', {
    hasText: 'committed version'
  });
  await expect(item).toBeVisible();
  await page.notebook.setCell(1, 'code', 'lr = 0.1\nepochs = 5');
  await page.notebook.save();
  await dismissToasts(page);

  // theirs first: git panel -> the modified notebook -> diff
  await page.sidebar.openTab('filebrowser');
  await page.filebrowser.openDirectory(tmpPath);
  await page.sidebar.openTab('jp-git-sessions');
  const changed = page
    .locator('#jp-git-sessions')
    .getByTitle('sweep.ipynb • Modified');
  await changed.hover();
  await changed.getByTitle('Diff this file').click();
  const theirs = page.locator('.jp-git-diff-parent-widget');
  await expect(theirs.locator('.jp-Notebook-diff')).toContainText('lr = 0.1');
  await expect(theirs.locator('.jp-git-diff-error')).toHaveCount(0);

  // then ours, from the notebook's own tab (git's diff tab has its name too)
  await page
    .locator('.lm-TabBar-tab[data-type="document-title"]', {
      hasText: 'sweep.ipynb'
    })
    .click();
  await openSnapshotsPanel(page);
  await item.click({ button: 'right' });
  await page
    .locator('.lm-Menu')
    .getByText('Diff with current notebook')
    .click();
  const ours = page.locator('.jp-snapshots-diff-widget');
  await expect(ours.locator('.jp-snapshots-diff')).toHaveAttribute(
    'data-loaded',
    'true'
  );
  await expect(ours).toContainText('current notebook');
  const ourDiff = ours.locator('.jp-Notebook-diff');
  await expect(ourDiff).toContainText('lr = 0.01');
  await expect(ourDiff).toContainText('lr = 0.1');
  await page.screenshot({
    path: 'test-results/screenshots/coexist-diff-with-current.png'
  });
  // git's diff still renders after ours opened
  await page.locator('.lm-TabBar-tab.jp-git-diff-title').click();
  await expect(theirs.locator('.jp-Notebook-diff')).toContainText('lr = 0.1');

  await test.info().attach('console errors and warnings', {
    body: logged.join('\n') || '(none)',
    contentType: 'text/plain'
  });
  expect(logged.filter(line => OURS.test(line))).toEqual([]);
});
