/**
 * The frontend as one app, against the real server:
 * - contract: every method of the one API client (ISnapshotClient, resolved
 *   through the extension's exported token as another extension would) against
 *   the running server, and the served OpenAPI document is the committed one;
 * - the run-diff card at 1290 px splits no word across lines;
 * - the diff header's relative time stays current.
 */
import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import * as fs from 'fs';
import * as path from 'path';

import { notebook } from './teamRunsHelpers';

const API = '/jupyter-ext/api';

async function createRun(
  page: IJupyterLabPageFixture,
  nbPath: string,
  message: string,
  params: Record<string, number | string>,
  metrics: Record<string, number>,
  code?: string
): Promise<string> {
  const response = await page.request.post(`${API}/snapshots`, {
    data: { path: nbPath, content: notebook(params, metrics, code), message }
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()).id;
}

/** Open the diff of two runs through the app's command, wait until rendered. */
async function openDiff(
  page: IJupyterLabPageFixture,
  base: string,
  remote: string
) {
  await page.evaluate(
    ([b, r]) =>
      window.jupyterapp.commands.execute('jupyter-ext:diff', {
        base: b,
        remote: r
      }),
    [base, remote]
  );
  const diff = page.locator('.jp-snapshots-diff-widget').last();
  await expect(diff.locator('.jp-snapshots-diff')).toHaveAttribute(
    'data-loaded',
    'true',
    { timeout: 60_000 }
  );
  return diff;
}

test.describe('API client contract (real server)', () => {
  test('every client method works against the running server', async ({
    page,
    tmpPath
  }) => {
    const nbPath = `${tmpPath}/contract.ipynb`;
    const content = notebook({ lr: 0.1 }, { accuracy: 0.9 });
    await page.contents.uploadContent(JSON.stringify(content), 'text', nbPath);
    const results = await page.evaluate(
      async ([nbPath, content]) => {
        const container = (window as any)._JUPYTERLAB['jupyter-ext'];
        const extension = (await container.get('./extension'))();
        const client = await window.jupyterapp.resolveRequiredService(
          extension.ISnapshotClient
        );
        const out: Record<string, unknown> = {};
        out.health = await client.health();
        out.whoami = await client.whoami();
        out.openapi = await client.openapi();
        const first = await client.take({
          path: nbPath,
          content,
          message: 'contract one',
          tags: ['contract']
        });
        const second = await client.take({
          path: nbPath,
          content,
          message: 'contract two'
        });
        out.take = first;
        out.list = await client.list({ notebook: nbPath, limit: 10 });
        out.get = await client.get(first.id);
        out.notebook = await client.notebook(first.id);
        const diff = await client.diff(first.id, second.id);
        out.diff = { run_diff: diff.run_diff, cells: diff.diff.length };
        const live = await client.diff(first.id, nbPath, {}, content);
        out.diffLive = { summary: live.run_diff.summary };
        out.secretsScan = await client.secretsScan({
          ...content,
          cells: [
            {
              cell_type: 'code',
              id: 's',
              metadata: {},
              source: 'key = "AKIAIOSFODNN7EXAMPLE"',
              outputs: [],
              execution_count: null
            }
          ]
        });
        out.addComment = await client.addComment(first.id, 'looks good');
        out.comments = await client.comments(first.id);
        out.commentCounts = await client.commentCounts();
        const copy = nbPath.replace(/\.ipynb$/, '-copy.ipynb');
        out.restore = await client.restore(first.id, copy);
        await client.remove(second.id);
        try {
          await client.get(second.id);
          out.removed = false;
        } catch (error: any) {
          out.removed = error.status;
        }
        out.ids = [first.id, second.id];
        return out;
      },
      [nbPath, content] as const
    );
    const [first, second] = results.ids as string[];
    expect(results.health).toMatchObject({ status: expect.any(String) });
    expect(results.whoami).toMatchObject({ username: 'galata' });
    expect(results.take).toMatchObject({
      id: first,
      message: 'contract one',
      tags: ['contract'],
      notebook: { path: nbPath }
    });
    const listed = (results.list as any).items.map((s: any) => s.id);
    expect(listed).toEqual([second, first]);
    expect(results.get).toMatchObject({ id: first, params: { lr: 0.1 } });
    expect((results.notebook as any).cells).toHaveLength(3);
    expect((results.diff as any).run_diff.summary).toEqual(expect.any(String));
    expect((results.diffLive as any).summary).toEqual(expect.any(String));
    expect(results.secretsScan).toEqual([
      expect.objectContaining({ where: 'source', cell_index: 0 })
    ]);
    expect(results.addComment).toMatchObject({
      snapshot: first,
      text: 'looks good'
    });
    expect((results.comments as any[]).map(c => c.text)).toEqual([
      'looks good'
    ]);
    expect((results.commentCounts as any)[first]).toBe(1);
    expect((results.restore as any).path).toMatch(/contract-copy\.ipynb$/);
    expect(results.removed).toBe(404);

    // The document the server serves is the one the types are generated from.
    const committed = JSON.parse(
      fs.readFileSync(
        path.join(__dirname, '..', '..', 'jupyter_ext', 'openapi.json'),
        'utf8'
      )
    );
    expect(results.openapi).toEqual(committed);
  });
});

test.describe('Run diff card', () => {
  test.use({ viewport: { width: 1290, height: 900 } });

  test('at 1290 px no word is split across lines', async ({
    page,
    tmpPath
  }) => {
    const put = (name: string, text: string) =>
      page.request.put(`/api/contents/${tmpPath}/${name}`, {
        data: { type: 'file', format: 'text', content: text }
      });
    const code =
      "import pandas as pd\ndf = pd.read_csv('train.csv')\nopen('model.pkl').read()";
    const nbPath = `${tmpPath}/words.ipynb`;
    expect((await put('train.csv', 'a,b\n1,2\n')).ok()).toBe(true);
    expect((await put('model.pkl', 'v1')).ok()).toBe(true);
    const base = await createRun(
      page,
      nbPath,
      'baseline',
      { lr: 0.01, optimizer: 'adam', model_type: 'gradient_boosting' },
      { accuracy: 0.8693, val_loss: 0.41237, f1_macro: 0.8122 },
      code
    );
    expect((await put('train.csv', 'a,b\n1,2\n3,4\n')).ok()).toBe(true);
    expect((await put('model.pkl', 'v2 bigger')).ok()).toBe(true);
    const remote = await createRun(
      page,
      nbPath,
      'more data',
      { lr: 0.1, optimizer: 'sgd', model_type: 'random_forest' },
      { accuracy: 0.9012, val_loss: 0.38811, f1_macro: 0.8571 },
      code
    );
    const diff = await openDiff(page, base, remote);
    const card = diff.locator('.jp-snapshots-rundiff');
    await expect(card).toContainText('accuracy');
    await expect(card).toContainText('train.csv');

    const split = await card.evaluate(root => {
      const words: string[] = [];
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        // words: what lies between the places a line may wrap (spaces, and
        // the '/' and '-' separators of paths); "accurac|y", "0.869|3" and
        // "model.|pkl" are words split
        const re = /[^\s/-]+/g;
        for (let m = re.exec(text); m; m = re.exec(text)) {
          const range = document.createRange();
          range.setStart(node, m.index);
          range.setEnd(node, m.index + m[0].length);
          const tops = new Set(
            Array.from(range.getClientRects())
              .filter(r => r.width > 0)
              .map(r => Math.round(r.top))
          );
          if (tops.size > 1) {
            words.push(m[0]);
          }
        }
      }
      return words;
    });
    await page.screenshot({
      path: 'test-results/screenshots/rundiff-1290.png'
    });
    expect(split).toEqual([]);
  });
});

test.describe('Diff header', () => {
  test.use({ autoGoto: false });

  test('its relative time stays current', async ({ page, tmpPath }) => {
    await page.clock.install();
    await page.goto();
    const nbPath = `${tmpPath}/time.ipynb`;
    const base = await createRun(page, nbPath, 'one', { lr: 1 }, { acc: 1 });
    const remote = await createRun(page, nbPath, 'two', { lr: 2 }, { acc: 2 });
    const diff = await openDiff(page, base, remote);
    const detail = diff.locator('.jp-snapshots-diff-side-detail').first();
    await expect(detail).toContainText('just now');
    await page.clock.fastForward('16:00');
    await expect(detail).toContainText('16 min ago');
    await expect(detail).not.toContainText('just now');
  });
});
