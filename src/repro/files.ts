/**
 * "Copy environment" and "Download…": a run's environment file to the
 * clipboard, and the files it wrote (kept in the store) to the browser's
 * downloads.
 */
import { Clipboard, InputDialog, Notification } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';

import type { EnvironmentFormat, IArtifact, SnapshotClient } from '../api';
import { formatSize, shortId } from '../common';
import { errorText } from '../common/messages';

/** The client methods these actions need. */
export type IFilesApi = Pick<
  SnapshotClient,
  'environmentFile' | 'artifacts' | 'artifact'
>;

/** The last segment of a path: the name a download is saved under. */
export function fileName(path: string): string {
  const name = path.split(/[\\/]/).filter(Boolean).pop();
  return name || 'artifact';
}

/** How a kept file is listed in the picker: its path and size. */
export function artifactLabel(artifact: IArtifact): string {
  return artifact.size === null || artifact.size === undefined
    ? artifact.path
    : `${artifact.path} (${formatSize(artifact.size)})`;
}

/** Hand bytes to the browser as a download named *name*. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // the download has started; the URL can go once the click is handled
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Copy the run's environment file; a toast says what was copied. */
export async function copyEnvironment(
  api: IFilesApi,
  id: string,
  format: EnvironmentFormat,
  trans: TranslationBundle
): Promise<boolean> {
  try {
    const text = await api.environmentFile(id, format);
    Clipboard.copyToSystem(text);
    const lines = text.split('\n').filter(l => l.trim() && !l.startsWith('#'));
    Notification.success(
      format === 'conda'
        ? trans.__('Copied the conda environment of run %1', shortId(id))
        : trans._n(
            'Copied %1 pinned requirement of run %2',
            'Copied %1 pinned requirements of run %2',
            lines.length,
            shortId(id)
          ),
      { autoClose: 4000 }
    );
    return true;
  } catch (error) {
    Notification.error(
      trans.__('Could not copy the environment: %1', errorText(error)),
      { autoClose: 8000 }
    );
    return false;
  }
}

/** Download one kept file of a run. */
export async function downloadArtifact(
  api: IFilesApi,
  id: string,
  path: string,
  trans: TranslationBundle
): Promise<void> {
  try {
    saveBlob(await api.artifact(id, path), fileName(path));
  } catch (error) {
    Notification.error(
      trans.__('Could not download %1: %2', path, errorText(error)),
      { autoClose: 8000 }
    );
  }
}

/** List the files the run kept, let the person pick one, download it. */
export async function pickAndDownload(
  api: IFilesApi,
  id: string,
  trans: TranslationBundle
): Promise<void> {
  let items: IArtifact[];
  try {
    items = await api.artifacts(id);
  } catch (error) {
    Notification.error(
      trans.__(
        'Could not list the files of run %1: %2',
        shortId(id),
        errorText(error)
      ),
      { autoClose: 8000 }
    );
    return;
  }
  if (items.length === 0) {
    Notification.info(
      trans.__(
        'Run %1 kept no files: files a run writes are kept when they are small enough, or when the snapshot opts in.',
        shortId(id)
      ),
      { autoClose: 6000 }
    );
    return;
  }
  const labels = items.map(artifactLabel);
  const choice = await InputDialog.getItem({
    title: trans.__('Download a file run %1 wrote', shortId(id)),
    label: trans.__('File'),
    items: labels,
    okLabel: trans.__('Download'),
    cancelLabel: trans.__('Cancel')
  });
  const picked = choice.button.accept
    ? items[labels.indexOf(choice.value ?? '')]
    : null;
  if (picked) {
    await downloadArtifact(api, id, picked.path, trans);
  }
}
