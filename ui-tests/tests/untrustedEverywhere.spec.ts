/**
 * A teammate's snapshot is untrusted in every view: its outputs never run
 * (read-only view, diff view, Team runs compare view and what it opens), and
 * HTML in its metadata (author, message, tags, parameters, metrics, notebook
 * path) or in server error texts always shows as text.
 *
 * Bob (a second JupyterLab server on the same team store, TEAMMATE_URL) takes
 * the hostile snapshots through his REST API; a CI job with a hostile author
 * name takes one with the CLI.
 */
import { execFile } from 'child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { promisify } from 'util';

import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import type { Locator, Page } from '@playwright/test';

import {
  dismissToasts,
  fillDialogAndSubmit,
  openSnapshotsPanel,
  TOOLBAR_BUTTON
} from './snapshotHelpers';
import { openTeamRuns } from './teamRunsHelpers';
import {
  clickHostileControls,
  expectInert,
  hostileNotebook,
  plainNotebook,
  watchSideEffects
} from './untrustedHelpers';

const TEAMMATE = process.env.TEAMMATE_URL ?? 'http://localhost:8889';
const SHOTS = 'test-results/screenshots';

/** Markup that must show as these very characters wherever it is displayed. */
const BOLD = '<b>bold</b>';
const IMG = '<img src=x onerror="window.__pwned=1">';
const HTML_TEXT = `${BOLD} ${IMG}`;

test.use({ viewport: { width: 1400, height: 900 } });

/** Bob takes a snapshot through his own server's REST API. */
async function bobTakes(
  page: Page,
  body: {
    path: string;
    content: Record<string, unknown>;
    message: string;
    tags: string[];
  }
): Promise<{ id: string }> {
  const bob = page.context().request;
  const response = await bob.post(`${TEAMMATE}/jupyter-ext/api/snapshots`, {
    data: body
  });
  expect(response.status(), await response.text()).toBe(201);
  const summary = await response.json();
  expect(summary.author.username).toBe('bob');
  return summary;
}

/** A teammate's CI job takes a snapshot with the CLI, under a hostile author name. */
async function ciTakes(
  path: string,
  content: Record<string, unknown>,
  author: string,
  message: string,
  tags: string[]
): Promise<string> {
  const cwd = mkdtempSync(join(tmpdir(), 'jupyter-ext-ci-'));
  mkdirSync(join(cwd, dirname(path)), { recursive: true });
  writeFileSync(join(cwd, path), JSON.stringify(content));
  const args = ['snapshot', 'take', path, '--author', author, '-m', message];
  for (const t of tags) {
    args.push('-t', t);
  }
  const { stdout } = await promisify(execFile)('jupyter', [...args, '--json'], {
    cwd,
    env: { ...process.env },
    timeout: 60_000
  });
  return JSON.parse(stdout).id;
}

/** My notebook at *path* (plain), open, with its history panel. */
async function openMine(page: IJupyterLabPageFixture, path: string) {
  await page.contents.uploadContent(
    JSON.stringify(plainNotebook()),
    'text',
    path
  );
  await page.notebook.openByPath(path);
  await page.notebook.activate(path.split('/').pop()!);
  return openSnapshotsPanel(page);
}

/** *text* is shown literally in *scope*, and no <b> element was made of it. */
async function expectLiteral(scope: Locator, text = BOLD): Promise<void> {
  await expect(scope.getByText(text).first()).toBeVisible();
  await expect(scope.locator('b', { hasText: /^bold$/ })).toHaveCount(0);
  await expect(scope.locator('img[src="x"]')).toHaveCount(0);
}

