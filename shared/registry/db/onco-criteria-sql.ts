import type postgres from 'postgres';
import type { Tx } from '../../platform/db/connection';
import {
  isPersonCondition,
  type OncoCondition,
  type OncoCriteria,
  type OncoNode,
} from '../domain/onco-criteria';

type Fragment = postgres.PendingQuery<postgres.Row[]>;

/**
 * The list builder's criteria (domain/onco-criteria.ts) as one SQL condition over `registry.onco_person op`:
 * postgres.js fragments, every value a parameter (codes, dates, days — never text spliced into SQL).
 *
 * A case condition becomes `exists (select 1 from registry.sl s … where s.person_id = op.person_id and s.onco
 * and … offset 0)`: a probe of the person's onco cases through `sl_person` for each register row the list
 * walks in its order (`offset 0` keeps it a correlated probe; without it the planner may turn it into a join
 * reading every onco case of the region to build a hash). The case's ZAP (`registry.zcase z`) is joined by its key
 * only when a condition needs it (the СМО). A `sameCase` group is one such probe with all its conditions inside.
 */
export function criteriaCondition(tx: Tx, criteria: OncoCriteria, today: string): Fragment {
  return personLevel(tx, criteria, today);
}

function combine(tx: Tx, op: 'and' | 'or', parts: Fragment[]): Fragment {
  if (parts.length === 0) return tx`true`;
  if (parts.length === 1) return parts[0]!;
  const joined = parts.reduce((acc, p) => (op === 'and' ? tx`${acc} and ${p}` : tx`${acc} or ${p}`));
  return tx`(${joined})`;
}

function personLevel(tx: Tx, node: OncoNode, today: string): Fragment {
  if (node.kind === 'group') {
    if (node.sameCase) return caseProbe(tx, node, today);
    return combine(
      tx,
      node.op,
      node.conditions.map((c) => personLevel(tx, c, today)),
    );
  }
  if (isPersonCondition(node)) return personCondition(tx, node, today);
  return caseProbe(tx, node, today);
}

/** One probe of the person's onco cases for a condition or a `sameCase` group. */
function caseProbe(tx: Tx, node: OncoNode, today: string): Fragment {
  const zcase = needsZcase(node) ? tx`join registry.zcase z on z.id = s.zcase_id` : tx``;
  return tx`exists (select 1 from registry.sl s ${zcase}
                    where s.person_id = op.person_id and s.onco and ${caseLevel(tx, node, today)} offset 0)`;
}

function caseLevel(tx: Tx, node: OncoNode, today: string): Fragment {
  if (node.kind === 'group') {
    return combine(
      tx,
      node.op,
      node.conditions.map((c) => caseLevel(tx, c, today)),
    );
  }
  if (isPersonCondition(node)) return personCondition(tx, node, today);
  return caseCondition(tx, node);
}

function needsZcase(node: OncoNode): boolean {
  if (node.kind === 'group') return node.conditions.some(needsZcase);
  return node.kind === 'smo';
}

/** An МКБ-10 range as a "C"-collation range: `C50 … C50` takes C50 and C50.0–C50.99, not C51. */
function mkbRange(tx: Tx, column: Fragment, from: string, to: string): Fragment {
  return tx`(${column} collate "C" >= ${from} and ${column} collate "C" <= ${`${to}\u{7f}`})`;
}

function personCondition(tx: Tx, c: OncoCondition, today: string): Fragment {
  switch (c.kind) {
    case 'diagnosis':
      return mkbRange(tx, c.of === 'first' ? tx`op.diagnosis` : tx`op.last_diagnosis`, c.from, c.to);
    case 'suspicionWithoutDiagnosis':
      return tx`(op.suspicion_date is not null
                 and (op.diagnosis_date is null or op.diagnosis_date >= op.suspicion_date)
                 and coalesce(op.diagnosis_date, ${today}::date) - op.suspicion_date > ${c.days}::int)`;
    case 'diagnosisWithoutTreatment':
      return tx`(op.diagnosis_date is not null
                 and coalesce(op.treatment_date, ${today}::date) - op.diagnosis_date > ${c.days}::int)`;
    default:
      throw new Error(`not a person condition: ${c.kind}`);
  }
}

/** A jsonb array of tag-named objects has an element matching a jsonpath filter (values as variables). */
function hasElement(tx: Tx, column: Fragment, path: string, vars: Record<string, unknown>): Fragment {
  return tx`jsonb_path_exists(${column}, ${path}::jsonpath, ${tx.json(vars as never)}::jsonb)`;
}

/**
 * `(@.TAG.double() == $tag[*] && …)` for the codes given: leaves are kept as the text sent, so a number is
 * compared as a number ("01" is 1); `$tag[*]` is any of the codes.
 */
