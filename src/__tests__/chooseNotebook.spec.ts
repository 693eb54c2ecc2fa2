import type { INotebookTracker } from '@jupyterlab/notebook';
import { Widget } from '@lumino/widgets';

import { chooseNotebook, notebookChoice } from '../common/chooseNotebook';

/** The part of a notebook tracker chooseNotebook reads. */
function trackerOf(paths: string[]): INotebookTracker {
  const panels = paths.map(path =>
    Object.assign(new Widget(), { context: { path } })
  );
  return {
    forEach: (fn: (panel: unknown) => void) => panels.forEach(fn),
    has: (widget: Widget) => panels.includes(widget as any),
    find: (fn: (panel: unknown) => boolean) => panels.find(fn),
    panels
  } as unknown as INotebookTracker;
}

describe('notebookChoice', () => {
  it('does not ask when the only open notebook is the current widget', () => {
    expect(notebookChoice(['a.ipynb'], 'a.ipynb')).toEqual({
      paths: ['a.ipynb'],
      preselected: 'a.ipynb',
      ask: false
    });
  });

  it('does not ask when one notebook is open and another widget is current', () => {
    const choice = notebookChoice(['a.ipynb'], null);
    expect(choice.ask).toBe(false);
    expect(choice.preselected).toBe('a.ipynb');
  });

  it('asks with the current notebook preselected when two are open', () => {
    const choice = notebookChoice(['a.ipynb', 'dir/b.ipynb'], 'dir/b.ipynb');
    expect(choice.ask).toBe(true);
    expect(choice.preselected).toBe('dir/b.ipynb');
  });

  it('asks with nothing preselected when the current widget is not a notebook', () => {
    const choice = notebookChoice(['a.ipynb', 'b.ipynb'], null);
    expect(choice.ask).toBe(true);
    expect(choice.preselected).toBeNull();
  });

  it('counts a notebook open twice (two views) once', () => {
    const choice = notebookChoice(['a.ipynb', 'a.ipynb'], 'a.ipynb');
    expect(choice.paths).toEqual(['a.ipynb']);
    expect(choice.ask).toBe(false);
  });

  it('has nothing to offer when no notebook is open', () => {
    expect(notebookChoice([], null)).toEqual({
      paths: [],
      preselected: null,
      ask: false
    });
  });
});

describe('chooseNotebook', () => {
  it('answers without a dialog when one notebook is open', async () => {
    const tracker = trackerOf(['only.ipynb']);
    await expect(chooseNotebook(tracker, null)).resolves.toBe('only.ipynb');
    expect(document.querySelector('.jp-Dialog')).toBeNull();
  });

  it('falls back to the run’s own notebook when none is open', async () => {
    await expect(
      chooseNotebook(trackerOf([]), null, { fallback: 'exp/run.ipynb' })
    ).resolves.toBe('exp/run.ipynb');
    await expect(chooseNotebook(null, null)).resolves.toBeNull();
  });
});
