/**
 * Hostile notebooks and the checks that prove nothing of a snapshot author's
 * runs in our views: every payload would leave a trace (window.__pwned, the
 * page title, a request to /__pwned__/..., a browser dialog, a new tab, a new
 * terminal or kernel) if it ever ran.
 */
import { expect, IJupyterLabPageFixture } from '@jupyterlab/galata';
import type { Locator, Page } from '@playwright/test';

import { assignments, metricsOutput, pythonNotebook } from './notebookJson';

/** The script every payload runs: all three traces at once. */
function pwn(marker: string): string {
  return `window.__pwned='${marker}';document.title='PWNED ${marker}';fetch('/__pwned__/${marker}')`;
}

/** HTML that must come out of the sanitizer inert. */
export const HOSTILE_HTML = [
  '<b class="safe-bold">bold survives</b>',
  `<img src="x" onerror="${pwn('html-img')}">`,
  `<script>${pwn('html-script')}</script>`,
  `<a class="hostile-js-link" href="javascript:${pwn('js-link')}">js link</a>`,
  // JupyterLab's command linker: clicking runs the named command.
  '<button class="hostile-linker" data-commandlinker-command="terminal:create-new">Open a terminal</button>',
  '<button class="hostile-linker" data-commandlinker-command="notebook:create-new" data-commandlinker-args=\'{"kernelName": "python3"}\'>New notebook</button>',
  '<button class="hostile-linker" data-commandlinker-command="notebook:run-all-cells">Run all</button>',
  `<svg class="hostile-svg" onload="${pwn('html-svg-onload')}"><script>${pwn('html-svg-script')}</script><circle r="4"/></svg>`,
  `<div class="hostile-onclick" onclick="${pwn('html-onclick')}">click me</div>`,
  `<iframe srcdoc="<script>parent.__pwned='iframe'</script>"></iframe>`,
  `<form action="javascript:${pwn('form')}"><button class="hostile-submit">Submit</button></form>`
].join('\n');

const HOSTILE_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20" onload="${pwn('svg-onload')}"><script>${pwn('svg-script')}</script><circle r="5"/></svg>`;

/** Raw HTML in a markdown cell (JupyterLab renders it, sanitized). */
export const HOSTILE_MARKDOWN = [
  '# Notes',
  '',
  `<script>${pwn('md-script')}</script>`,
  `<img src="y" onerror="${pwn('md-img')}">`,
  '',
  `[md js link](javascript:${pwn('md-link')})`,
  '',
  '<button class="hostile-linker" data-commandlinker-command="terminal:create-new">Terminal from markdown</button>'
].join('\n');

/**
 * A notebook with every kind of hostile output, a markdown cell with raw HTML,
 * a parameters cell and logged metrics (so it shows in Team runs and charts).
 */
export function hostileNotebook(
  params: Record<string, number | string> = {},
  metrics: Record<string, number> = {}
): Record<string, unknown> {
  return pythonNotebook([
    {
      id: 'md',
      cell_type: 'markdown',
      metadata: {},
      source: HOSTILE_MARKDOWN
    },
    {
      id: 'params',
      cell_type: 'code',
      metadata: { tags: ['parameters'] },
      source: assignments(params) || 'seed = 1',
      outputs: [],
      execution_count: 1
    },
    {
      id: 'show',
      // The author's own notebook marked its outputs trusted: ignored.
      cell_type: 'code',
      metadata: { trusted: true },
      source: 'show()',
      execution_count: 2,
      outputs: [
        {
          output_type: 'display_data',
          metadata: {},
          data: { 'text/html': HOSTILE_HTML, 'text/plain': 'html' }
        },
        {
          output_type: 'display_data',
          metadata: {},
          data: {
            'application/javascript': pwn('application-javascript'),
            'text/plain': 'js output'
          }
        },
        {
          output_type: 'execute_result',
          execution_count: 2,
          metadata: {},
          data: { 'image/svg+xml': HOSTILE_SVG, 'text/plain': 'svg output' }
        },
        metricsOutput(metrics)
      ]
    }
  ]);
}

/** A plain notebook of my own (nothing hostile in it). */
export function plainNotebook(): Record<string, unknown> {
  return pythonNotebook([
    {
      id: 'mine',
      cell_type: 'code',
      metadata: {},
      source: 'print("mine")',
      outputs: [],
      execution_count: null
    }
  ]);
}

export interface ISideEffects {
  /** Fails if any payload left a trace so far. */
  expectNone(): Promise<void>;
}

/**
 * Watch the page for every trace a payload could leave. Call before the
 * hostile content is first shown.
 */
