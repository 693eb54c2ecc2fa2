/**
 * Beside jupyterlab-git (which brings nbdime's own lab extension): JupyterLab
 * loads both, ours logs no error, and both diff views render, one after the
 * other in the same session: theirs (git panel -> changed file -> diff) and
 * ours (Snapshots panel -> Diff with current notebook).
 */
import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';

import { pythonNotebook } from './notebookJson';
import {
  dismissToasts,
  openSnapshotsPanel,
  setTheme,
  snapshotWithToolbar
} from './snapshotHelpers';

test.use({ autoGoto: false });

const NOTEBOOK = 'analysis.ipynb';

function code(id: string, source: string) {
  return {
    id,
    cell_type: 'code',
    execution_count: null,
    metadata: {},
    outputs: [],
    source
  };
}

/**
 * Run git in `folder` (relative to the server root) through a kernel: the
 * contents API cannot run commands, and no terminal is needed this way.
 */
async function git(
  page: IJupyterLabPageFixture,
  folder: string,
  commands: string[][]
): Promise<string> {
  return page.evaluate(
    async ([folder, commands]) => {
      const session = await window.jupyterapp.serviceManager.sessions.startNew({
        // the kernel's working directory is this path's folder
        path: `${folder}/git-setup`,
        name: 'git-setup',
        type: 'console',
        kernel: { name: 'python3' }
      });
      try {
        const future = session.kernel!.requestExecute({
          code: [
            'import json, subprocess',
            `for command in json.loads(${JSON.stringify(JSON.stringify(commands))}):`,
            '    subprocess.run(["git", *command], check=True, capture_output=True)'
          ].join('\n')
        });
        let error = '';
        future.onIOPub = msg => {
          if (msg.header.msg_type === 'error') {
            error = JSON.stringify(msg.content);
          }
        };
        await future.done;
        return error;
      } finally {
        await session.shutdown();
      }
    },
    [folder, commands] as [string, string[][]]
  );
}

/** A git repository in `folder` whose first commit holds the notebook. */
async function repositoryWithNotebook(
  page: IJupyterLabPageFixture,
  folder: string
): Promise<void> {
  const notebook = pythonNotebook([
    code('params', 'lr = 0.01\nepochs = 5'),
    code('train', 'print(f"training with lr={lr}")')
  ]);
  await page.contents.uploadContent(
    JSON.stringify(notebook, null, 1),
    'text',
    `${folder}/${NOTEBOOK}`
  );
  const identity = [
    '-c',
    'user.name=galata',
    '-c',
    'user.email=galata@example.invalid',
    '-c',
    'commit.gpgsign=false'
  ];
  const error = await git(page, folder, [
    ['-c', 'init.defaultBranch=main', 'init', '-q'],
    ['add', NOTEBOOK],
    [...identity, 'commit', '-q', '-m', 'first version']
  ]);
  expect(error).toBe('');
}

test.describe('Beside jupyterlab-git', () => {
  test('both load, ours logs no error, their notebook diff and ours both render', async ({
    page,
    tmpPath
  }) => {
    // Every error and warning the page logs from the first request on, with
    // where it came from (our bundle's URL has the package name in it).
    const logged: string[] = [];
    page.on('console', message => {
      if (message.type() === 'error' || message.type() === 'warning') {
        const where = message.location().url;
        logged.push(`console.${message.type()}: ${message.text()} (${where})`);
      }
    });
    page.on('pageerror', error => {
      logged.push(`pageerror: ${error.message}\n${error.stack ?? ''}`);
    });
    await page.goto();

    // Both extensions are there: the git panel and our Snapshots panel.
    await expect(page.getByRole('tab', { name: 'Git' })).toBeVisible();
    await expect(page.getByRole('tab', { name: 'Snapshots' })).toBeVisible();

    const folder = `${tmpPath}/repo`;
    await repositoryWithNotebook(page, folder);

    // Snapshot the committed version, then change the notebook and save it.
    await page.notebook.openByPath(`${folder}/${NOTEBOOK}`);
    await page.notebook.activate(NOTEBOOK);
    const panel = await openSnapshotsPanel(page);
    await snapshotWithToolbar(page, 'committed version');
    const item = panel.locator('.jp-snapshots-item', {
      hasText: 'committed version'
    });
    await expect(item).toBeVisible();
    await page.notebook.setCell(0, 'code', 'lr = 0.1\nepochs = 5');
    await page.notebook.save();
    await dismissToasts(page);

    // Theirs: git panel -> the changed notebook -> diff, rendered by nbdime.
    await page.sidebar.openTab('filebrowser');
    await page.filebrowser.openDirectory(folder);
    await page.getByRole('tab', { name: 'Git' }).click();
    const gitPanel = page.locator('#jp-git-sessions');
    await expect(gitPanel).toBeVisible();
    // the Changed section's row of the notebook (its tooltip names the status)
    const changed = gitPanel.getByTitle(`${NOTEBOOK} • Modified`);
    await expect(changed).toBeVisible();
    await page.screenshot({
      path: 'test-results/screenshots/coexist-git-panel.png'
    });
    await changed.hover();
    await changed.getByTitle('Diff this file').click();
    const theirs = page.locator('.jp-git-diff-parent-widget');
    const theirDiff = theirs.locator('.jp-Notebook-diff');
    await expect(theirDiff).toBeVisible();
    await expect(theirDiff).toContainText('lr = 0.01');
    await expect(theirDiff).toContainText('lr = 0.1');
    await expect(theirs.locator('.jp-git-diff-error')).toHaveCount(0);
    await page.screenshot({
      path: 'test-results/screenshots/coexist-git-diff.png'
    });

    // Ours: the Snapshots panel -> Diff with current notebook.
    // (their diff's tab has the notebook's name too)
    await page
      .locator('.lm-TabBar-tab[data-type="document-title"]', {
        hasText: NOTEBOOK
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
    const ourDiff = ours.locator('.jp-Notebook-diff');
    await expect(ourDiff).toContainText('lr = 0.01');
    await expect(ourDiff).toContainText('lr = 0.1');
    await page.screenshot({
      path: 'test-results/screenshots/coexist-our-diff.png'
    });

    // Both still render side by side in the dark theme (shared nbdime styles).
    await setTheme(page, 'dark');
    await page.screenshot({
      path: 'test-results/screenshots/coexist-our-diff-dark.png'
    });
    await page.locator('.lm-TabBar-tab.jp-git-diff-title').click();
    await expect(theirDiff).toContainText('lr = 0.1');
    await page.screenshot({
      path: 'test-results/screenshots/coexist-git-diff-dark.png'
    });
    await setTheme(page, 'light');

    await test.info().attach('console errors and warnings', {
      body: logged.join('\n') || '(none)',
      contentType: 'text/plain'
    });
    expect(
      logged.filter(line => /jupyter-ext|jupyter_ext|snapshot/i.test(line))
    ).toEqual([]);
  });
});
