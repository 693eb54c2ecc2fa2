/**
 * The Team runs column menu (header right-click, Shift+F10, toolbar
 * "Columns"): show/hide, move, sort and reset columns. Its items are commands
 * of the application's registry, acting on the model of the table that opened
 * the menu (`args.id`: the column).
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import { CommandRegistry } from '@lumino/commands';
import { ReadonlyPartialJSONObject } from '@lumino/coreutils';
import { Menu } from '@lumino/widgets';

import { setColumnWidth } from './columnDrag';
import {
  arrangeColumns,
  columnLabel,
  IColumn,
  isPinned,
  setHidden,
  shiftColumn
} from './columns';
import type { TeamRunsModel } from './model';

export namespace ColumnCommandIDs {
  export const toggle = 'jupyter-ext:team-runs-column-toggle';
  export const hide = 'jupyter-ext:team-runs-column-hide';
  export const left = 'jupyter-ext:team-runs-column-left';
  export const right = 'jupyter-ext:team-runs-column-right';
  export const sortAscending = 'jupyter-ext:team-runs-column-sort-asc';
  export const sortDescending = 'jupyter-ext:team-runs-column-sort-desc';
  export const reset = 'jupyter-ext:team-runs-columns-reset';
  export const pin = 'jupyter-ext:team-runs-column-pin';
  export const curve = 'jupyter-ext:team-runs-column-curve';
  export const wider = 'jupyter-ext:team-runs-column-wider';
  export const narrower = 'jupyter-ext:team-runs-column-narrower';
  export const fit = 'jupyter-ext:team-runs-column-fit';
  /** Show only the parameter/metric columns whose values differ (toggle). */
  export const differOnly = 'jupyter-ext:team-runs-columns-differ';
  export const none = 'jupyter-ext:team-runs-columns-none';
}

/**
 * Add the column commands to *commands*; *model* is the table they act on
 * (the one whose menu is open), null when there is none.
 */
export function addColumnCommands(
  commands: CommandRegistry,
  model: () => TeamRunsModel | null,
  trans: TranslationBundle
): void {
  const column = (args: ReadonlyPartialJSONObject): IColumn | undefined =>
    model()?.allColumns.find(c => c.id === args.id);
  const withModel =
    (action: (m: TeamRunsModel, id: string) => void) =>
    (args: ReadonlyPartialJSONObject): void => {
      const m = model();
      if (m && typeof args.id === 'string') {
        action(m, args.id);
      }
    };
  const sort = (descending: boolean) =>
    withModel((m, id) => {
      const c = m.allColumns.find(col => col.id === id);
      if (c?.sortKey) {
        void m.setSort({ key: c.sortKey, descending });
      }
    });

  commands.addCommand(ColumnCommandIDs.toggle, {
    label: args => {
      const c = column(args);
      return c ? columnLabel(c, trans) : String(args.id);
    },
    isToggled: args => !model()?.layout.hidden.includes(args.id as string),
    execute: withModel((m, id) =>
      m.setLayout(setHidden(m.layout, id, !m.layout.hidden.includes(id)))
    )
  });
  commands.addCommand(ColumnCommandIDs.hide, {
    label: trans.__('Hide column'),
    execute: withModel((m, id) => m.setLayout(setHidden(m.layout, id, true)))
  });
  commands.addCommand(ColumnCommandIDs.left, {
    label: trans.__('Move left'),
    isEnabled: args => model()?.columns[0]?.id !== args.id,
    execute: withModel((m, id) =>
      m.setLayout(shiftColumn(m.allColumns, m.layout, id, -1))
    )
  });
  commands.addCommand(ColumnCommandIDs.right, {
    label: trans.__('Move right'),
    isEnabled: args => {
      const columns = model()?.columns ?? [];
      return columns[columns.length - 1]?.id !== args.id;
    },
    execute: withModel((m, id) =>
      m.setLayout(shiftColumn(m.allColumns, m.layout, id, 1))
    )
  });
  commands.addCommand(ColumnCommandIDs.sortAscending, {
    label: trans.__('Sort ascending'),
    execute: sort(false)
  });
  commands.addCommand(ColumnCommandIDs.sortDescending, {
    label: trans.__('Sort descending'),
    execute: sort(true)
  });
  commands.addCommand(ColumnCommandIDs.reset, {
    label: trans.__('Reset columns'),
    caption: trans.__(
      'Parameters and metrics first and pinned, widths fitted, all shown'
    ),
    execute: () => model()?.setLayout({ order: [], hidden: [] })
  });
  commands.addCommand(ColumnCommandIDs.pin, {
    label: trans.__('Pin column'),
    caption: trans.__('Keep this column at the left while scrolling sideways'),
    isToggled: args => {
      const m = model();
      const c = column(args);
      return !!m && !!c && isPinned(m.layout, c);
    },
    execute: withModel((m, id) => {
      const current = m.allColumns.filter(c => isPinned(m.layout, c));
      const ids = current.map(c => c.id);
      const pinned = ids.includes(id)
        ? ids.filter(p => p !== id)
        : [...ids, id];
      m.setLayout({ ...m.layout, pinned });
    })
  });
  commands.addCommand(ColumnCommandIDs.curve, {
    label: trans.__('Show step curve'),
    caption: trans.__(
      'A column beside this metric with its values over the steps of each run'
    ),
    isVisible: args => column(args)?.kind === 'metric',
    isToggled: args => {
      const c = column(args);
      return !!c && !!model()?.layout.sparklines?.includes(c.name);
    },
    execute: withModel((m, id) => {
      const c = m.allColumns.find(col => col.id === id);
      if (!c || c.kind !== 'metric') {
        return;
      }
      const names = m.layout.sparklines ?? [];
      const sparklines = names.includes(c.name)
        ? names.filter(n => n !== c.name)
        : [...names, c.name];
      m.setLayout({ ...m.layout, sparklines });
    })
  });
  const resize = (step: number) =>
    withModel((m, id) => {
      const c = m.columns.find(col => col.id === id);
      const now = m.layout.widths?.[id] ?? c?.width ?? 96;
      setColumnWidth(m, id, now + step);
    });
  commands.addCommand(ColumnCommandIDs.wider, {
    label: trans.__('Wider'),
    execute: resize(24)
  });
  commands.addCommand(ColumnCommandIDs.narrower, {
    label: trans.__('Narrower'),
    execute: resize(-24)
  });
  commands.addCommand(ColumnCommandIDs.fit, {
    label: trans.__('Fit width to content'),
    isEnabled: args => !!model()?.layout.widths?.[args.id as string],
    execute: withModel((m, id) => setColumnWidth(m, id, null))
  });
  commands.addCommand(ColumnCommandIDs.differOnly, {
    label: trans.__('Only columns that differ'),
    caption: trans.__(
      'Hide the parameters and metrics that have the same value in every run shown'
    ),
    isToggled: () => !!model()?.layout.differOnly,
    execute: () => {
      const m = model();
      m?.setLayout({ ...m.layout, differOnly: !m.layout.differOnly });
    }
  });
  commands.addCommand(ColumnCommandIDs.none, {
    label: trans.__('(none yet)'),
    isEnabled: () => false,
    execute: () => undefined
  });
}

