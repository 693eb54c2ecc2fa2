import { ReactWidget } from '@jupyterlab/ui-components';
import { Widget } from '@lumino/widgets';
import * as React from 'react';

import type { ITeamRunsApi } from '../api';
import { ReproSections } from '../teamRuns/compare/reproSections';
import type { ICompareActions } from '../teamRuns/compare/types';
import { defaultTrans } from '../translation';

const WRITER = '01JDX0000000000000000WR1TE';
const READER = '01JDX0000000000000000READR';
const RERUN = '01JDX0000000000000000RERUN';

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await new Promise(resolve => setTimeout(resolve, 0));
  }
}

function actions(): ICompareActions & { open: jest.Mock; diff: jest.Mock } {
  return {
    open: jest.fn(),
    diff: jest.fn(),
    diffWithCurrent: jest.fn(),
    restore: jest.fn(),
    commentAdded: jest.fn(),
    currentNotebook: () => null
  };
}

/** A client that answers the reproduction reads for the reader run. */
function reproClient(author = 'ana') {
  return {
    verifications: jest.fn(async () => [
      {
        id: 'v1',
        snapshot: READER,
        rerun: RERUN,
        verdict: 'differs',
        cells: [
          { index: 0, status: 'same' },
          { index: 3, status: 'differs' }
        ],
        data_changed: [],
        author: { username: 'bob' },
        created: '2026-12-01T10:00:00Z'
      }
    ]),
    lineage: jest.fn(async () => ({
      upstream: [
        {
          path: 'prep/features.csv',
          hash: 'sha256:ab',
          snapshot: WRITER,
          author,
          notebook: 'prep/make.ipynb'
        }
      ],
      downstream: []
    })),
    artifacts: jest.fn(async () => []),
    artifact: jest.fn(),
    environmentFile: jest.fn()
  };
}

async function render(api: unknown, acts: ICompareActions): Promise<Widget> {
  const widget = ReactWidget.create(
    <ReproSections
      api={api as ITeamRunsApi}
      ids={[READER]}
      labels={['Run']}
      actions={acts}
      trans={defaultTrans()}
    />
  );
  Widget.attach(widget, document.body);
  await settle();
  return widget;
}

describe('ReproSections', () => {
  it('says which run produced a file it read, and the link opens that run', async () => {
    const acts = actions();
    const widget = await render(reproClient(), acts);
    const link = widget.node.querySelector<HTMLElement>(
      '.jp-snapshots-repro-link.jp-mod-produced'
    )!;
    const short = WRITER.slice(-6).toLowerCase();
    expect(link.textContent).toBe(
      `prep/features.csv produced by ana's run ${short} (prep/make.ipynb)`
    );
    link.querySelector<HTMLButtonElement>('button')!.click();
    expect(acts.open).toHaveBeenCalledWith(WRITER);
    Widget.detach(widget);
  });

  it('shows the latest verdict, the cells to review and diffs with the re-run', async () => {
    const acts = actions();
    const widget = await render(reproClient(), acts);
    const section = widget.node.querySelector(
      '.jp-snapshots-repro-verification'
    )!;
    expect(section.querySelector('.jp-snapshots-verdict')!.textContent).toBe(
      'Differs'
    );
    expect(section.textContent).toContain('cells to review: 4');
    const diff = Array.from(section.querySelectorAll('button')).find(
      b => b.textContent === 'Show diff with the re-run'
    )!;
    diff.click();
    expect(acts.diff).toHaveBeenCalledWith(READER, RERUN);
    expect(widget.node.textContent).toContain(
      'This run kept no files it wrote.'
    );
    Widget.detach(widget);
  });

  it('renders a teammate’s names as text', async () => {
    const widget = await render(
      reproClient('<img src=x onerror=alert(1)>'),
      actions()
    );
    expect(widget.node.querySelector('img')).toBeNull();
    expect(widget.node.textContent).toContain('<img src=x onerror=alert(1)>');
    Widget.detach(widget);
  });
});
