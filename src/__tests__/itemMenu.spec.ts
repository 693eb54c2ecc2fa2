import {
  ITEM_MENU,
  ITEM_SELECTOR,
  itemIdOf,
  openItemMenu
} from '../history/itemMenu';

describe('history item menu', () => {
  it('leaves ranks 30–39 to other plugins and keeps Delete last', () => {
    const ranks = ITEM_MENU.map(entry => entry.rank);
    expect(ranks.filter(rank => rank >= 30 && rank < 40)).toEqual([]);
    expect(ITEM_MENU[ITEM_MENU.length - 1].command).toBe(
      'jupyter-ext:delete-snapshot'
    );
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
  });

  it('opens as a right-click on the item would, at the given point', () => {
    const item = document.createElement('li');
    item.className = 'jp-snapshots-item';
    item.dataset.snapshotId = '01ABC';
    const tag = document.createElement('span');
    item.appendChild(tag);
    document.body.appendChild(item);
    const seen: MouseEvent[] = [];
    const listener = (event: Event) => seen.push(event as MouseEvent);
    document.addEventListener('contextmenu', listener);

    openItemMenu(item, 40, 60);

    document.removeEventListener('contextmenu', listener);
    expect(seen).toHaveLength(1);
    expect(seen[0].target).toBe(item);
    expect([seen[0].clientX, seen[0].clientY]).toEqual([40, 60]);
    expect(item.matches(ITEM_SELECTOR)).toBe(true);
    // commands find the snapshot from any node inside the item
    expect(itemIdOf(tag)).toBe('01ABC');
    expect(itemIdOf(document.body)).toBeNull();
    item.remove();
  });
});
