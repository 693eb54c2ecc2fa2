import { notebookChoice } from '../common/chooseNotebook';

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
