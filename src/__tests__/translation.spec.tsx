import { nullTranslator, TranslationBundle } from '@jupyterlab/translation';
import { CommandRegistry } from '@lumino/commands';
import { Widget } from '@lumino/widgets';

import { ISnapshotSummary } from '../api';
import { relativeTime } from '../common';
import { HistoryModel } from '../history/model';
import { HistoryPanel } from '../history/panel';
import { SnapshotDialogBody } from '../snapshotDialog';
import { ITeamRunsApi } from '../api';
import { TeamRunsGrid } from '../teamRuns/grid';
import { TeamRunsModel } from '../teamRuns/model';
import { MemoryApi } from './fakes';

/**
 * A bundle that marks every translated text: «…» shows that a text went
 * through the translator, and which msgid (not the interpolated data) it used.
 */
function markingBundle(): TranslationBundle & { msgids: string[] } {
  const base = nullTranslator.load('jupyter_ext');
  const msgids: string[] = [];
  return {
    msgids,
    __: (msgid: string, ...args: any[]) => {
      msgids.push(msgid);
      return `«${base.__(msgid, ...args)}»`;
    },
    _n: (msgid: string, plural: string, n: number, ...args: any[]) => {
      msgids.push(plural);
      return `«${base._n(msgid, plural, n, ...args)}»`;
    },
    _p: (ctx: string, msgid: string, ...args: any[]) =>
      `«${base._p(ctx, msgid, ...args)}»`,
    _np: (
      ctx: string,
      msgid: string,
      plural: string,
      n: number,
      ...args: any[]
    ) => `«${base._np(ctx, msgid, plural, n, ...args)}»`,
    gettext: (msgid: string, ...args: any[]) =>
      `«${base.gettext(msgid, ...args)}»`,
    ngettext: (msgid: string, plural: string, n: number, ...args: any[]) =>
      `«${base.ngettext(msgid, plural, n, ...args)}»`,
    pgettext: (ctx: string, msgid: string, ...args: any[]) =>
      `«${base.pgettext(ctx, msgid, ...args)}»`,
    npgettext: (
      ctx: string,
      msgid: string,
      plural: string,
      n: number,
      ...args: any[]
    ) => `«${base.npgettext(ctx, msgid, plural, n, ...args)}»`,
    dcnpgettext: (
      domain: string,
      ctx: string,
      msgid: string,
      plural: string,
      n: number,
      ...args: any[]
    ) => `«${base.dcnpgettext(domain, ctx, msgid, plural, n, ...args)}»`
  };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await new Promise(resolve => setTimeout(resolve, 0));
  }
}

describe('translation', () => {
  it('the history panel shows its texts through the bundle it is given', async () => {
    const trans = markingBundle();
    const model = new HistoryModel(new MemoryApi());
    await model.setNotebook('empty.ipynb');
    const panel = new HistoryPanel(model, new CommandRegistry(), trans);
    Widget.attach(panel, document.body);
    panel.update();
    await settle();
    expect(panel.node.textContent).toContain(
      '«No snapshots of this notebook yet.»'
    );
    expect(panel.title.caption).toBe('«Snapshots»');
    Widget.detach(panel);
    panel.dispose();
    model.dispose();
  });

  it('interpolates data as arguments, not into the msgid', () => {
    const trans = markingBundle();
    const body = new SnapshotDialogBody({
      notebookName: 'churn %1.ipynb',
      defaultTags: [],
      recentTags: [],
      dirty: true,
      trans
    });
    expect(body.node.textContent).toContain(
      '«Snapshot “churn %1.ipynb” with its outputs'
    );
    expect(trans.msgids.every(m => !m.includes('churn'))).toBe(true);
    body.dispose();
  });

  it('counts use plural forms with the number formatted as before', async () => {
    const trans = markingBundle();
    const rows: ISnapshotSummary[] = Array.from({ length: 1234 }, (_, i) => ({
      id: `01JDX${String(1234 - i).padStart(21, '0')}`,
      created: '2026-11-25T10:00:00Z',
      author: { username: 'eve', name: 'Eve' },
      message: `run ${i}`,
      tags: [],
      notebook: { path: 'a.ipynb', name: 'a.ipynb', key: 'a' },
      params: {},
      metrics: {}
    })) as unknown as ISnapshotSummary[];
    const api = {
      list: async () => ({ items: rows, cursor: null }),
      commentCounts: async () => ({})
    } as unknown as ITeamRunsApi;
    const model = new TeamRunsModel({ api, pageSize: 2000 });
    await model.reload();
    const grid = new TeamRunsGrid(model, trans);
    Widget.attach(grid, document.body);
    const count = grid.node.querySelector('.jp-snapshots-runs-count');
    expect(count?.textContent).toBe(`«${(1234).toLocaleString()} runs»`);
    expect(trans.msgids).toContain('%2 runs');
    grid.dispose();
  });

  it('relative times are translatable and unchanged in English', () => {
    const now = new Date(2026, 10, 25, 15, 0, 0);
    const iso = new Date(now.getTime() - 3 * 24 * 3600 * 1000).toISOString();
    expect(relativeTime(iso, now)).toBe('3 days ago');
    expect(relativeTime(iso, now, markingBundle())).toBe('«3 days ago»');
  });
});
