/** A Vega-Lite chart rendered by JupyterLab's own renderer, in the app's theme. */
import { IRenderMimeRegistry, MimeModel } from '@jupyterlab/rendermime';
import { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { ISignal } from '@lumino/signaling';
import { Widget } from '@lumino/widgets';
import * as React from 'react';

import { disposeAttached } from '../teamRuns/attach';
import { IChartTheme, readChartTheme, VEGALITE_MIME } from '../teamRuns/charts';

/**
 * The snapshot id behind a clicked mark. Vega's SVG renderer keeps each
 * mark's scenegraph item on its element (`__data__`, as d3 does); the item's
 * datum is our data row, which carries the run's `id`.
 */
export function markRunId(target: EventTarget | null, host: Node): string {
  for (
    let el = target as (Node & { __data__?: unknown }) | null;
    el && el !== host;
    el = el.parentNode
  ) {
    const datum = (el.__data__ as { datum?: { id?: unknown } } | undefined)
      ?.datum;
    if (datum && typeof datum.id === 'string') {
      return datum.id;
    }
  }
  return '';
}

export function VegaChart(props: {
  spec: Record<string, unknown>;
  rendermime: IRenderMimeRegistry;
  unavailable: string;
  /** A mark of a run was clicked (its datum's `id`). */
  onRunClick?: (id: string) => void;
}): JSX.Element {
  const host = React.useRef<HTMLDivElement>(null);
  const specText = JSON.stringify(props.spec);
  const onRunClick = React.useRef(props.onRunClick);
  onRunClick.current = props.onRunClick;
  React.useEffect(() => {
    const node = host.current;
    if (!node) {
      return;
    }
    let renderer: IRenderMime.IRenderer;
    try {
      renderer = props.rendermime.createRenderer(VEGALITE_MIME);
    } catch {
      node.textContent = props.unavailable;
      return;
    }
    // SVG: marks are elements (countable, clickable, described for screen readers).
    const model = new MimeModel({
      data: { [VEGALITE_MIME]: JSON.parse(specText) },
      metadata: { [VEGALITE_MIME]: { embed_options: { renderer: 'svg' } } },
      trusted: true
    });
    Widget.attach(renderer, node);
    void renderer.renderModel(model);
    const onClick = (event: MouseEvent) => {
      const id = markRunId(event.target, node);
      if (id && onRunClick.current) {
        onRunClick.current(id);
      }
    };
    node.addEventListener('click', onClick);
    return () => {
      node.removeEventListener('click', onClick);
      disposeAttached(renderer);
    };
  }, [specText, props.rendermime]);
  return <div className="jp-snapshots-runsCompare-chart" ref={host} />;
}

/** The chart colours of the current theme, re-read when *themeChanged* emits. */
export function useChartTheme(
  themeChanged?: ISignal<any, any> | null
): IChartTheme {
  const [theme, setTheme] = React.useState<IChartTheme>(() => readChartTheme());
  React.useEffect(() => {
    if (!themeChanged) {
      return;
    }
    // The new theme's CSS is in place a moment after the signal.
    let timer = 0;
    const onTheme = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => setTheme(readChartTheme()), 300);
    };
    themeChanged.connect(onTheme);
    return () => {
      window.clearTimeout(timer);
      themeChanged.disconnect(onTheme);
    };
  }, [themeChanged]);
  return theme;
}
