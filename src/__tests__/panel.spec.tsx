import { CommandRegistry } from '@lumino/commands';
import { Widget } from '@lumino/widgets';

import { HistoryModel } from '../history/model';
import { HistoryPanel } from '../history/panel';
import { MemoryApi, summary } from './fakes';

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await new Promise(resolve => setTimeout(resolve, 0));
  }
}

describe('HistoryPanel rendering', () => {
  it('renders what users typed as text, never as HTML', async () => {
    const api = new MemoryApi();
    const hostile = '<img src=x onerror="window.__pwned=1"> & <b>bold</b>';
    api.items['nb.ipynb'] = [
      summary({
        id: '01A',
        created: new Date().toISOString(),
        message: hostile,
        tags: ['<script>x</script>'],
        author: {
          username: 'eve',
          name: '<i>Eve</i>',
          color: 'red;background:url(javascript:alert(1))'
        },
        metrics: { '<u>acc</u>': 0.5 }
      })
    ];
    const model = new HistoryModel(api);
    await model.setNotebook('nb.ipynb');
    const panel = new HistoryPanel(model, new CommandRegistry());
    Widget.attach(panel, document.body);
    panel.update();
    await settle();

    const item = panel.node.querySelector('.jp-snapshots-item')!;
    expect(item).not.toBeNull();
    expect(item.querySelector('.jp-snapshots-item-message')!.textContent).toBe(
      hostile
    );
    expect(item.textContent).toContain('<script>x</script>');
    expect(item.textContent).toContain('<i>Eve</i>');
    expect(item.textContent).toContain('<u>acc</u>');
    expect(panel.node.querySelector('img, b, script, i, u')).toBeNull();
    const badge = item.querySelector<HTMLElement>('.jp-snapshots-badge')!;
    expect(badge.style.backgroundColor).not.toContain('url');
    expect((window as any).__pwned).toBeUndefined();

    Widget.detach(panel);
    panel.dispose();
    model.dispose();
  });

  it('shows the empty state with a Snapshot run button', async () => {
    const model = new HistoryModel(new MemoryApi());
    await model.setNotebook('empty.ipynb');
    const panel = new HistoryPanel(model, new CommandRegistry());
    Widget.attach(panel, document.body);
    panel.update();
    await settle();
    expect(panel.node.textContent).toContain(
      'No snapshots of this notebook yet.'
    );
    expect(
      Array.from(panel.node.querySelectorAll('button')).some(
        b => b.textContent === 'Snapshot run'
      )
    ).toBe(true);
    Widget.detach(panel);
    panel.dispose();
  });
});

describe('HistoryPanel origin of a restored copy', () => {
  it('marks the snapshot the copy was restored from, and only that one', async () => {
    const api = new MemoryApi();
    const now = Date.now();
    api.items['copy.ipynb'] = [
      summary({
        id: '01HZZZZZZZZZZZZZZZZZAAAAA1',
        created: new Date(now).toISOString(),
        message: 'after the restore'
      }),
      summary({
        id: '01HYYYYYYYYYYYYYYYYYXMXH0M',
        created: new Date(now - 60_000).toISOString(),
        message: 'the original',
        origin_of: 'copy.ipynb'
      })
    ];
    const model = new HistoryModel(api);
    await model.setNotebook('copy.ipynb');
    const panel = new HistoryPanel(model, new CommandRegistry());
    Widget.attach(panel, document.body);
    panel.update();
    await settle();

    const items = panel.node.querySelectorAll('.jp-snapshots-item');
    expect(items).toHaveLength(2);
    expect(items[0].querySelector('.jp-snapshots-item-origin')).toBeNull();
    const marker = items[1].querySelector<HTMLElement>(
      '.jp-snapshots-item-origin'
    )!;
    expect(marker.textContent).toBe('restored from here');
    expect(marker.title).toBe('copy.ipynb was restored from snapshot xmxh0m');

    Widget.detach(panel);
    panel.dispose();
    model.dispose();
  });
});

describe('HistoryPanel item facts', () => {
  it('shows key parameters, metrics, comment count and the re-run verdict', async () => {
    const api = Object.assign(new MemoryApi(), {
      verdictCalls: 0,
      async latestVerdicts() {
        this.verdictCalls++;
        return { '01V': { verdict: 'differs' as const, verification: 'v1' } };
      }
    });
    api.items['nb.ipynb'] = [
      summary({
        id: '01V',
        created: new Date().toISOString(),
        message: 'verified',
        params: { lr: 0.1, epochs: 5, model: 'resnet', seed: 7 },
        metrics: { loss: 0.25, accuracy: 0.9312345678 },
        comment_count: 2
      }),
      summary({ id: '01W', created: new Date().toISOString(), message: 'x' })
    ];
    const model = new HistoryModel(api);
    await model.setNotebook('nb.ipynb');
    const panel = new HistoryPanel(model, new CommandRegistry());
    Widget.attach(panel, document.body);
    panel.update();
    await settle();

    const [item, plain] = Array.from(
      panel.node.querySelectorAll<HTMLElement>('.jp-snapshots-item')
    );
    const params = item.querySelector<HTMLElement>(
      '.jp-snapshots-item-params'
    )!;
    expect(params.textContent).toBe('lr0.1epochs5modelresnet');
    expect(params.title).toBe(
      'Parameters: lr = 0.1, epochs = 5, model = resnet, seed = 7'
    );
    const metrics = item.querySelector('.jp-snapshots-item-metrics')!;
    expect(metrics.textContent).toBe('accuracy0.931235loss0.25');
    expect(item.querySelector('.jp-snapshots-item-comments')!.textContent).toBe(
      '2 comments'
    );
    const verdict = item.querySelector('.jp-snapshots-verdict-differs')!;
    expect(verdict.textContent).toBe('Differs');
    expect(api.verdictCalls).toBe(1);
    expect(plain.querySelector('.jp-snapshots-verdict')).toBeNull();
    expect(plain.querySelector('.jp-snapshots-item-comments')).toBeNull();

    Widget.detach(panel);
    panel.dispose();
    model.dispose();
  });
});
