import { contextMenuElement, watchContextMenu } from '../common/contextMenu';

function rightClick(target: Element): void {
  target.dispatchEvent(
    new MouseEvent('contextmenu', { bubbles: true, cancelable: true })
  );
}

describe('contextMenuElement', () => {
  beforeAll(() => watchContextMenu());
  afterEach(() => document.body.replaceChildren());

  function row(id: string): { row: HTMLElement; cell: HTMLElement } {
    const node = document.createElement('div');
    node.className = 'jp-snapshots-runs-row';
    node.dataset.snapshotId = id;
    const cell = document.createElement('div');
    cell.className = 'jp-snapshots-runs-cell';
    cell.textContent = 'first run';
    node.appendChild(cell);
    return { row: node, cell };
  }

  it('finds the row a cell belongs to', () => {
    const { row: node, cell } = row('01A');
    document.body.appendChild(node);
    rightClick(cell);
    expect(contextMenuElement('.jp-snapshots-runs-row')).toBe(node);
    expect(contextMenuElement('.jp-snapshots-item')).toBeNull();
  });

  it('still names the row after a re-render replaced it', () => {
    const body = document.createElement('div');
    document.body.appendChild(body);
    const { row: node, cell } = row('01B');
    body.appendChild(node);
    rightClick(cell);
    // new data arrives while the menu is open: every row is rebuilt
    body.replaceChildren(row('01B').row);
    expect(node.isConnected).toBe(false);
    expect(
      contextMenuElement('.jp-snapshots-runs-row')?.dataset.snapshotId
    ).toBe('01B');
  });

  it('matches any of several selectors, nearest first', () => {
    const item = document.createElement('li');
    item.className = 'jp-snapshots-item';
    item.dataset.snapshotId = '01C';
    const inner = row('01D');
    item.appendChild(inner.row);
    document.body.appendChild(item);
    rightClick(inner.cell);
    expect(
      contextMenuElement('.jp-snapshots-item', '.jp-snapshots-runs-row')
    ).toBe(inner.row);
  });

  it('forgets the row when the next right-click is elsewhere', () => {
    const { row: node, cell } = row('01E');
    document.body.appendChild(node);
    rightClick(cell);
    const other = document.createElement('p');
    document.body.appendChild(other);
    rightClick(other);
    expect(contextMenuElement('.jp-snapshots-runs-row')).toBeNull();
  });
});
