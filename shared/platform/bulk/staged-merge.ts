import type { Tx } from '../db/connection';
import { commaList, type Fragment } from './sql-lists';

/**
 * The set-based merge of a bulk import: staged records (ok = true) become rows of the register — parents
 * matched by a natural key and updated or inserted, and their child lists (a person's documents, policies,
 * attachments; an invoice's services …) replaced — but only where the file differs from the register: a file
 * mostly confirms what is known, and rewriting it would cost index, foreign-key and audit work for nothing.
 *
 * Conventions: the staged parents (`parents.stage`) have `import_id, ordinal, ok, created`, a column for the
 * register's id (`parents.id`, filled by the merge), a `changed` flag of their own columns and one flag per
 * child list; staged children have `import_id, ordinal, seq` and the child columns; the register's child table
 * has the parent's id under the same name and the same columns.
 */

export interface StagedParents {
  /** The staging table: `ops.erz_stage_person`. */
  stage: string;
  /** The register's table: `person.person`. */
  table: string;
  /** The staged column that receives the register's id (`person_id`); the register's own id column is `id`. */
  id: string;
  /** The natural key, the same column in both: `enp`. */
  key: string;
  /** The columns the file says, the same names in both. */
  columns: readonly string[];
  /** The staged flag: these columns differ from the register's. */
  changed: string;
  /** A register column set to now() whenever the file changes the parent (or its lists). */
  stamp?: string;
}

export interface ChildList {
  /** For phase names: `documents`. */
  name: string;
  /** The register's table: `person.document`. */
  table: string;
  /** Its staging table: `ops.erz_stage_document`. */
  stage: string;
  /** The staged parent's flag set when the list differs: `documents_changed`. */
  flag: string;
  columns: readonly string[];
}

export function stagedMerge(
  tx: Tx,
  parents: StagedParents,
  children: readonly ChildList[],
  importId: number,
) {
  const names = (list: readonly string[], prefix?: string): Fragment =>
    commaList(
      tx,
      list.map((c) => tx`${tx(prefix ? `${prefix}.${c}` : c)}`),
    );
  const stage = tx(parents.stage);
  const table = tx(parents.table);
  const id = (prefix: string) => tx(`${prefix}.${parents.id}`);
  const flag = (prefix: string, name: string) => tx(`${prefix}.${name}`);
  const anyChange = [parents.changed, ...children.map((c) => c.flag)]
    .map((f) => tx`${flag('s', f)}`)
    .reduce((acc, f) => tx`${acc} or ${f}`);
  const stamped = parents.stamp ? tx(parents.stamp) : null;

  return {
    /** Finds each staged parent in the register by its key and flags whether its own columns differ. */
    compareParents: () => tx`
      update ${stage} s
      set ${tx(parents.id)} = t.id,
          ${tx(parents.changed)} = (${names(parents.columns, 't')}) is distinct from (${names(parents.columns, 's')})
      from ${table} t
      where s.import_id = ${importId} and s.ok and ${flag('t', parents.key)} = ${flag('s', parents.key)}`,

    /** Multisets of rows per parent: any row in one and not in the other marks the parent's list changed. */
    compareChildren: (child: ChildList) => tx`
      with file as (
        select ${id('s')}, ${names(child.columns, 'f')}
        from ${tx(child.stage)} f
        join ${stage} s on s.import_id = f.import_id and s.ordinal = f.ordinal
        where f.import_id = ${importId} and s.ok and ${id('s')} is not null
      ), register as (
        select ${id('r')}, ${names(child.columns, 'r')}
        from ${tx(child.table)} r
        join ${stage} s on ${id('s')} = ${id('r')}
        where s.import_id = ${importId} and s.ok
      ), changed as (
        select ${tx(parents.id)} from (select * from file except all select * from register) a
        union
        select ${tx(parents.id)} from (select * from register except all select * from file) b
      )
      update ${stage} s set ${tx(child.flag)} = true
      from changed c where s.import_id = ${importId} and s.ok and ${id('s')} = ${id('c')}`,

    /** Registered parents the file changes in any way: their columns (and stamp) from the file. */
    updateParents: () => tx`
      update ${table} t
      set ${commaList(
        tx,
        parents.columns.map((c) => tx`${tx(c)} = ${flag('s', c)}`),
      )} ${stamped ? tx`, ${stamped} = now()` : tx``}
      from ${stage} s
      where s.import_id = ${importId} and s.ok and ${id('s')} = t.id and (${anyChange})`,

    /**
     * New parents, in file order, their ids written back (`created`). A plain INSERT: the caller serialises
     * merges (an advisory lock); should another writer insert the same key meanwhile, the unique index fails
     * the import and its retry updates.
     */
    insertParents: () => tx`
      with added as (
        insert into ${table} (${tx(parents.key)}, ${names(parents.columns)} ${stamped ? tx`, ${stamped}` : tx``})
        select ${tx(parents.key)}, ${names(parents.columns)} ${stamped ? tx`, now()` : tx``}
        from ${stage} where import_id = ${importId} and ok and ${tx(parents.id)} is null
        order by ordinal
        returning id, ${tx(parents.key)}
      )
      update ${stage} s set ${tx(parents.id)} = added.id, created = true
      from added where s.import_id = ${importId} and s.ok and ${flag('s', parents.key)} = ${flag('added', parents.key)}`,

    /** Deletes the register's rows of the parents whose list changed (new parents have none). */
    deleteChildren: (child: ChildList) => tx`
      delete from ${tx(child.table)} t using ${stage} s
      where s.import_id = ${importId} and s.ok and not s.created and ${flag('s', child.flag)}
        and ${id('t')} = ${id('s')}`,

    /** Inserts the file's rows of new parents and of parents whose list changed, in file order. */
    insertChildren: (child: ChildList) => tx`
      insert into ${tx(child.table)} (${tx(parents.id)}, ${names(child.columns)})
      select ${id('s')}, ${names(child.columns, 'f')}
      from ${tx(child.stage)} f
      join ${stage} s on s.import_id = f.import_id and s.ordinal = f.ordinal
      where f.import_id = ${importId} and s.ok and (s.created or ${flag('s', child.flag)})
      order by f.ordinal, f.seq`,
  };
}
