/**
 * Column widths of the Team runs table as drawn: the user's (dragged) width,
 * else fitted to the loaded rows' text; and which columns stay pinned.
 */
import type { TranslationBundle } from '@jupyterlab/translation';

import { IColumn } from './columns';
import { CHECK_WIDTH, ICellContext } from './gridCells';
import { fitColumnWidths, pinnedOffsets } from './layout';
import type { TeamRunsModel } from './model';

/** Text width in *node*'s UI or code font (a canvas measures without layout). */
function textMeasurer(
  node: HTMLElement
): (text: string, code?: boolean) => number {
  const context =
    typeof OffscreenCanvas === 'undefined'
      ? null
      : new OffscreenCanvas(1, 1).getContext('2d');
  if (!context) {
    return text => text.length * 7;
  }
  const style = getComputedStyle(node);
  const variable = (name: string, fallback: string) =>
    style.getPropertyValue(name).trim() || fallback;
  const ui = `${variable('--jp-ui-font-size1', '13px')} ${variable('--jp-ui-font-family', 'sans-serif')}`;
  const code = `${variable('--jp-code-font-size', '13px')} ${variable('--jp-code-font-family', 'monospace')}`;
  return (text, isCode = false) => {
    context.font = isCode ? code : ui;
    return context.measureText(text).width;
  };
}

export class ColumnSizer {
  constructor(model: TeamRunsModel, trans: TranslationBundle) {
    this._model = model;
    this._trans = trans;
  }

  /** Fit again from scratch (a new query or sort). */
  reset(): void {
    this._fitted.clear();
    this._rows = -1;
  }

  /** The columns with their widths, and the cell context (pinned offsets). */
  layout(
    node: HTMLElement,
    viewport: number
  ): { columns: IColumn[]; ctx: ICellContext } {
    const model = this._model;
    const missing = model.columns.some(c => !this._fitted.has(c.id));
    if (missing || this._rows !== model.rows.length) {
      this._rows = model.rows.length;
      const fitted = fitColumnWidths(
        model.rows,
        model.columns,
        textMeasurer(node),
        this._trans
      );
      // Grow only: a page of longer values must not make columns jump back.
      for (const [id, w] of fitted) {
        this._fitted.set(id, Math.max(w, this._fitted.get(id) ?? 0));
      }
    }
    const widths = model.layout.widths ?? {};
    const columns = model.columns.map(c => ({
      ...c,
      width: widths[c.id] ?? this._fitted.get(c.id) ?? c.width
    }));
    const pinned = pinnedOffsets(columns, model.layout, CHECK_WIDTH, viewport);
    return {
      columns,
      ctx: {
        model,
        trans: this._trans,
        pinned,
        pinEdge: [...pinned.keys()].pop() ?? null
      }
    };
  }

  private _model: TeamRunsModel;
  private _trans: TranslationBundle;
  private _fitted = new Map<string, number>();
  private _rows = -1;
}
