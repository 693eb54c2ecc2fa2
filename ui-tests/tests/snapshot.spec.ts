import { expect, test } from '@jupyterlab/galata';

import {
  dismissToasts,
  expectSaved,
  fillDialogAndSubmit,
  openSnapshotsPanel,
  setTheme,
  storedNotebook,
  TOOLBAR_BUTTON,
  typeInCommandPalette
} from './snapshotHelpers';
import { leakedPieces, SECRET_CASES, secretNotebook } from './secretsCorpus';

test.describe('Snapshot run', () => {
  test('toolbar button: type a message, press Enter, see it saved and listed', async ({
    page
  }) => {
    await page.notebook.createNew('toolbar.ipynb');
    await page.notebook.setCell(0, 'code', 'print("hello from the run")');
    await page.notebook.runCell(0);
    await openSnapshotsPanel(page);

    await page.locator(TOOLBAR_BUTTON).first().click();
    const dialog = page.locator('.jp-Dialog');
    await expect(dialog).toBeVisible();
    await page.screenshot({
      path: 'test-results/screenshots/snapshot-dialog.png'
    });
    await fillDialogAndSubmit(page, 'first baseline run', 'baseline, lr-sweep');
    await expectSaved(page);
    await page.screenshot({
      path: 'test-results/screenshots/snapshot-notification.png'
    });

    const panel = await openSnapshotsPanel(page);
    const item = panel.locator('.jp-snapshots-item', {
      hasText: 'first baseline run'
    });
    await expect(item).toBeVisible();
    await expect(item).toContainText('baseline');
    await expect(item).toContainText('lr-sweep');
    await expect(panel.locator('.jp-snapshots-day-label').first()).toHaveText(
      'Today'
    );

    // "View" in the notification selects the new snapshot in the panel.
    await page
      .locator('.Toastify__toast', { hasText: 'Snapshot saved' })
      .first()
      .getByRole('button', { name: 'View' })
      .click()
      .catch(() => undefined);
    await page.screenshot({
      path: 'test-results/screenshots/snapshot-panel-light.png'
    });
    await dismissToasts(page);
    await setTheme(page, 'dark');
    await page.screenshot({
      path: 'test-results/screenshots/snapshot-panel-dark.png'
    });
    await setTheme(page, 'light');
  });

  test('palette and keyboard shortcut both open the dialog; unsaved edits are captured', async ({
    page
  }) => {
    await page.notebook.createNew('keys.ipynb');
    await page.notebook.setCell(0, 'code', 'value = 1  # unsaved edit');
    await openSnapshotsPanel(page);

    // Command palette
    await typeInCommandPalette(page, 'Snapshot run');
    await page.keyboard.press('Enter');
    await fillDialogAndSubmit(page, 'from the palette', 'palette-tag');
    await expectSaved(page);

    // Keyboard shortcut (Accel Alt S) from the notebook
    await page.notebook.selectCells(0);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Alt+s');
    // the tag used a moment ago is offered again
    const recent = page.locator('.jp-Dialog .jp-snapshots-dialog-recent');
    await expect(recent).toContainText('palette-tag');
    await recent.getByRole('button', { name: 'palette-tag' }).click();
    await expect(
      page.locator('.jp-Dialog .jp-snapshots-dialog-tags')
    ).toHaveValue('palette-tag');
    await fillDialogAndSubmit(page, 'from the shortcut');
    await expectSaved(page);

    const panel = await openSnapshotsPanel(page);
    await expect(
      panel.locator('.jp-snapshots-item', { hasText: 'from the palette' })
    ).toBeVisible();
    await expect(
      panel.locator('.jp-snapshots-item', { hasText: 'from the shortcut' })
    ).toBeVisible();

    // The snapshot holds what was on screen, not what was on disk.
    const nb = await storedNotebook(page, 'from the shortcut');
    const source = [nb.cells[0].source].flat().join('');
    expect(source).toContain('unsaved edit');
    await page.screenshot({
      path: 'test-results/screenshots/snapshot-shortcut.png'
    });
  });

  for (const fake of SECRET_CASES) {
    test(`warns about ${fake.label}, names the cell, and redacts it`, async ({
      page,
      tmpPath
    }) => {
      const name = `secrets-${fake.id}.ipynb`;
      if (fake.typed) {
        // typed, unsaved: the dialog scans what is on screen
        await page.notebook.createNew(name);
        await page.notebook.setCell(0, 'code', 'x = 1');
        await page.notebook.addCell('code', fake.typed);
      } else {
        const path = `${tmpPath}/${name}`;
        await page.contents.uploadContent(
          JSON.stringify(secretNotebook(fake)),
          'text',
          path
        );
        await page.notebook.openByPath(path);
        await page.notebook.activate(name);
      }
      await page.locator(TOOLBAR_BUTTON).first().click();
      const dialog = page.locator('.jp-Dialog');
      const warning = dialog.locator('.jp-snapshots-dialog-secrets');
      await expect(warning).toBeVisible();
      await expect(warning).toContainText(fake.expected);
      expect(leakedPieces(fake.secret, await warning.innerText())).toEqual([]);
      const redact = warning.locator('.jp-snapshots-dialog-redact');
      await expect(redact).toBeChecked();
      if (fake.id === 'aws') {
        await page.screenshot({
          path: 'test-results/screenshots/snapshot-secrets.png'
        });
        await setTheme(page, 'dark');
        await page.screenshot({
          path: 'test-results/screenshots/snapshot-secrets-dark.png'
        });
        await setTheme(page, 'light');
      }
      await dialog.locator('input[type="text"]').first().focus();
      await fillDialogAndSubmit(page, `with redaction ${fake.id}`);
      await expectSaved(page);
      const nb = await storedNotebook(page, `with redaction ${fake.id}`);
      expect(nb.cells).toHaveLength(2);
      const stored = JSON.stringify(nb);
      expect(stored).toContain(`[REDACTED:${fake.kind}]`);
      expect(leakedPieces(fake.secret, stored)).toEqual([]);
    });
  }
});
