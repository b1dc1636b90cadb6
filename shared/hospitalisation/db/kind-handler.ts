import type { AccessContext } from '../../platform/access/scoped';
import type {
  CheckedRecord,
  KindHandler as PlatformKindHandler,
  WriteItem,
  WriteResult,
} from '../../platform/exchange/package-processor';
import type { FieldRules, KindRules } from '../domain/kind-rules';
import { FactNeeds } from '../domain/package-facts';
import type { HospContext } from './lookups';
import { loadHospFacts } from './package-facts';

/**
 * How one hospitalisation message kind is checked and written: the platform's kind handler over this area's
 * context; process-package.ts adds each kind's permission.
 */
export type KindHandler<R, F> = Omit<PlatformKindHandler<HospContext, R, F>, 'permission'>;

/** Writes accepted records of a kind at once (one statement); each item names its package's journal row. */
export type KindWrite<F, R> = (
  ctx: HospContext,
  who: AccessContext,
  items: readonly WriteItem<R, F>[],
) => Promise<WriteResult>;

/**
 * A kind handler from the kind's pure rules (domain/*-checks.ts) and its write: the records' look-ups are gathered
 * and answered by one statement, then each record is judged in order.
 */
export function hospKind<R, F>(
  schema: KindHandler<R, F>['schema'],
  rules: KindRules<R, F>,
  write: KindWrite<F, R>,
  fieldRules?: FieldRules<R>,
): KindHandler<R, F> {
  return {
    schema,
    keys: rules.keys,
    async check(ctx, who, records): Promise<CheckedRecord<F>[]> {
      const needs = new FactNeeds();
      for (const r of records) rules.needs(needs, who, r, ctx.rules);
      const facts = await loadHospFacts(ctx, who.orgCode, needs);
      return records.map((r) => rules.check(facts, who, r));
    },
    write,
    ...(fieldRules && {
      async checkFields(ctx, who, records) {
        const needs = new FactNeeds();
        for (const r of records) fieldRules.needs(needs, who, r, ctx.rules);
        const facts = await loadHospFacts(ctx, who.orgCode, needs);
        return records.map((r) => fieldRules.check(facts, who, r));
      },
    }),
  };
}

/** Rows as one JSON parameter for `json_to_recordset` (one statement text whatever the number of rows). */
export const jsonRows = (rows: readonly Record<string, unknown>[]): string => JSON.stringify(rows);
