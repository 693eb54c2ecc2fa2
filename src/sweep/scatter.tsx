/**
 * One parameter against the metric, a point per run; dragging a rectangle
 * brushes both (a click without a drag clears them). SVG, for the same
 * reason as the parallel coordinates (the brush must reach the app).
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import { formatNumber } from '../common';
import { lineColour } from './colours';
import {
  axisValue,
  denormalise,
  IAxis,
  inRanges,
  normalise,
  roundRange
} from './model';
import { IBrushProps, svgPoint } from './parallel';

const W = 420;
const H = 300;
const LEFT = 64;
const RIGHT = 16;
const TOP = 16;
const BOTTOM = 40;

// Points keep clear of the axes: the data spans the plot minus this inset.
const PAD = 12;
const xOf = (t: number) => LEFT + PAD + t * (W - LEFT - RIGHT - 2 * PAD);
const yOf = (t: number) => TOP + PAD + (1 - t) * (H - TOP - BOTTOM - 2 * PAD);
const txOf = (x: number) => (x - LEFT - PAD) / (W - LEFT - RIGHT - 2 * PAD);
const tyOf = (y: number) => 1 - (y - TOP - PAD) / (H - TOP - BOTTOM - 2 * PAD);

function ticks(axis: IAxis): { t: number; text: string }[] {
  return axis.min === axis.max
    ? [{ t: 0.5, text: formatNumber(axis.min) }]
    : [0, 0.5, 1].map(t => ({
        t,
        text: formatNumber(denormalise(t, axis))
      }));
}

export function ScatterPlot(
  props: IBrushProps & { x: IAxis; y: IAxis; trans: TranslationBundle }
): JSX.Element {
  const { runs, axes, ranges, colours, x, y, trans } = props;
  const svgRef = React.useRef<SVGSVGElement>(null);
  const [drag, setDrag] = React.useState<{
    x0: number;
    y0: number;
    x1: number;
    y1: number;
  } | null>(null);

  const finish = () => {
    if (!drag) {
      return;
    }
    setDrag(null);
    if (Math.abs(drag.x1 - drag.x0) < 3 && Math.abs(drag.y1 - drag.y0) < 3) {
      props.onBrush(x.key, null);
      props.onBrush(y.key, null);
      return;
    }
    const xs = [drag.x0, drag.x1].map(v => denormalise(txOf(v), x));
    const ys = [drag.y0, drag.y1].map(v => denormalise(tyOf(v), y));
    props.onBrush(x.key, roundRange(xs[0], xs[1]));
    props.onBrush(y.key, roundRange(ys[0], ys[1]));
  };

  const clamp = (p: { x: number; y: number }) => ({
    x: Math.min(Math.max(p.x, LEFT), W - RIGHT),
    y: Math.min(Math.max(p.y, TOP), H - BOTTOM)
  });
  const rx = ranges[x.key];
  const ry = ranges[y.key];
  const shown = drag
    ? {
        x: Math.min(drag.x0, drag.x1),
        y: Math.min(drag.y0, drag.y1),
        w: Math.abs(drag.x1 - drag.x0),
        h: Math.abs(drag.y1 - drag.y0)
      }
    : rx || ry
      ? {
          x: xOf(rx ? (normalise(rx[0], x) ?? 0) : 0),
          y: yOf(ry ? (normalise(ry[1], y) ?? 1) : 1),
          w:
            xOf(rx ? (normalise(rx[1], x) ?? 1) : 1) -
            xOf(rx ? (normalise(rx[0], x) ?? 0) : 0),
          h:
            yOf(ry ? (normalise(ry[0], y) ?? 0) : 0) -
            yOf(ry ? (normalise(ry[1], y) ?? 1) : 1)
        }
      : null;

  return (
    <svg
      ref={svgRef}
      className="jp-snapshots-sweep-scatter"
      viewBox={`0 0 ${W} ${H}`}
      width={W}
      height={H}
      role="img"
      aria-label={trans.__('%1 against %2, one point per run', y.name, x.name)}
    >
      <rect
        className="jp-snapshots-sweep-brushArea"
        x={LEFT}
        y={TOP}
        width={W - LEFT - RIGHT}
        height={H - TOP - BOTTOM}
        onPointerDown={e => {
          const svg = svgRef.current;
          if (!svg) {
            return;
          }
          (e.target as Element).setPointerCapture?.(e.pointerId);
          const p = clamp(svgPoint(svg, e));
          setDrag({ x0: p.x, y0: p.y, x1: p.x, y1: p.y });
        }}
        onPointerMove={e => {
          const svg = svgRef.current;
          if (svg && drag) {
            const p = clamp(svgPoint(svg, e));
            setDrag({ ...drag, x1: p.x, y1: p.y });
          }
        }}
        onPointerUp={finish}
      />
      <g className="jp-snapshots-sweep-axis">
        <line x1={LEFT} x2={W - RIGHT} y1={H - BOTTOM} y2={H - BOTTOM} />
        <line x1={LEFT} x2={LEFT} y1={TOP} y2={H - BOTTOM} />
        {ticks(x).map(t => (
          <text
            key={`x${t.text}`}
            className="jp-snapshots-sweep-tick jp-mod-x"
            x={xOf(t.t)}
            y={H - BOTTOM + 14}
          >
            {t.text}
          </text>
        ))}
        {ticks(y).map(t => (
          <text
            key={`y${t.text}`}
            className="jp-snapshots-sweep-tick jp-mod-y"
            x={LEFT - 6}
            y={yOf(t.t) + 4}
          >
            {t.text}
          </text>
        ))}
        <text
          className="jp-snapshots-sweep-axisTitle"
          x={(LEFT + W - RIGHT) / 2}
          y={H - 6}
        >
          {x.name}
        </text>
        <text
          className="jp-snapshots-sweep-axisTitle"
          transform={`translate(14 ${(TOP + H - BOTTOM) / 2}) rotate(-90)`}
        >
          {y.name}
        </text>
      </g>
      {shown && (
        <rect
          className="jp-snapshots-sweep-brush"
          x={shown.x}
          y={shown.y}
          width={Math.max(shown.w, 1)}
          height={Math.max(shown.h, 1)}
        />
      )}
      {runs.map(run => {
        const tx = normalise(axisValue(run, x), x);
        const ty = normalise(axisValue(run, y), y);
        if (tx === null || ty === null) {
          return null;
        }
        const inside = inRanges(run, axes, ranges);
        return (
          <circle
            key={run.id}
            className={`jp-snapshots-sweep-point${inside ? '' : ' jp-mod-dimmed'}`}
            data-snapshot-id={run.id}
            cx={xOf(tx)}
            cy={yOf(ty)}
            r={5}
            fill={inside ? lineColour(ty, colours) : colours.dimmed}
            tabIndex={0}
            role="button"
            aria-label={trans.__('Open %1', run.label)}
            onClick={() => props.onOpen(run.id)}
            onKeyDown={e => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                props.onOpen(run.id);
              }
            }}
          >
            <title>
              {`${run.label}\n${x.name} = ${formatNumber(axisValue(run, x))}\n${y.name} = ${formatNumber(axisValue(run, y))}`}
            </title>
          </circle>
        );
      })}
    </svg>
  );
}