export function watchSideEffects(page: Page): ISideEffects {
  const requests: string[] = [];
  const dialogs: string[] = [];
  const popups: string[] = [];
  page.on('request', r => {
    if (r.url().includes('__pwned__')) {
      requests.push(r.url());
    }
  });
  page.on('dialog', d => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss().catch(() => undefined);
  });
  page.context().on('page', p => popups.push(p.url()));
  return {
    async expectNone() {
      expect(requests, 'requests issued by a payload').toEqual([]);
      expect(dialogs, 'browser dialogs opened by a payload').toEqual([]);
      expect(popups, 'windows opened by a payload').toEqual([]);
      expect(
        await page.evaluate(() => (window as any).__pwned),
        'window.__pwned set by a payload'
      ).toBeUndefined();
      expect(await page.title()).not.toContain('PWNED');
    }
  };
}

/**
 * The DOM under *root* holds nothing that can run: no script, no on*
 * attribute, no javascript: URL, no frame, no command-linker attribute.
 */
export async function expectInert(root: Locator): Promise<void> {
  await expect(root).toBeVisible();
  const found = await root.evaluate((node: Element) => {
    const bad: string[] = [];
    for (const el of [node, ...Array.from(node.querySelectorAll('*'))]) {
      const tag = el.tagName.toLowerCase();
      if (['script', 'iframe', 'frame', 'object', 'embed'].includes(tag)) {
        bad.push(`<${tag}>`);
      }
      for (const attr of Array.from(el.attributes)) {
        const name = attr.name.toLowerCase();
        const value = attr.value.replace(/\s/g, '').toLowerCase();
        if (name.startsWith('on')) {
          bad.push(`<${tag} ${name}>`);
        }
        if (name.startsWith('data-commandlinker')) {
          bad.push(`<${tag} ${name}="${attr.value}">`);
        }
        if (
          ['href', 'src', 'action', 'formaction', 'xlink:href'].includes(
            name
          ) &&
          value.startsWith('javascript:')
        ) {
          bad.push(`<${tag} ${name}="${attr.value}">`);
        }
      }
    }
    return bad;
  });
  expect(found, 'executable markup in the view').toEqual([]);
}

/** What a command run by a click would change: tabs, terminals, kernels. */
export async function workspaceState(
  page: IJupyterLabPageFixture
): Promise<{ tabs: number; terminals: number; sessions: number }> {
  const count = async (url: string) => {
    const r = await page.request.get(url);
    return r.ok() ? ((await r.json()) as unknown[]).length : -1;
  };
  return {
    tabs: await page.locator('#jp-main-dock-panel .lm-TabBar-tab').count(),
    terminals: await count('/api/terminals'),
    sessions: await count('/api/sessions')
  };
}

/** A request a JupyterLab command run by a click would issue. */
function isCommandRequest(method: string, url: string): boolean {
  const path = new URL(url).pathname;
  return (
    path.includes('__pwned__') ||
    (method !== 'GET' &&
      /\/api\/(terminals|sessions|kernels|contents)(\/|$)/.test(path))
  );
}

/**
 * Click everything in *root* that a payload wanted clicked (command-linker
 * buttons, javascript: links, onclick elements, form buttons) and check that
 * no command ran: no dialog asks to run one, no request starts a terminal,
 * kernel or notebook, no tab appears.
 */
export async function clickHostileControls(
  page: IJupyterLabPageFixture,
  root: Locator
): Promise<void> {
  const before = await workspaceState(page);
  const issued: string[] = [];
  const onRequest = (r: { method(): string; url(): string }) => {
    if (isCommandRequest(r.method(), r.url())) {
      issued.push(`${r.method()} ${r.url()}`);
    }
  };
  page.on('request', onRequest);
  const targets = root.locator(
    '.hostile-linker, .hostile-js-link, .hostile-onclick, .hostile-submit'
  );
  const n = await targets.count();
  // The sanitizer keeps the elements and drops their behaviour: they are there to click.
  expect(n, 'hostile controls rendered').toBeGreaterThan(0);
  let clicked = 0;
  for (let i = 0; i < n; i++) {
    const target = targets.nth(i);
    // nbdime renders both sides of an unchanged output, one of them hidden.
    if (!(await target.isVisible())) {
      continue;
    }
    await target.scrollIntoViewIfNeeded();
    await target.click();
    clicked++;
    // JupyterLab asks "Run Command?" for command links in untrusted HTML:
    // a teammate's content must not even get to ask.
    await expect(page.locator('.jp-Dialog')).toHaveCount(0, { timeout: 1000 });
  }
  expect(clicked, 'hostile controls clicked').toBeGreaterThan(0);
  // A command runs asynchronously after the click: wait for its request, which must not come.
  const late = await page
    .waitForRequest(r => isCommandRequest(r.method(), r.url()), {
      timeout: 2000
    })
    .then(
      r => `${r.method()} ${r.url()}`,
      () => null
    );
  page.off('request', onRequest);
  expect(late, 'a command ran after a click').toBeNull();
  expect(issued, 'requests issued by clicks').toEqual([]);
  expect(await workspaceState(page)).toEqual(before);
  expect(page.url()).toContain('/lab');
}
