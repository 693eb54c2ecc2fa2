/**
 * Parallel coordinates of a sweep: one vertical axis per varying parameter and
 * the metric last, one line per run; dragging along a numeric axis brushes an
 * interval (a click without a drag clears it). Drawn as SVG by us rather than
 * by Vega: the brushes must reach the app (to filter Team runs), and
 * JupyterLab's Vega renderer gives no access to the view's selections.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import { formatNumber } from '../common';
import {
  axisValue,
  denormalise,
  IAxis,
  inRanges,
  ISweepRun,
  normalise,
  Ranges,
  roundRange
} from './model';
import { ISweepColours, lineColour } from './colours';

const TOP = 34;
const BOTTOM = 26;
const HEIGHT = 300;
const SIDE = 60;
const STEP = 180;

export interface IBrushProps {
  runs: readonly ISweepRun[];
  axes: readonly IAxis[];
  ranges: Ranges;
  colours: ISweepColours;
  /** Set (or clear, with null) the brushed range of one axis. */
  onBrush: (key: string, range: readonly [number, number] | null) => void;
  onOpen: (id: string) => void;
  trans: TranslationBundle;
}

/** The y of position *t* (0 bottom, 1 top) on an axis. */
function yOf(t: number): number {
  return TOP + (1 - t) * (HEIGHT - TOP - BOTTOM);
}

function tOf(y: number): number {
  return 1 - (y - TOP) / (HEIGHT - TOP - BOTTOM);
}

/** The pointer's y in the SVG's own coordinates. */
export function svgPoint(
  svg: SVGSVGElement,
  event: { clientX: number; clientY: number }
): { x: number; y: number } {
  const box = svg.getBoundingClientRect();
  const vb = svg.viewBox.baseVal;
  const sx = vb && vb.width ? vb.width / box.width : 1;
  const sy = vb && vb.height ? vb.height / box.height : 1;
  return {
    x: (event.clientX - box.left) * sx,
    y: (event.clientY - box.top) * sy
  };
}

function tickLabels(axis: IAxis): { t: number; text: string }[] {
  if (!axis.numeric) {
    return axis.categories.map(c => ({
      t: normalise(c, axis) ?? 0.5,
      text: c
    }));
  }
  if (axis.min === axis.max) {
    return [{ t: 0.5, text: formatNumber(axis.min) }];
  }
  return [0, 0.5, 1].map(t => ({
    t,
    text: formatNumber(denormalise(t, axis))
  }));
}

export function ParallelPlot(props: IBrushProps): JSX.Element {
  const { runs, axes, ranges, colours, trans } = props;
  const svgRef = React.useRef<SVGSVGElement>(null);
  const [drag, setDrag] = React.useState<{
    key: string;
    from: number;
    to: number;
  } | null>(null);
  const width = SIDE * 2 + STEP * Math.max(axes.length - 1, 1);
  const xOf = (i: number) => (axes.length === 1 ? width / 2 : SIDE + i * STEP);
  const metricAxis = axes.find(a => a.kind === 'metric');

  const finish = (axis: IAxis) => {
    if (!drag || drag.key !== axis.key) {
      return;
    }
    setDrag(null);
    if (Math.abs(drag.to - drag.from) < 3) {
      props.onBrush(axis.key, null); // a click clears
      return;
    }
    const a = denormalise(tOf(Math.max(drag.from, drag.to)), axis);
    const b = denormalise(tOf(Math.min(drag.from, drag.to)), axis);
    props.onBrush(axis.key, roundRange(a, b));
  };

  return (
    <svg
      ref={svgRef}
      className="jp-snapshots-sweep-parallel"
      viewBox={`0 0 ${width} ${HEIGHT}`}
      width={width}
      height={HEIGHT}
      role="img"
      aria-label={trans.__(
        'Parallel coordinates: one line per run across %1',
        axes.map(a => a.name).join(', ')
      )}
    >
      <g className="jp-snapshots-sweep-lines">
        {runs.map(run => {
          const points = axes
            .map((a, i) => {
              const t = normalise(axisValue(run, a), a);
              return t === null ? null : `${xOf(i)},${yOf(t)}`;
            })
            .filter((p): p is string => p !== null);
          const inside = inRanges(run, axes, ranges);
          return (
            <polyline
              key={run.id}
              className={`jp-snapshots-sweep-line${inside ? '' : ' jp-mod-dimmed'}`}
              data-snapshot-id={run.id}
              points={points.join(' ')}
              stroke={
                inside
                  ? lineColour(
                      metricAxis
                        ? normalise(axisValue(run, metricAxis), metricAxis)
                        : null,
                      colours
                    )
                  : colours.dimmed
              }
              onClick={() => props.onOpen(run.id)}
            >
              <title>
                {[
                  run.label,
                  ...axes.map(
                    a => `${a.name} = ${formatNumber(axisValue(run, a))}`
                  )
                ].join('\n')}
              </title>
            </polyline>
          );
        })}
      </g>
      {axes.map((axis, i) => {
        const x = xOf(i);
        const range = ranges[axis.key];
        const live = drag?.key === axis.key ? drag : null;
        return (
          <g
            key={axis.key}
            className={`jp-snapshots-sweep-axis jp-mod-${axis.kind}`}
            data-axis={axis.name}
          >
            <line x1={x} x2={x} y1={TOP} y2={HEIGHT - BOTTOM} />
            <text className="jp-snapshots-sweep-axisTitle" x={x} y={TOP - 18}>
              {axis.name}
            </text>
            {tickLabels(axis).map(tick => (
              <text
                key={tick.text}
                className="jp-snapshots-sweep-tick"
                x={x + 6}
                y={yOf(tick.t) + 4}
              >
                {tick.text}
              </text>
            ))}
            {range && !live && axis.numeric && (
              <rect
                className="jp-snapshots-sweep-brush"
                x={x - 9}
                width={18}
                y={yOf(normalise(range[1], axis) ?? 1)}
                height={Math.max(
                  2,
                  yOf(normalise(range[0], axis) ?? 0) -
                    yOf(normalise(range[1], axis) ?? 1)
                )}
              />
            )}
            {live && (
              <rect
                className="jp-snapshots-sweep-brush"
                x={x - 9}
                width={18}
                y={Math.min(live.from, live.to)}
                height={Math.abs(live.to - live.from)}
              />
            )}
            {axis.numeric && (
              <rect
                className="jp-snapshots-sweep-brushArea"
                data-axis={axis.name}
                x={x - 12}
                width={24}
                y={TOP - 4}
                height={HEIGHT - TOP - BOTTOM + 8}
                onPointerDown={e => {
                  const svg = svgRef.current;
                  if (!svg) {
                    return;
                  }
                  (e.target as Element).setPointerCapture?.(e.pointerId);
                  const y = svgPoint(svg, e).y;
                  setDrag({ key: axis.key, from: y, to: y });
                }}
                onPointerMove={e => {
                  const svg = svgRef.current;
                  if (svg && drag?.key === axis.key) {
                    const y = Math.min(
                      Math.max(svgPoint(svg, e).y, TOP),
                      HEIGHT - BOTTOM
                    );
                    setDrag({ ...drag, to: y });
                  }
                }}
                onPointerUp={() => finish(axis)}
              >
                <title>
                  {trans.__('Drag to filter by %1; click to clear', axis.name)}
                </title>
              </rect>
            )}
          </g>
        );
      })}
    </svg>
  );
}
