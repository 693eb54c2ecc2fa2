import { ApiError, IListQuery, ISnapshotPage, ISnapshotSummary } from '../api';
import { Widget } from '@lumino/widgets';

import { ITeamRunsApi } from '../api';
import { ROW_HEIGHT, TeamRunsGrid } from '../teamRuns/grid';
import { TeamRunsModel } from '../teamRuns/model';

function runs(n: number): ISnapshotSummary[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `01JDX${String(n - i).padStart(21, '0')}`,
    created: '2026-11-25T10:00:00Z',
    author: { username: 'eve', name: 'Eve <script>', initials: 'E' },
    message: i === 0 ? '<img src=x onerror="window.pwned=1">' : `run ${i}`,
    tags: ['<b>tag</b>'],
    notebook: { path: 'a.ipynb', name: 'a.ipynb', key: 'a' },
    params: { lr: i / 10 },
    metrics: { acc: 0.5 },
    comment_count: i % 3
  }));
}

class Api implements Partial<ITeamRunsApi> {
  constructor(readonly all: ISnapshotSummary[]) {}
  counts: Record<string, number> = {};
  async commentCounts(): Promise<Record<string, number>> {
    return this.counts;
  }
  async list(q: IListQuery): Promise<ISnapshotPage> {
    const start = Number(q.cursor ?? 0);
    const limit = q.limit ?? 50;
    return {
      items: this.all.slice(start, start + limit),
      cursor: start + limit < this.all.length ? String(start + limit) : null
    };
  }
}

describe('TeamRunsGrid', () => {
  let grid: TeamRunsGrid;
  let model: TeamRunsModel;

  beforeEach(async () => {
    model = new TeamRunsModel({
      api: new Api(runs(1000)) as unknown as ITeamRunsApi,
      pageSize: 1000
    });
    await model.reload();
    grid = new TeamRunsGrid(model);
    Widget.attach(grid, document.body);
  });

  afterEach(() => {
    grid.dispose();
  });

  it('puts only the visible rows in the DOM', () => {
    const rendered = grid.node.querySelectorAll(
      '.jp-snapshots-runs-row'
    ).length;
    expect(rendered).toBeGreaterThan(0);
    expect(rendered).toBeLessThan(60);
    const body = grid.node.querySelector(
      '.jp-snapshots-runs-body'
    ) as HTMLElement;
    expect(body.style.height).toBe(`${1000 * ROW_HEIGHT}px`);
  });

  it('renders teammates’ text as text, never HTML', () => {
    expect(grid.node.querySelector('img')).toBeNull();
    expect(grid.node.querySelector('script')).toBeNull();
    expect(grid.node.querySelector('b')).toBeNull();
    const first = grid.node.querySelector(
      '.jp-snapshots-runs-row'
    ) as HTMLElement;
    expect(first.textContent).toContain('<img src=x onerror="window.pwned=1">');
    expect(first.textContent).toContain('<b>tag</b>');
    expect((window as any).pwned).toBeUndefined();
  });

  it('selects with click, Ctrl-click, Shift-click and Space, in place', () => {
    const rows = () =>
      [
        ...grid.node.querySelectorAll('.jp-snapshots-runs-row')
      ] as HTMLElement[];
    const first = rows()[0];
    first.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    rows()[2].dispatchEvent(
      new MouseEvent('click', { bubbles: true, shiftKey: true })
    );
    expect(model.selection.size).toBe(3);
    // the row elements were updated, not replaced (double-click keeps working)
    expect(rows()[0]).toBe(first);
    expect(first.getAttribute('aria-selected')).toBe('true');
    rows()[1].dispatchEvent(
      new MouseEvent('click', { bubbles: true, ctrlKey: true })
    );
    expect(model.selection.size).toBe(2);
    const scroller = grid.node.querySelector(
      '.jp-snapshots-runs-scroller'
    ) as HTMLElement;
    // focus is on row 1 (the last clicked); down twice to row 3, Space adds it
    for (const key of ['ArrowDown', 'ArrowDown', ' ']) {
      scroller.dispatchEvent(
        new KeyboardEvent('keydown', { key, bubbles: true })
      );
    }
    expect(model.selection.has(model.rows[3].id)).toBe(true);
    expect(model.selection.size).toBe(3);
    const opened: string[][] = [];
    grid.compareRequested.connect((_, ids) => opened.push(ids));
    scroller.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Enter', bubbles: true })
    );
    expect(opened.length).toBe(1);
    expect(opened[0].length).toBe(3);
  });

  it('shows a new comment count from the live poll in place', async () => {
    const api = model.api as unknown as Api;
    const first = grid.node.querySelector(
      '.jp-snapshots-runs-row'
    ) as HTMLElement;
    const commentsCell = () =>
      first.querySelector('[data-column-id="comments"]') as HTMLElement;
    const otherCell = first.querySelector('[data-column-id="message"]');
    expect(commentsCell().textContent).toBe('');
    api.counts = Object.fromEntries(
      api.all.filter(r => r.comment_count).map(r => [r.id, r.comment_count!])
    );
    api.counts[first.dataset.snapshotId!] = 4;
    expect(await model.checkComments()).toBe(1);
    expect(commentsCell().textContent).toBe('4');
    // the row and its other cells stay the same elements
    expect(grid.node.querySelector('.jp-snapshots-runs-row')).toBe(first);
    expect(first.querySelector('[data-column-id="message"]')).toBe(otherCell);
  });

  it('shows the server message for a bad query under the filter box', async () => {
    (model.api as any).list = () =>
      Promise.reject(
        new ApiError(
          "unknown operator '=>' at position 2 — did you mean '>='?",
          400
        )
      );
    await model.setQuery('lr=>1');
    const help = grid.node.querySelector(
      '.jp-snapshots-runs-query-help'
    ) as HTMLElement;
    expect(help.textContent).toBe(
      "unknown operator '=>' at position 2 — did you mean '>='?"
    );
    expect(help.getAttribute('role')).toBe('alert');
    expect(
      grid.node.querySelectorAll('.jp-snapshots-runs-row').length
    ).toBeGreaterThan(0);
  });
});
