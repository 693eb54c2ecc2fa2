/** What the compare view needs from its host, and the runs it shows. */
import { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import type { TranslationBundle } from '@jupyterlab/translation';
import { ISignal } from '@lumino/signaling';
import * as React from 'react';
import { IManifest, INotebookJSON, ITeamRunsApi } from '../../api';

/** What the view asks its host (the plugin) to do. */
export interface ICompareActions {
  open(id: string): void;
  diff(base: string, remote: string): void;
  diffWithCurrent(id: string): void;
  restore(id: string): void;
  commentAdded(id: string, count: number): void;
  /** The notebook path "my current notebook" refers to, if any. */
  currentNotebook(): string | null;
}

export interface ICompareViewOptions {
  ids: string[];
  api: ITeamRunsApi;
  actions: ICompareActions;
  /** JupyterLab's registry; renders the Vega-Lite chart (none: no chart). */
  rendermime?: IRenderMimeRegistry | null;
  /** Emits when the theme changes (re-colour the chart). */
  themeChanged?: ISignal<any, any> | null;
  /** Translations of the user-visible texts (default: English). */
  trans?: TranslationBundle;
}

export interface IRun {
  summary: IManifest;
  notebook: INotebookJSON | null;
  code: string | null;
}

export function useAsync<T>(
  factory: () => Promise<T>,
  deps: React.DependencyList
): { value: T | null; error: string; loading: boolean } {
  const [state, setState] = React.useState<{
    value: T | null;
    error: string;
    loading: boolean;
  }>({ value: null, error: '', loading: true });
  React.useEffect(() => {
    let live = true;
    setState(s => ({ ...s, loading: true }));
    factory().then(
      value => live && setState({ value, error: '', loading: false }),
      error =>
        live &&
        setState({
          value: null,
          error: error instanceof Error ? error.message : String(error),
          loading: false
        })
    );
    return () => {
      live = false;
    };
  }, deps);
  return state;
}
