/** Where "Restore as a copy" suggests writing a snapshot: one rule for every view. */
import { shortId } from './ids';

/** "<dir>/<name>-<shortid>.ipynb" next to the original notebook. */
export function defaultRestorePath(notebookPath: string, id: string): string {
  const slash = notebookPath.lastIndexOf('/');
  const dir = slash >= 0 ? notebookPath.slice(0, slash + 1) : '';
  const file = slash >= 0 ? notebookPath.slice(slash + 1) : notebookPath;
  const stem = file.replace(/\.ipynb$/i, '') || 'notebook';
  return `${dir}${stem}-${shortId(id)}.ipynb`;
}