/** Open the column menu of *model* at a point; *columnId*: the header it is about. */
export function openColumnMenu(
  commands: CommandRegistry,
  model: TeamRunsModel,
  trans: TranslationBundle,
  x: number,
  y: number,
  columnId: string | null = null
): Menu {
  const menu = new Menu({ commands });
  menu.addClass('jp-snapshots-runs-column-menu');
  if (columnId) {
    const column = model.allColumns.find(c => c.id === columnId);
    const args = { id: columnId };
    if (column?.sortKey) {
      menu.addItem({ command: ColumnCommandIDs.sortAscending, args });
      menu.addItem({ command: ColumnCommandIDs.sortDescending, args });
      menu.addItem({ type: 'separator' });
    }
    menu.addItem({ command: ColumnCommandIDs.hide, args });
    menu.addItem({ command: ColumnCommandIDs.pin, args });
    menu.addItem({ command: ColumnCommandIDs.curve, args });
    menu.addItem({ command: ColumnCommandIDs.left, args });
    menu.addItem({ command: ColumnCommandIDs.right, args });
    menu.addItem({ command: ColumnCommandIDs.wider, args });
    menu.addItem({ command: ColumnCommandIDs.narrower, args });
    menu.addItem({ command: ColumnCommandIDs.fit, args });
    menu.addItem({ type: 'separator' });
  }
  const all = arrangeColumns(model.allColumns, model.layout, true);
  const groups: [string, IColumn[]][] = [
    [trans.__('Run columns'), all.filter(c => c.kind === 'run')],
    [trans.__('Parameters'), all.filter(c => c.kind === 'param')],
    [trans.__('Metrics'), all.filter(c => c.kind === 'metric')]
  ];
  for (const [label, columns] of groups) {
    const sub = new Menu({ commands });
    sub.title.label = label;
    for (const c of columns) {
      sub.addItem({ command: ColumnCommandIDs.toggle, args: { id: c.id } });
    }
    if (columns.length === 0) {
      sub.addItem({ command: ColumnCommandIDs.none });
    }
    menu.addItem({ type: 'submenu', submenu: sub });
  }
  menu.addItem({ type: 'separator' });
  menu.addItem({ command: ColumnCommandIDs.differOnly });
  menu.addItem({ command: ColumnCommandIDs.reset });
  menu.open(x, y);
  return menu;
}
