/**
 * ITeamRunsFilter: query terms other views (the sweep view's brush) add to
 * every Team runs table, ANDed with what the user typed and shown as a chip.
 * Also a command, for views and tests that hold no token.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import type { CommandRegistry } from '@lumino/commands';

import type { ITeamRunsFilter } from '../tokens';
import { TeamRunsCommandIDs } from './commandIds';
import type { TeamRunsModel } from './model';

export class TeamRunsFilter implements ITeamRunsFilter {
  /** *models*: the open tables (each gets every change). */
  constructor(models: () => TeamRunsModel[]) {
    this._models = models;
  }

  setExtraTerms(source: string, terms: readonly string[], label: string): void {
    const clean = terms.filter(t => t.trim());
    if (clean.length) {
      this._terms.set(source, { terms: [...clean], label });
    } else {
      this._terms.delete(source);
    }
    for (const model of this._models()) {
      void model.setExtraFilter(source, clean, label);
    }
  }

  /** Give a new table the terms set so far. */
  apply(model: TeamRunsModel): void {
    for (const [source, { terms, label }] of this._terms) {
      void model.setExtraFilter(source, terms, label);
    }
  }

  /** The command behind the token; args: {source, terms: string[], label}. */
  addCommand(commands: CommandRegistry, trans: TranslationBundle): void {
    commands.addCommand(TeamRunsCommandIDs.filterTerms, {
      label: trans.__('Filter Team runs by terms'),
      describedBy: {
        args: {
          type: 'object',
          properties: {
            source: { type: 'string' },
            terms: { type: 'array', items: { type: 'string' } },
            label: { type: 'string' }
          }
        }
      },
      execute: args => {
        const terms = Array.isArray(args.terms)
          ? args.terms.filter((t): t is string => typeof t === 'string')
          : [];
        this.setExtraTerms(
          String(args.source ?? 'command'),
          terms,
          String(args.label ?? terms.join(' '))
        );
      }
    });
  }

  private _models: () => TeamRunsModel[];
  private _terms = new Map<string, { terms: string[]; label: string }>();
}
