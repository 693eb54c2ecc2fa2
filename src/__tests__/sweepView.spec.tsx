import { nullTranslator, TranslationBundle } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';

import type { ISnapshotPage } from '../api';
import { SweepWidget } from '../sweep/view';

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await new Promise(resolve => setTimeout(resolve, 0));
  }
}

function page(): ISnapshotPage {
  const items = [0.1, 0.2, 0.3, 0.4].map((lr, i) => ({
    id: `01RUN${i}`,
    created: '2026-12-05T10:00:00Z',
    message: `lr ${lr}`,
    author: { username: 'ana' },
    notebook: { path: 'exp/sweep nb.ipynb', name: 'sweep nb.ipynb', key: 'k' },
    params: { lr, epochs: 2 },
    metrics: { accuracy: 0.8 + i / 100 }
  }));
  return { items } as unknown as ISnapshotPage;
}

describe('SweepView', () => {
  it('draws a line per run and sends a typed range to Team runs as query terms', async () => {
    const list = jest.fn(async () => page());
    const setExtraTerms = jest.fn();
    const opened: string[] = [];
    const widget = new SweepWidget({
      notebook: 'exp/sweep nb.ipynb',
      api: { list },
      filter: { setExtraTerms },
      open: id => opened.push(id)
    });
    Widget.attach(widget, document.body);
    widget.update();
    await settle();

    expect(list).toHaveBeenCalledWith(
      expect.objectContaining({ notebook: 'exp/sweep nb.ipynb' })
    );
    const lines = widget.node.querySelectorAll('.jp-snapshots-sweep-line');
    expect(lines).toHaveLength(4);

    const from = widget.node.querySelector<HTMLInputElement>(
      'input[aria-label="lr from"]'
    )!;
    from.value = '0.25';
    from.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Enter', bubbles: true })
    );
    await settle();
    expect(setExtraTerms).toHaveBeenLastCalledWith(
      'sweep',
      ['notebook:"exp/sweep nb.ipynb"', 'lr>=0.3', 'lr<=0.4'],
      'Sweep of exp/sweep nb.ipynb'
    );
    expect(
      widget.node.querySelectorAll('.jp-snapshots-sweep-line.jp-mod-dimmed')
    ).toHaveLength(2);

    // Clearing the ranges clears the terms.
    widget.node
      .querySelector<HTMLButtonElement>('.jp-snapshots-sweep-clear')!
      .click();
    await settle();
    expect(setExtraTerms).toHaveBeenLastCalledWith(
      'sweep',
      [],
      'Sweep of exp/sweep nb.ipynb'
    );

    (lines[2] as SVGElement).dispatchEvent(
      new MouseEvent('click', { bubbles: true })
    );
    expect(opened).toEqual(['01RUN2']);
    Widget.detach(widget);
    widget.dispose();
  });

  it('translates its texts (data such as names and values stay as they are)', async () => {
    const base = nullTranslator.load('jupyter_ext');
    const trans = {
      __: (id: string, ...args: any[]) => `«${base.__(id, ...args)}»`,
      _n: (one: string, many: string, n: number, ...args: any[]) =>
        `«${base._n(one, many, n, ...args)}»`
    } as unknown as TranslationBundle;
    const widget = new SweepWidget({
      notebook: 'nb.ipynb',
      api: { list: async () => page() },
      filter: null,
      open: () => undefined,
      trans
    });
    Widget.attach(widget, document.body);
    widget.update();
    await settle();
    const text = (selector: string) =>
      widget.node.querySelector(selector)!.textContent;
    expect(text('.jp-snapshots-sweep-title')).toBe('«Sweep of nb.ipynb»');
    expect(text('.jp-snapshots-sweep-count')).toBe('«4 runs»');
    expect(text('.jp-snapshots-sweep-ranges legend')).toBe('«Ranges»');
    expect(text('.jp-snapshots-sweep-clear')).toBe('«Clear ranges»');
    expect(text('.jp-snapshots-sweep-note')).toMatch(/^«.*»$/);
    for (const label of widget.node.querySelectorAll('[aria-label]')) {
      const value = label.getAttribute('aria-label')!;
      expect(value).toMatch(/^«.*»$/);
    }
    Widget.detach(widget);
    widget.dispose();
  });
});
