import type { FlkIssue, FlkRuleSet } from '../../platform/flk/issue';
import type { FactNeeds, HospFacts, Sender } from './package-facts';

/** One record judged: its FLK issues, what its write needs, and the persons whose data the check used. */
export interface Checked<F> {
  issues: FlkIssue[];
  facts: F;
  persons: string[];
}

/**
 * The pure rules of one message kind: what a record looks up, and how it is judged over the answers. `keys` name
 * what a record shares with others of the same package whose write its check must see (its source id, the
 * referral number it takes or names, the stay it changes): records sharing a key are checked one after another,
 * in package order, as if the package were processed record by record.
 */
export interface KindRules<R, F> {
  keys(record: R): string[];
  needs(needs: FactNeeds, sender: Sender, record: R, rules: FlkRuleSet): void;
  check(f: HospFacts, sender: Sender, record: R): Checked<F>;
}

/**
 * The rules of a kind that can judge a record which failed its schema, over the fields that passed it (a
 * `Partial` record): its look-ups and its issues. Without them a sender learns of a record's mistakes one layer
 * per attempt — the format first, the dates and identifiers only when the format is right.
 */
export interface FieldRules<R> {
  needs(needs: FactNeeds, sender: Sender, record: Partial<R>, rules: FlkRuleSet): void;
  check(f: HospFacts, sender: Sender, record: Partial<R>): FlkIssue[];
}

export const personsOf = (...ids: (string | null | undefined)[]): string[] => [
  ...new Set(ids.filter((id): id is string => Boolean(id))),
];