test.describe('Untrusted teammate content', () => {
  test('a teammate’s hostile outputs never run: read-only, diff and Team runs compare', async ({
    page,
    tmpPath
  }) => {
    const effects = watchSideEffects(page);
    const tag = `u${Date.now().toString(36)}`;
    const path = `${tmpPath}/hostile.ipynb`;
    const first = await bobTakes(page, {
      path,
      content: hostileNotebook({ lr: 0.1 }, { accuracy: 0.8 }),
      message: `bob hostile one ${tag}`,
      tags: [tag]
    });
    await bobTakes(page, {
      path,
      content: hostileNotebook({ lr: 0.2 }, { accuracy: 0.9 }),
      message: `bob hostile two ${tag}`,
      tags: [tag]
    });

    // 1. From the history panel of my own notebook at the same path.
    const panel = await openMine(page, path);
    const item = panel.locator('.jp-snapshots-item', {
      hasText: `bob hostile one ${tag}`
    });
    await expect(item).toBeVisible({ timeout: 60_000 });
    await item.dblclick();
    const ro = page.locator('.jp-snapshots-readonly-widget').last();
    await expect(ro.locator('.jp-snapshots-readonly')).toHaveAttribute(
      'data-loaded',
      'true'
    );
    await expect(ro.locator('.safe-bold')).toHaveText('bold survives');
    await expect(ro.getByRole('heading', { name: 'Notes' })).toBeVisible();
    // Untrusted SVG and JavaScript fall back to their text/plain.
    await expect(ro.getByText('svg output')).toBeVisible();
    await expect(ro.getByText('js output')).toBeVisible();
    await expectInert(ro);
    await clickHostileControls(page, ro);
    await effects.expectNone();

    // 2. Diff with my notebook: nbdime renders Bob's outputs.
    await item.click({ button: 'right' });
    await page
      .locator('.lm-Menu')
      .getByText('Diff with current notebook')
      .click();
    const diffWidget = page.locator('.jp-snapshots-diff-widget').last();
    const diff = diffWidget.locator('.jp-snapshots-diff');
    await expect(diff).toHaveAttribute('data-loaded', 'true');
    await expect(diff.locator('.safe-bold').first()).toHaveText(
      'bold survives'
    );
    await expectInert(diff);
    await expect(
      diff.locator('.jp-Diff-trustOutputButton:visible')
    ).toHaveCount(0);
    await clickHostileControls(page, diff);
    await effects.expectNone();
    await dismissToasts(page);

    // 3. Team runs: compare Bob's two runs, then open and diff from there.
    const view = await openTeamRuns(page);
    await view
      .getByRole('searchbox', { name: 'Filter runs' })
      .fill(`tag:${tag}`);
    const rows = view.locator('.jp-snapshots-runs-row');
    await expect(rows).toHaveCount(2, { timeout: 60_000 });
    await rows.nth(0).click();
    await rows.nth(1).click({ modifiers: ['Control'] });
    await page.locator('[data-jp-item-name="compare"]').click();
    const compare = page.locator('.jp-snapshots-runsCompare').last();
    const cards = compare.locator('.jp-snapshots-runsCompare-card');
    await expect(cards).toHaveCount(2);
    await expect(
      compare
        .locator(
          '.jp-snapshots-runsCompare-chart svg, .jp-snapshots-runsCompare-chart canvas'
        )
        .first()
    ).toBeVisible();
    await expectInert(compare);
    await effects.expectNone();

    await compare
      .locator('.jp-snapshots-runsCompare-card', { hasText: first.id })
      .getByRole('button', { name: 'Open' })
      .click();
    const opened = page
      .locator('.jp-snapshots-readonly, .jp-snapshots-runsNotebook')
      .last();
    await expect(opened).toContainText('bold survives');
    await expectInert(opened);
    await clickHostileControls(page, opened);

    await page
      .locator('#jp-main-dock-panel .lm-TabBar-tab', { hasText: /^Compare/ })
      .click();
    await cards.nth(1).getByRole('button', { name: 'Diff with #1' }).click();
    const runDiff = page
      .locator('.jp-snapshots-diff-widget .jp-snapshots-diff')
      .last();
    await expect(runDiff).toHaveAttribute('data-loaded', 'true');
    await expectInert(runDiff);
    await effects.expectNone();
  });
  test('HTML in a teammate’s author, message, tags, parameters, metrics and path shows as text', async ({
    page,
    tmpPath
  }) => {
    const effects = watchSideEffects(page);
    const tag = `m${Date.now().toString(36)}`;
    // The path has a folder "<b>bold<" and a file "b> run.ipynb": shown whole, it reads <b>bold</b>.
    const path = `${tmpPath}/${BOLD} run.ipynb`;
    await bobTakes(page, {
      path,
      content: hostileNotebook({ lr: BOLD }, { [BOLD]: 0.5, accuracy: 0.8 }),
      message: `bob ${tag} ${HTML_TEXT}`,
      tags: [tag, BOLD]
    });
    await ciTakes(
      path,
      hostileNotebook({ lr: 0.3 }, { [BOLD]: 0.6, accuracy: 0.7 }),
      HTML_TEXT,
      `ci ${tag} ${BOLD}`,
      [tag]
    );

    // History panel of my notebook at that path: both runs, all as text.
    const panel = await openMine(page, path);
    const items = panel.locator('.jp-snapshots-item');
    await expect(
      items.filter({ hasText: `bob ${tag} ${HTML_TEXT}` })
    ).toBeVisible({ timeout: 60_000 });
    const ci = items.filter({ hasText: `ci ${tag} ${BOLD}` });
    await expect(ci).toBeVisible({ timeout: 60_000 });
    await expect(ci.getByText(HTML_TEXT)).toBeVisible();
    await expectLiteral(panel);
    await expect(
      panel.locator('.jp-snapshots-tag', { hasText: BOLD })
    ).toHaveText(BOLD);
    await expectInert(panel);

    // Read-only header: author, message, path.
    await ci.dblclick();
    const header = page
      .locator('.jp-snapshots-readonly-widget')
      .last()
      .locator('.jp-snapshots-readonly-header');
    await expect(header).toContainText(`by ${HTML_TEXT}`);
    await expect(header).toContainText(path);
    await expectLiteral(header);
    await expectInert(header);

    // Team runs table: message, author, tags, the parameter value, the metric column.
    const view = await openTeamRuns(page);
    const filter = view.getByRole('searchbox', { name: 'Filter runs' });
    await filter.fill(`tag:${tag}`);
    const rows = view.locator('.jp-snapshots-runs-row');
    await expect(rows).toHaveCount(2, { timeout: 60_000 });
    await expect(rows.filter({ hasText: `ci ${tag}` })).toContainText(
      HTML_TEXT
    );
    await expect(
      view.locator('[role="columnheader"]', { hasText: BOLD }).first()
    ).toBeVisible();
    await expectLiteral(view);
    await expectInert(view);

    // The columns menu lists the metric named <b>bold</b> as text.
    await page.locator('[data-jp-item-name="columns"]').click();
    await page.locator('.lm-Menu-item', { hasText: 'Metrics' }).hover();
    const metricItem = page.locator('.lm-Menu .lm-Menu-itemLabel', {
      hasText: BOLD
    });
    await expect(metricItem).toHaveText(BOLD);
    await expect(page.locator('.lm-Menu b')).toHaveCount(0);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');

    // A bad query quoting HTML: the server's message under the box, as text.
    await filter.fill(`tag:${tag} ${BOLD}>=${IMG}`);
    const help = view.locator('.jp-snapshots-runs-query-help');
    await expect(help).toHaveClass(/jp-mod-error/);
    await expect(help.locator('b, img')).toHaveCount(0);
    await expectInert(help);
    await filter.fill(`tag:${tag}`);
    await expect(rows).toHaveCount(2);

    // Compare: cards, tables, chart pickers.
    await rows.nth(0).click();
    await rows.nth(1).click({ modifiers: ['Control'] });
    await page.locator('[data-jp-item-name="compare"]').click();
    const compare = page.locator('.jp-snapshots-runsCompare').last();
    const cards = compare.locator('.jp-snapshots-runsCompare-card');
    await expect(cards).toHaveCount(2);
    await expect(cards.filter({ hasText: `ci ${tag}` })).toContainText(
      HTML_TEXT
    );
    await expect(
      cards.first().locator('.jp-snapshots-runsCompare-path')
    ).toHaveText(path);
    const lr = compare
      .locator('section[aria-label="Parameters"] tbody tr')
      .filter({ has: page.locator('th', { hasText: /^lr$/ }) });
    await expect(lr.locator('td', { hasText: BOLD })).toHaveText(BOLD);
    await expect(
      compare.locator('section[aria-label="Metrics"] th[scope="row"]', {
        hasText: BOLD
      })
    ).toHaveText(BOLD);
    const metricSelect = compare.getByLabel('Chart metric');
    await metricSelect.selectOption({ label: BOLD });
    await expect(metricSelect.locator('option', { hasText: BOLD })).toHaveText(
      BOLD
    );
    await expect(
      compare
        .locator(
          '.jp-snapshots-runsCompare-chart svg, .jp-snapshots-runsCompare-chart canvas'
        )
        .first()
    ).toBeVisible();
    await expectLiteral(compare);
    await expectInert(compare);
    await compare.getByLabel('Chart kind').selectOption('line');
    await expect(
      compare.getByLabel('Chart notebook').locator('option', { hasText: BOLD })
    ).toHaveText(path);
    await compare.getByLabel('Chart kind').selectOption('bar');
    await compare
      .locator('.jp-snapshots-runsCompare-runs')
      .scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/untrusted-compare-as-text.png` });

    // Diff #2 with #1: the banner (author, message) and the run diff (lr, metrics).
    await cards.nth(1).getByRole('button', { name: 'Diff with #1' }).click();
    const diff = page
      .locator('.jp-snapshots-diff-widget .jp-snapshots-diff')
      .last();
    await expect(diff).toHaveAttribute('data-loaded', 'true');
    const banner = diff.locator('.jp-snapshots-diff-banner');
    await expect(banner).toContainText(HTML_TEXT);
    await expectLiteral(banner);
    const runDiff = diff.locator('.jp-snapshots-diff-run');
    await expect(runDiff.getByText(BOLD).first()).toBeVisible();
    await expectLiteral(runDiff);
    await expectInert(diff);
    await page.screenshot({ path: `${SHOTS}/untrusted-diff-as-text.png` });
    await effects.expectNone();
  });

  test('notifications echo HTML from my message, server warnings and server errors as text', async ({
    page,
    tmpPath
  }) => {
    const effects = watchSideEffects(page);
    const tag = `n${Date.now().toString(36)}`;

    // My snapshot: its message is echoed in the toast, and the server's
    // warning about a non-numeric metric named <b>bold</b> too.
    const mine = plainNotebook() as { cells: Record<string, unknown>[] };
    mine.cells[0].outputs = [
      {
        output_type: 'display_data',
        metadata: {},
        data: {
          'application/vnd.jupyter-ext.metrics+json': {
            metrics: { [BOLD]: 'not a number' }
          },
          'text/plain': 'metrics'
        }
      }
    ];
    const path = `${tmpPath}/notify.ipynb`;
    await page.contents.uploadContent(JSON.stringify(mine), 'text', path);
    await page.notebook.openByPath(path);
    await page.notebook.activate('notify.ipynb');
    await page.locator(TOOLBAR_BUTTON).first().click();
    await fillDialogAndSubmit(page, `mine ${HTML_TEXT}`, tag);
    const saved = page
      .locator('.Toastify__toast', { hasText: 'Snapshot saved' })
      .first();
    await expect(saved).toContainText(`mine ${HTML_TEXT}`);
    await expect(saved).toContainText(`metric '${BOLD}'`);
    await expectLiteral(saved);
    await expectInert(saved);
    await dismissToasts(page);

    // Bob's run of a notebook whose path holds HTML; I restore it as a copy, twice.
    const bobs = await bobTakes(page, {
      path: `${tmpPath}/${BOLD}.ipynb`,
      content: hostileNotebook({ lr: 0.1 }, { accuracy: 0.8 }),
      message: `bob ${tag}`,
      tags: [tag]
    });
    const view = await openTeamRuns(page);
    await view
      .getByRole('searchbox', { name: 'Filter runs' })
      .fill(`tag:${tag} author:bob`);
    const row = view.locator('.jp-snapshots-runs-row', {
      hasText: `bob ${tag}`
    });
    await expect(row).toHaveCount(1, { timeout: 60_000 });
    await row.click();
    await page.locator('[data-jp-item-name="compare"]').click();
    const card = page
      .locator('.jp-snapshots-runsCompare-card', { hasText: bobs.id })
      .last();
    const restore = async () => {
      await card.getByRole('button', { name: 'Restore as a copy' }).click();
      const dialog = page.locator('.jp-Dialog');
      await expect(dialog).toContainText('Restore as a copy');
      const target = await dialog.locator('input').inputValue();
      expect(target).toContain(BOLD);
      await dialog.getByRole('button', { name: 'Restore' }).click();
      await expect(dialog).toHaveCount(0);
      return target;
    };
    const target = await restore();
    const restored = page
      .locator('.Toastify__toast', { hasText: 'Restored to' })
      .first();
    await expect(restored).toContainText(`Restored to ${target}`);
    await expectLiteral(restored);
    await expectInert(restored);

    // Same target again: the server refuses, and its error names the path.
    await restore();
    // JupyterLab may keep it out of the toasts (one is still up): the
    // notification center lists every notification, this one included.
    await page.locator('.jp-Notification-Status').click();
    const center = page.locator('.jp-Notification-Center');
    await expect(center).toBeVisible();
    const failed = center
      .getByText(`Restore failed: ${target} already exists`)
      .first();
    await expect(failed).toBeVisible();
    await expectLiteral(center, `Restore failed: ${target}`);
    await expectLiteral(center, `Snapshot saved: “mine ${HTML_TEXT}”`);
    await expectInert(center);
    await page.screenshot({
      path: `${SHOTS}/untrusted-error-toast-as-text.png`
    });
    await effects.expectNone();
  });
});
