/**
 * Shared steps of the snapshot/history/diff UI tests: what a person does.
 */
import { expect, IJupyterLabPageFixture } from '@jupyterlab/galata';
import type { Page } from '@playwright/test';

export const TOOLBAR_BUTTON =
  '.jp-NotebookPanel-toolbar [data-jp-item-name="snapshot-run"] button, .jp-NotebookPanel-toolbar [data-jp-item-name="snapshot-run"] jp-button';

/**
 * Open the command palette with its shortcut and type `text` into it. A loaded machine can
 * swallow the shortcut while a notebook takes focus; a person would press it again.
 */
export async function typeInCommandPalette(
  page: Page,
  text: string,
  timeout = 60_000
): Promise<void> {
  const input = page.locator('#modal-command-palette input');
  await expect(async () => {
    if (!(await input.isVisible())) {
      await page.keyboard.press('Control+Shift+C');
    }
    await expect(input).toBeVisible({ timeout: 3000 });
  }).toPass({ timeout });
  await input.fill(text);
}

/** Type a message in the Snapshot run dialog and press Enter. */
export async function fillDialogAndSubmit(
  page: IJupyterLabPageFixture,
  message: string,
  tags?: string
): Promise<void> {
  const dialog = page.locator('.jp-Dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('.jp-Dialog-header')).toContainText(
    'Snapshot run'
  );
  const first = dialog.locator('input[type="text"]').first();
  await expect(first).toBeFocused();
  await page.keyboard.type(message);
  if (tags !== undefined) {
    await dialog.locator('.jp-snapshots-dialog-tags').fill(tags);
    await first.focus();
  }
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
}

/** Wait for the "Snapshot saved" toast. */
export async function expectSaved(page: IJupyterLabPageFixture): Promise<void> {
  await expect(
    page
      .locator('.jp-Notification-Toast-success, .Toastify__toast', {
        hasText: 'Snapshot saved'
      })
      .first()
  ).toBeVisible();
}

export async function openSnapshotsPanel(page: IJupyterLabPageFixture) {
  const panel = page.locator('#jupyter-ext-history');
  if (!(await panel.isVisible())) {
    await page.getByRole('tab', { name: 'Snapshots' }).click();
  }
  await expect(panel).toBeVisible();
  return panel;
}

/** The notebook stored by the snapshot whose history item shows `text`. */
export async function storedNotebook(
  page: IJupyterLabPageFixture,
  text: string
): Promise<{ cells: { source: string | string[] }[] }> {
  const panel = await openSnapshotsPanel(page);
  const id = await panel
    .locator('.jp-snapshots-item', { hasText: text })
    .getAttribute('data-snapshot-id');
  return page.evaluate(async snapshotId => {
    const response = await fetch(
      `/jupyter-ext/api/snapshots/${snapshotId}/notebook`
    );
    return response.json();
  }, id);
}

/** Snapshot the current notebook with the toolbar button. */
export async function snapshotWithToolbar(
  page: IJupyterLabPageFixture,
  message: string,
  tags?: string
): Promise<void> {
  await page.locator(TOOLBAR_BUTTON).first().click();
  await fillDialogAndSubmit(page, message, tags);
  await expectSaved(page);
}

export async function dismissToasts(page: IJupyterLabPageFixture) {
  // A toast can arrive while others are being closed (a late sync or take
  // answer): close whatever is there until none is left.
  const close = page.getByRole('button', { name: 'Hide notification' });
  await expect(async () => {
    for (const button of await close.all()) {
      await button.click({ timeout: 2000 }).catch(() => undefined);
    }
    await expect(page.locator('.Toastify__toast')).toHaveCount(0, {
      timeout: 3000
    });
  }).toPass({ timeout: 30000 });
}

export async function setTheme(
  page: IJupyterLabPageFixture,
  theme: 'light' | 'dark'
): Promise<void> {
  await page.theme.setTheme(
    theme === 'dark' ? 'JupyterLab Dark' : 'JupyterLab Light'
  );
}
