/**
 * Changed image outputs: find them in an nbdime notebook diff model and compare
 * them 2-up, with a swipe or as an onion skin.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';

import { defaultTrans } from '../translation';

const IMAGE_MIME = 'image/png';

/** Structural view of nbdime's NotebookDiffModel that this module needs. */
export interface IOutputPairLike {
  base: any | null;
  remote: any | null;
  unchanged: boolean;
}
export interface ICellLike {
  unchanged: boolean;
  outputs: IOutputPairLike[] | null;
}

export interface IImagePair {
  /** 1-based cell position in the diff. */
  cell: number;
  base: string;
  remote: string;
}

function pngOf(output: any): string | null {
  const data = output?.data;
  if (!data || typeof data !== 'object') {
    return null;
  }
  const value = data[IMAGE_MIME];
  const text = Array.isArray(value) ? value.join('') : value;
  if (typeof text !== 'string') {
    return null;
  }
  const clean = text.replace(/\s+/g, '');
  return /^[A-Za-z0-9+/]+={0,2}$/.test(clean) ? clean : null;
}

/** Pairs of (old, new) PNG outputs that differ, cell by cell, in output order. */
export function changedImages(cells: readonly ICellLike[]): IImagePair[] {
  const pairs: IImagePair[] = [];
  cells.forEach((cell, index) => {
    if (cell.unchanged || !cell.outputs) {
      return;
    }
    const before: string[] = [];
    const after: string[] = [];
    for (const output of cell.outputs) {
      if (output.unchanged) {
        continue;
      }
      const b = pngOf(output.base);
      const r = pngOf(output.remote);
      if (b) {
        before.push(b);
      }
      if (r) {
        after.push(r);
      }
    }
    const n = Math.min(before.length, after.length);
    for (let i = 0; i < n; i++) {
      if (before[i] !== after[i]) {
        pairs.push({ cell: index + 1, base: before[i], remote: after[i] });
      }
    }
  });
  return pairs;
}

export type CompareMode = '2-up' | 'swipe' | 'onion';

function compareModes(
  trans: TranslationBundle
): { mode: CompareMode; label: string }[] {
  return [
    { mode: '2-up', label: trans.__('2-up') },
    { mode: 'swipe', label: trans.__('Swipe') },
    { mode: 'onion', label: trans.__('Onion skin') }
  ];
}

let compareCounter = 0;

/** One changed image: mode switch + the comparison. */
export class ImageCompare extends Widget {
  constructor(
    pair: IImagePair,
    labels: { base: string; remote: string },
    trans: TranslationBundle = defaultTrans()
  ) {
    super();
    this._trans = trans;
    this.addClass('jp-snapshots-imgcmp');
    this.node.setAttribute('role', 'group');
    this.node.setAttribute(
      'aria-label',
      trans.__('Changed image in cell %1', pair.cell)
    );
    const id = ++compareCounter;

    const bar = document.createElement('div');
    bar.className = 'jp-snapshots-imgcmp-bar';
    const title = document.createElement('span');
    title.className = 'jp-snapshots-imgcmp-title';
    title.textContent = trans.__('Cell %1: image changed', pair.cell);
    bar.appendChild(title);
    const modes = document.createElement('div');
    modes.className = 'jp-snapshots-imgcmp-modes';
    modes.setAttribute('role', 'radiogroup');
    modes.setAttribute('aria-label', trans.__('Comparison mode'));
    for (const { mode, label } of compareModes(trans)) {
      const option = document.createElement('label');
      const radio = document.createElement('input');
      radio.type = 'radio';
      radio.name = `jp-snapshots-imgcmp-${id}`;
      radio.value = mode;
      radio.checked = mode === '2-up';
      radio.addEventListener('change', () => this.setMode(mode));
      const text = document.createElement('span');
      text.textContent = label;
      option.append(radio, text);
      modes.appendChild(option);
    }
    bar.appendChild(modes);

    this._stage = document.createElement('div');
    this._stage.className = 'jp-snapshots-imgcmp-stage';
    this._base = Private.image(pair.base, labels.base);
    this._remote = Private.image(pair.remote, labels.remote);

    this._slider = document.createElement('input');
    this._slider.type = 'range';
    this._slider.min = '0';
    this._slider.max = '100';
    this._slider.value = '50';
    this._slider.className = 'jp-snapshots-imgcmp-slider';
    this._slider.addEventListener('input', () => this._apply());

    this._labels = [labels.base, labels.remote];
    this.node.append(bar, this._stage, this._slider);
    this.setMode('2-up');
  }

  get mode(): CompareMode {
    return this._mode;
  }

  setMode(mode: CompareMode): void {
    this._mode = mode;
    this.node.dataset.mode = mode;
    this._stage.replaceChildren();
    if (mode === '2-up') {
      this._stage.append(
        Private.figure(this._base, this._labels[0], 'base'),
        Private.figure(this._remote, this._labels[1], 'remote')
      );
      this._slider.hidden = true;
    } else {
      const overlay = document.createElement('div');
      overlay.className = 'jp-snapshots-imgcmp-overlay';
      const top = document.createElement('div');
      top.className = 'jp-snapshots-imgcmp-top';
      top.appendChild(this._remote);
      const divider = document.createElement('div');
      divider.className = 'jp-snapshots-imgcmp-divider';
      overlay.append(this._base, top, divider);
      this._stage.appendChild(overlay);
      this._slider.hidden = false;
      this._slider.setAttribute(
        'aria-label',
        mode === 'swipe'
          ? this._trans.__('Swipe position (left: old, right: new)')
          : this._trans.__('Opacity of the new image')
      );
    }
    this._apply();
    const radio = this.node.querySelector<HTMLInputElement>(
      `input[value="${mode}"]`
    );
    if (radio) {
      radio.checked = true;
    }
  }

  private _apply(): void {
    const v = Number(this._slider.value);
    const top = this._stage.querySelector<HTMLElement>(
      '.jp-snapshots-imgcmp-top'
    );
    if (!top) {
      return;
    }
    const divider = this._stage.querySelector<HTMLElement>(
      '.jp-snapshots-imgcmp-divider'
    );
    if (divider) {
      divider.hidden = this._mode !== 'swipe';
      divider.style.left = `${v}%`;
    }
    if (this._mode === 'swipe') {
      top.style.opacity = '1';
      top.style.clipPath = `inset(0 0 0 ${v}%)`;
    } else {
      top.style.clipPath = '';
      top.style.opacity = String(v / 100);
    }
  }

  private _mode: CompareMode = '2-up';
  private _stage: HTMLDivElement;
  private _base: HTMLImageElement;
  private _remote: HTMLImageElement;
  private _slider: HTMLInputElement;
  private _labels: [string, string];
  private _trans: TranslationBundle;
}

namespace Private {
  export function image(base64: string, alt: string): HTMLImageElement {
    const img = document.createElement('img');
    img.alt = alt;
    img.src = `data:${IMAGE_MIME};base64,${base64}`;
    return img;
  }

  export function figure(
    img: HTMLImageElement,
    caption: string,
    side: string
  ): HTMLElement {
    const fig = document.createElement('figure');
    fig.className = `jp-snapshots-imgcmp-figure jp-mod-${side}`;
    const cap = document.createElement('figcaption');
    cap.textContent = caption;
    fig.append(cap, img);
    return fig;
  }
}
