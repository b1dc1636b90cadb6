import { describe, expect, it } from 'vitest';
import { sortedBy } from '../../web/src/pages/hospitalisation/client-page';

interface Row {
  name: string | null;
  free: number;
}

const rows: Row[] = [
  { name: 'Ёлочка', free: 3 },
  { name: 'Больница № 10', free: 12 },
  { name: null, free: 0 },
  { name: 'Больница № 2', free: 7 },
];
const keys = { name: (r: Row) => r.name, free: (r: Row) => r.free };

describe('a whole list sorted on the client by a column', () => {
  it('sorts text in Russian order with numbers inside names as numbers, empty values last', () => {
    // Act
    const ascending = sortedBy(rows, 'name', keys).map((r) => r.name);
    const descending = sortedBy(rows, '-name', keys).map((r) => r.name);

    // Assess
    expect(ascending).toEqual(['Больница № 2', 'Больница № 10', 'Ёлочка', null]);
    expect(descending).toEqual(['Ёлочка', 'Больница № 10', 'Больница № 2', null]);
  });

  it('sorts numbers as numbers and leaves the order alone for an unknown field', () => {
    // Act
    const byFree = sortedBy(rows, '-free', keys).map((r) => r.free);
    const unknown = sortedBy(rows, 'nothing', keys);

    // Assess
    expect(byFree).toEqual([12, 7, 3, 0]);
    expect(unknown).toEqual(rows);
  });
});
