import type { PendingQuery, Row } from 'postgres';
import type { Db } from '../db/connection';

export type Fragment = PendingQuery<Row[]>;

/** Fragments joined by `, ` (an empty list is an empty fragment). */
export function commaList(db: Db, items: readonly Fragment[]): Fragment {
  return items.reduce<Fragment | null>((acc, item) => (acc ? db`${acc}, ${item}` : item), null) ?? db``;
}

/** A value for a column: objects (jsonb) as JSON, the rest as parameters. */
export function columnValue(db: Db, value: unknown): Fragment {
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return db`${db.json(value as never)}`;
  }
  return db`${value as string | number | boolean | null}`;
}

/** `column = value, …` for an UPDATE. */
export function assignments(db: Db, values: Readonly<Record<string, unknown>>): Fragment {
  return commaList(
    db,
    Object.entries(values).map(([column, value]) => db`${db(column)} = ${columnValue(db, value)}`),
  );
}
