/**
 * A metric's step curve as a small inline SVG (the Team runs curve column):
 * a line over `metrics_history` ([step, value] pairs), a dot for a metric
 * logged once.
 */
const SVG = 'http://www.w3.org/2000/svg';

/** SVG coordinates of *points* in a *width* x *height* box with *pad* px inside. */
export function sparkPoints(
  points: ReadonlyArray<ReadonlyArray<number>>,
  width: number,
  height: number,
  pad = 2
): [number, number][] {
  const finite = points.filter(
    p => Number.isFinite(p[0]) && Number.isFinite(p[1])
  );
  if (!finite.length) {
    return [];
  }
  const xs = finite.map(p => p[0]);
  const ys = finite.map(p => p[1]);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  const sx = (x: number) =>
    x1 === x0 ? width / 2 : pad + ((x - x0) / (x1 - x0)) * (width - 2 * pad);
  const sy = (y: number) =>
    y1 === y0
      ? height / 2
      : height - pad - ((y - y0) / (y1 - y0)) * (height - 2 * pad);
  const round = (v: number) => Math.round(v * 10) / 10;
  return finite.map(p => [round(sx(p[0])), round(sy(p[1]))]);
}

/** The curve of *points* (or a single dot), labelled *title* for hover and screen readers. */
export function sparkline(
  points: ReadonlyArray<ReadonlyArray<number>>,
  title: string,
  width = 72,
  height = 18
): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('class', 'jp-snapshots-runs-sparkline');
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', title);
  const label = document.createElementNS(SVG, 'title');
  label.textContent = title;
  svg.appendChild(label);
  const xy = sparkPoints(points, width, height);
  svg.dataset.points = String(xy.length);
  if (xy.length === 1) {
    const dot = document.createElementNS(SVG, 'circle');
    dot.setAttribute('cx', String(xy[0][0]));
    dot.setAttribute('cy', String(xy[0][1]));
    dot.setAttribute('r', '2.5');
    svg.appendChild(dot);
  } else if (xy.length > 1) {
    const line = document.createElementNS(SVG, 'polyline');
    line.setAttribute('points', xy.map(p => p.join(',')).join(' '));
    svg.appendChild(line);
  }
  return svg;
}
