/**
 * A re-run's verdict as people read it: one label, one explanation and one
 * class per verdict, shared by the history panel, the Team runs column and the
 * re-run dialog.
 */
import type { TranslationBundle } from '@jupyterlab/translation';

import { defaultTrans } from '../translation';

export type Verdict = 'reproduced' | 'differs' | 'failed';

export const VERDICTS: readonly Verdict[] = ['reproduced', 'differs', 'failed'];

export function isVerdict(value: unknown): value is Verdict {
  return typeof value === 'string' && (VERDICTS as string[]).includes(value);
}

export interface IVerdictText {
  /** Short label for a badge ("Reproduced"). */
  label: string;
  /** A sentence for a tooltip or a screen reader. */
  title: string;
  /** The CSS modifier class (`jp-snapshots-verdict-<verdict>`). */
  className: string;
}

export function verdictText(
  verdict: Verdict,
  trans: TranslationBundle = defaultTrans()
): IVerdictText {
  const className = `jp-snapshots-verdict jp-snapshots-verdict-${verdict}`;
  switch (verdict) {
    case 'reproduced':
      return {
        label: trans.__('Reproduced'),
        title: trans.__(
          'Re-run from scratch: every cell gave the same or close outputs'
        ),
        className
      };
    case 'differs':
      return {
        label: trans.__('Differs'),
        title: trans.__('Re-run from scratch: some outputs differ'),
        className
      };
    case 'failed':
      return {
        label: trans.__('Failed'),
        title: trans.__('Re-run from scratch: a cell failed or timed out'),
        className
      };
  }
}
