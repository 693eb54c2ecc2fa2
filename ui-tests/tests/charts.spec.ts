/**
 * Step curves in the run details / compare view, and the sweep view of one
 * notebook, against the real server: runs are posted through the REST API
 * (as a teammate's JupyterLab would), then a person opens them from Team runs.
 */
import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import type { Locator } from '@playwright/test';

import { assignments, metricsOutput, pythonNotebook } from './notebookJson';
import { setTheme, typeInCommandPalette } from './snapshotHelpers';
import { openTeamRuns } from './teamRunsHelpers';

const SHOTS = 'test-results/screenshots';
const API = '/jupyter-ext/api';

test.use({ viewport: { width: 1400, height: 900 } });

/** A training notebook that logs each of *epochs* (one `log_metric` output per call). */
function trainingNotebook(
  params: Record<string, number | string>,
  epochs: Record<string, number>[]
) {
  return pythonNotebook([
    {
      id: 'params',
      cell_type: 'code',
      metadata: { tags: ['parameters'] },
      source: assignments(params),
      outputs: [],
      execution_count: 1
    },
    {
      id: 'train',
      cell_type: 'code',
      metadata: {},
      source: 'for epoch in range(epochs):\n    log_metric(**train_one(lr))',
      execution_count: 2,
      outputs: epochs.map(m => metricsOutput(m))
    }
  ]);
}