function numericFilter(filters: Record<string, readonly number[] | undefined>): {
  expression: string;
  vars: Record<string, readonly number[]>;
} {
  const parts: string[] = [];
  const vars: Record<string, readonly number[]> = {};
  for (const [tag, codes] of Object.entries(filters)) {
    if (!codes) continue;
    parts.push(`@.${tag}.double() == $${tag}[*]`);
    vars[tag] = codes;
  }
  return { expression: parts.join(' && '), vars };
}

function caseCondition(tx: Tx, c: OncoCondition): Fragment {
  switch (c.kind) {
    case 'diagnosis':
      return mkbRange(tx, tx`s.ds1`, c.from, c.to);
    case 'stage':
      return tx`s.stad = any(${c.codes}::smallint[])`;
    case 'tnm':
      return combine(
        tx,
        'and',
        [
          c.t && tx`s.onk_t = any(${c.t}::smallint[])`,
          c.n && tx`s.onk_n = any(${c.n}::smallint[])`,
          c.m && tx`s.onk_m = any(${c.m}::smallint[])`,
        ].filter((p): p is Fragment => Boolean(p)),
      );
    case 'firstDetected':
      return tx`s.c_zab = 2`;
    case 'suspicion':
      return tx`s.ds_onk = 1`;
    case 'period':
      return combine(
        tx,
        'and',
        [
          c.from !== undefined && tx`s.date_2 >= ${c.from}::date`,
          c.to !== undefined && tx`s.date_1 <= ${c.to}::date`,
        ].filter((p): p is Fragment => Boolean(p)),
      );
    case 'mo':
      return tx`s.mo_code = any(${c.codes}::text[])`;
    case 'smo':
      return tx`z.smo_code = any(${c.codes}::text[])`;
    case 'profile':
      return tx`s.profil = any(${c.codes}::smallint[])`;
    case 'serviceType': {
      if (!c.surgery && !c.line && !c.cycle && !c.radiation) {
        return tx`s.usl_tips && ${c.types ?? []}::smallint[]`;
      }
      const filter = numericFilter({
        USL_TIP: c.types,
        HIR_TIP: c.surgery,
        LEK_TIP_L: c.line,
        LEK_TIP_V: c.cycle,
        LUCH_TIP: c.radiation,
      });
      return hasElement(tx, tx`s.onk_usl`, `$[*] ? (${filter.expression})`, filter.vars);
    }
    case 'drug': {
      if (!c.schemes) return tx`s.regnums && ${c.regnums ?? []}::text[]`;
      const parts = ['@.CODE_SH == $schemes[*]'];
      const vars: Record<string, readonly string[]> = { schemes: c.schemes };
      if (c.regnums) {
        parts.push('@.REGNUM == $regnums[*]');
        vars.regnums = c.regnums;
      }
      return hasElement(tx, tx`s.onk_usl`, `$[*].LEK_PR[*] ? (${parts.join(' && ')})`, vars);
    }
    case 'refusal':
      return c.codes ? tx`s.prots && ${c.codes}::smallint[]` : tx`cardinality(s.prots) > 0`;
    case 'consilium':
      return tx`s.pr_cons && ${c.purposes ?? [1, 2, 3]}::smallint[]`;
    case 'noConsilium':
      return tx`(cardinality(s.pr_cons) = 0 and registry.is_zno(s.ds1))`;
    case 'reason':
      return tx`s.ds1_t = any(${c.codes}::smallint[])`;
    case 'histology': {
      const filter = numericFilter({
        DIAG_TIP: c.type === undefined ? undefined : [c.type],
        DIAG_CODE: c.codes,
        DIAG_RSLT: c.results,
      });
      const parts = filter.expression ? [filter.expression] : [];
      if (c.withResult === true) parts.push('@.REC_RSLT.double() == 1');
      if (c.withResult === false) parts.push('!exists(@.REC_RSLT ? (@.double() == 1))');
      if (parts.length === 0) return tx`jsonb_array_length(s.b_diag) > 0`;
      return hasElement(tx, tx`s.b_diag`, `$[*] ? (${parts.join(' && ')})`, filter.vars);
    }
    case 'metastases':
      return tx`s.mtstz = 1`;
    case 'referral': {
      const filter = numericFilter({ NAPR_V: c.kinds, MET_ISSL: c.methods });
      if (!filter.expression) return tx`jsonb_array_length(s.napr) > 0`;
      return hasElement(tx, tx`s.napr`, `$[*] ? (${filter.expression})`, filter.vars);
    }
    default:
      throw new Error(`not a case condition: ${(c as OncoCondition).kind}`);
  }
}