async function postRun(
  page: IJupyterLabPageFixture,
  path: string,
  message: string,
  tags: string[],
  content: Record<string, unknown>
): Promise<string> {
  const response = await page.request.post(`${API}/snapshots`, {
    data: { path, content, message, tags }
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()).id;
}

/** In Team runs: filter by *tag*, select its *count* runs, open their details / comparison. */
async function compareTagged(
  page: IJupyterLabPageFixture,
  tag: string,
  count: number
): Promise<Locator> {
  const view = await openTeamRuns(page);
  await view.getByRole('searchbox', { name: 'Filter runs' }).fill(`tag:${tag}`);
  const rows = view.locator('.jp-snapshots-runs-row');
  await expect(rows).toHaveCount(count);
  await rows.first().click();
  if (count > 1) {
    await rows.nth(count - 1).click({ modifiers: ['Shift'] });
  }
  await page.locator('[data-jp-item-name="compare"]').click();
  return page.locator('.jp-snapshots-runsCompare').last();
}

/** The `d` of the chart's first line (changes when smoothing or the scale changes). */
async function lineShape(chart: Locator): Promise<string> {
  const line = chart.locator('.mark-line.role-mark path').first();
  await expect(line).toBeAttached();
  return (await line.getAttribute('d')) ?? '';
}

test.describe('Step curves and the sweep view (real server)', () => {
  test('a 3-epoch run draws 3 points; a metric logged once is a point; smoothing and log scale redraw', async ({
    page,
    tmpPath
  }) => {
    const tag = `s${Date.now().toString(36)}`;
    await postRun(
      page,
      `${tmpPath}/train.ipynb`,
      `three epochs ${tag}`,
      [tag],
      trainingNotebook({ lr: 0.1, epochs: 3 }, [
        { loss: 0.9 },
        { loss: 0.4 },
        { loss: 0.3, accuracy: 0.88 }
      ])
    );
    const details = await compareTagged(page, tag, 1);
    const section = details.locator('section[aria-label="Chart"]');
    await expect(section.getByLabel('Chart kind')).toHaveValue('steps');
    const chart = section.locator('.jp-snapshots-runsCompare-chart');
    const points = chart.locator('.mark-symbol.role-mark path');

    await section.getByLabel('Chart metric').selectOption('loss');
    await expect(points).toHaveCount(3);
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/charts-steps-light.png` });

    // Smoothing redraws the line through other values; the points stay 3.
    const raw = await lineShape(chart);
    await section.getByRole('slider', { name: 'Smoothing' }).fill('0.8');
    await expect.poll(() => lineShape(chart)).not.toBe(raw);
    await expect(points).toHaveCount(3);
    await page.screenshot({ path: `${SHOTS}/charts-steps-smoothed-light.png` });
    await section.getByRole('slider', { name: 'Smoothing' }).fill('0');
    await expect.poll(() => lineShape(chart)).toBe(raw);

    // A log scale redraws it too (and shows log ticks).
    await section.getByRole('checkbox', { name: 'Log scale' }).check();
    await expect.poll(() => lineShape(chart)).not.toBe(raw);
    await expect(points).toHaveCount(3);

    // accuracy was logged once: one point.
    await section.getByRole('checkbox', { name: 'Log scale' }).uncheck();
    await section.getByLabel('Chart metric').selectOption('accuracy');
    await expect(points).toHaveCount(1);

    await setTheme(page, 'dark');
    await section.getByLabel('Chart metric').selectOption('loss');
    await expect(points).toHaveCount(3);
    await page.waitForTimeout(500); // the theme's colours reach the chart
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/charts-steps-dark.png` });
    await setTheme(page, 'light');

    // Clicking a point opens that run read-only.
    await points.nth(1).click();
    const readonly = page
      .locator('.jp-snapshots-readonly, .jp-snapshots-runsNotebook')
      .last();
    await expect(readonly).toBeVisible();
    await expect(readonly).toContainText('train_one');
  });

  test('compare: one curve per selected run, distinct time labels in the line chart', async ({
    page,
    tmpPath
  }) => {
    const tag = `c${Date.now().toString(36)}`;
    const path = `${tmpPath}/two.ipynb`;
    for (const [lr, losses] of [
      [0.1, [0.8, 0.5, 0.4]],
      [0.2, [0.7, 0.6, 0.2, 0.1]]
    ] as const) {
      await postRun(
        page,
        path,
        `lr ${lr} ${tag}`,
        [tag],
        trainingNotebook(
          { lr, epochs: losses.length },
          losses.map(loss => ({ loss }))
        )
      );
    }
    const compare = await compareTagged(page, tag, 2);
    const section = compare.locator('section[aria-label="Chart"]');
    const chart = section.locator('.jp-snapshots-runsCompare-chart');
    await expect(chart.locator('.mark-symbol.role-mark path')).toHaveCount(7);
    await expect(chart.locator('.mark-line.role-mark path')).toHaveCount(2);

    // The notebook's runs over time: every time label is different.
    await section.getByLabel('Chart kind').selectOption('line');
    const labels = chart.locator('.role-axis-label text');
    await expect(labels.first()).toBeAttached();
    const texts = await labels.allTextContents();
    const times = texts.filter(t => /\d:\d\d/.test(t));
    expect(times.length).toBeGreaterThan(0);
    expect(new Set(times).size).toBe(times.length);
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/charts-time-axis.png` });
  });

  /** Four runs of one notebook, lr 0.1 … 0.4; the sweep view opened from a Team runs row. */
  async function openSweep(page: IJupyterLabPageFixture, tmpPath: string) {
    const tag = `w${Date.now().toString(36)}`;
    const path = `${tmpPath}/sweep.ipynb`;
    for (const [lr, accuracy] of [
      [0.1, 0.8],
      [0.2, 0.86],
      [0.3, 0.91],
      [0.4, 0.89]
    ]) {
      await postRun(
        page,
        path,
        `lr ${lr} ${tag}`,
        [tag],
        trainingNotebook({ lr, epochs: 2 }, [
          { loss: 1 - accuracy + 0.1 },
          { loss: 1 - accuracy, accuracy }
        ])
      );
    }
    const table = await openTeamRuns(page);
    await table
      .getByRole('searchbox', { name: 'Filter runs' })
      .fill(`tag:${tag}`);
    await expect(table.locator('.jp-snapshots-runs-row')).toHaveCount(4);
    await table
      .locator('.jp-snapshots-runs-row')
      .first()
      .click({ button: 'right' });
    await page
      .locator('.lm-Menu-item', { hasText: 'Sweep View of This Notebook' })
      .click();
    const sweep = page.locator('.jp-snapshots-sweep').last();
    await expect(sweep.locator('.jp-snapshots-sweep-line')).toHaveCount(4);
    await sweep.getByLabel('Sweep metric').selectOption('accuracy');
    return { table, sweep, path };
  }

  test('the sweep view: one line per run, brushing an axis or typing a range selects runs', async ({
    page,
    tmpPath
  }) => {
    const { sweep, path } = await openSweep(page, tmpPath);
    const axes = sweep.locator('.jp-snapshots-sweep-axis[data-axis]');
    await expect(axes).toHaveCount(2); // lr (the one parameter that varies), then accuracy
    await expect(sweep.locator('.jp-snapshots-sweep-point')).toHaveCount(4);
    await page.screenshot({ path: `${SHOTS}/charts-sweep-light.png` });

    // Drag along the lr axis over its upper half: the runs with lr 0.3 and 0.4.
    const area = sweep.locator('.jp-snapshots-sweep-brushArea[data-axis="lr"]');
    const box = (await area.boundingBox())!;
    const x = box.x + box.width / 2;
    // The axis runs from 4 px below the area's top (lr 0.4) to 4 px above its bottom (0.1).
    const yAt = (t: number) => box.y + 4 + (1 - t) * (box.height - 8);
    await page.mouse.move(x, yAt(0.55));
    await page.mouse.down();
    await page.mouse.move(x, yAt(0.8), { steps: 4 });
    await page.mouse.move(x, yAt(1) - 2, { steps: 4 });
    await page.mouse.up();
    await expect(
      sweep.locator('.jp-snapshots-sweep-line:not(.jp-mod-dimmed)')
    ).toHaveCount(2);
    await expect(sweep.locator('.jp-snapshots-sweep-count')).toHaveText(
      '2 of 4 runs brushed'
    );
    await expect(sweep.locator('.jp-snapshots-sweep-terms')).toHaveText(
      `notebook:${path} lr>=0.3 lr<=0.4`
    );
    await expect(sweep.getByLabel('lr from')).toHaveValue(/^0\.2\d*$/);
    await page.screenshot({ path: `${SHOTS}/charts-sweep-brushed-light.png` });

    // From the keyboard: a metric range in the fields.
    await sweep.getByRole('button', { name: 'Clear ranges' }).click();
    await expect(
      sweep.locator('.jp-snapshots-sweep-line.jp-mod-dimmed')
    ).toHaveCount(0);
    const from = sweep.getByLabel('accuracy from');
    await from.focus();
    await page.keyboard.type('0.88');
    await page.keyboard.press('Enter');
    await expect(sweep.locator('.jp-snapshots-sweep-terms')).toHaveText(
      `notebook:${path} accuracy>=0.89 accuracy<=0.91`
    );

    // Dark theme.
    await setTheme(page, 'dark');
    await page.waitForTimeout(500);
    await page.screenshot({ path: `${SHOTS}/charts-sweep-dark.png` });
    await setTheme(page, 'light');

    // A scatter point opens its run: from the keyboard (Enter) as with a click.
    await sweep.getByRole('button', { name: 'Clear ranges' }).click();
    await sweep.locator('.jp-snapshots-sweep-point').first().focus();
    await page.keyboard.press('Enter');
    await expect(
      page.locator('.jp-snapshots-readonly, .jp-snapshots-runsNotebook').last()
    ).toBeVisible();
  });

  test('the palette command asks which notebook, then opens its sweep view', async ({
    page,
    tmpPath
  }) => {
    const path = `${tmpPath}/palette.ipynb`;
    for (const lr of [0.1, 0.2, 0.3]) {
      await postRun(
        page,
        path,
        `palette lr ${lr}`,
        [],
        trainingNotebook({ lr, epochs: 1 }, [{ accuracy: 0.8 + lr / 10 }])
      );
    }
    await typeInCommandPalette(page, 'Sweep View');
    await page
      .locator('#modal-command-palette .lm-CommandPalette-item', {
        hasText: 'Sweep View of a Notebook'
      })
      .first()
      .click();
    const dialog = page.locator('.jp-Dialog');
    await expect(dialog).toContainText('Sweep view of a notebook');
    await dialog.locator('select').selectOption(path);
    await page.screenshot({ path: `${SHOTS}/charts-sweep-palette.png` });
    await dialog.locator('.jp-mod-accept').click();
    const sweep = page.locator('.jp-snapshots-sweep').last();
    await expect(sweep.locator('.jp-snapshots-sweep-line')).toHaveCount(3);
    await expect(
      page.locator('.lm-TabBar-tab', { hasText: 'Sweep: palette.ipynb' })
    ).toBeVisible();
  });

  test('brushing the sweep view narrows the Team runs table', async ({
    page,
    tmpPath
  }) => {
    // Needs the Team runs side of ITeamRunsFilter (the runs engineer's token implementation).
    const { table, sweep } = await openSweep(page, tmpPath);
    // Only the sweep's terms: clear the typed query.
    await page.locator('.lm-TabBar-tab', { hasText: 'Team runs' }).click();
    await table.getByRole('searchbox', { name: 'Filter runs' }).fill('');
    await page
      .locator('.lm-TabBar-tab', { hasText: 'Sweep: sweep.ipynb' })
      .click();
    await sweep.getByLabel('lr from').fill('0.25');
    await sweep.getByLabel('lr from').press('Enter');
    await expect(sweep.locator('.jp-snapshots-sweep-terms')).toContainText(
      'lr>=0.3 lr<=0.4'
    );
    await page.locator('.lm-TabBar-tab', { hasText: 'Team runs' }).click();
    await expect(table.locator('.jp-snapshots-runs-row')).toHaveCount(2);
    await expect(
      table.locator('.jp-snapshots-runs-row', { hasText: 'lr 0.1 ' })
    ).toHaveCount(0);
    await page.screenshot({ path: `${SHOTS}/charts-sweep-table-filtered.png` });

    // Clearing the brushes gives the table back.
    await page
      .locator('.lm-TabBar-tab', { hasText: 'Sweep: sweep.ipynb' })
      .click();
    await sweep.getByRole('button', { name: 'Clear ranges' }).click();
    await page.locator('.lm-TabBar-tab', { hasText: 'Team runs' }).click();
    await expect
      .poll(() => table.locator('.jp-snapshots-runs-row').count())
      .toBeGreaterThan(2);
  });
});
