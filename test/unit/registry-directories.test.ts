import { beforeAll, describe, expect, it } from 'vitest';
import {
  type DirectoryBook,
  type DirectoryRow,
  directoryBook,
} from '../../shared/registry/domain/directories';
import { shippedDirectoryRows } from '../helpers/registry-directories';

/**
 * The directory book over the FFOMS publications shipped with the product: the relationship directories keep
 * their links in the fields the book reads (N002–N006, N008/N009, N011/N012, N021, V009/V012), so the relation
 * checks answer for real codes as they answer for the hand-made fixtures.
 */

const on = '2025-03-15';
let rows: DirectoryRow[];
let book: DirectoryBook;

const validOn = (r: DirectoryRow, date: string) =>
  r.dateBeg <= date && (r.dateEnd === null || r.dateEnd >= date);
const rowsOf = (directory: string, where: (r: DirectoryRow) => boolean = () => true) =>
  rows.filter((r) => r.directory === directory && validOn(r, on) && where(r));

beforeAll(async () => {
  rows = await shippedDirectoryRows([
    'V009',
    'V012',
    'N002',
    'N003',
    'N004',
    'N005',
    'N006',
    'N007',
    'N008',
    'N009',
    'N010',
    'N011',
    'N012',
    'N020',
    'N021',
  ]);
  book = directoryBook(rows);
});

describe('directory book over the shipped publications', () => {
  it('knows codes on the dates they are valid, and only then', () => {
    const closed = rows.find((r) => r.directory === 'N003' && r.dateEnd !== null && r.dateEnd < on);
    expect(closed).toBeDefined();
    expect(book.valid('N003', closed!.code, closed!.dateBeg)).toBe(true);
    const reopened = rows.some((r) => r.directory === 'N003' && r.code === closed!.code && validOn(r, on));
    expect(book.valid('N003', closed!.code, on)).toBe(reopened);
    expect(book.valid('N003', 'no-such-code', on)).toBe(false);
  });

  it('keeps the conditions of care of every result and outcome (DL_USLOV)', () => {
    for (const r of rows.filter((x) => x.directory === 'V009' || x.directory === 'V012'))
      expect(r.attrs?.DL_USLOV, `${r.directory} ${r.code}`).toMatch(/^[1-4]$/);
    expect(book.attr('V009', '101', on, 'DL_USLOV')).toBe('1');
  });

  it('gives a stage of N002 to its diagnosis and its subcodes, not to another diagnosis', () => {
    const c16 = rowsOf('N002', (r) => r.attrs?.DS_St === 'C16');
    const c50 = rowsOf('N002', (r) => r.attrs?.DS_St === 'C50');
    const general = rowsOf('N002', (r) => r.attrs?.DS_St === undefined);
    expect(c16.length && c50.length && general.length).toBeTruthy();
    for (const r of c16) {
      expect(book.stagingFit('N002', r.code, 'C16', on)).toBe('fits');
      expect(book.stagingFit('N002', r.code, 'C16.2', on)).toBe('fits');
      expect(book.stagingFit('N002', r.code, 'C50.4', on)).toBe('other');
    }
    // C26 has no stages of its own: the stages without a diagnosis hold for it, C16's do not.
    expect(book.stagingFit('N002', general[0]!.code, 'C26.0', on)).toBe('fits');
    expect(book.stagingFit('N002', c16[0]!.code, 'C26.0', on)).toBe('other');
    expect(book.stagingFit('N002', general[0]!.code, 'C16.2', on)).toBe('other');
  });

  it('gives T, N and M of N003–N005 to their diagnosis', () => {
    for (const [directory, field] of [
      ['N003', 'DS_T'],
      ['N004', 'DS_N'],
      ['N005', 'DS_M'],
    ] as const) {
      const own = rowsOf(directory, (r) => r.attrs?.[field] === 'C18');
      const other = rowsOf(directory, (r) => r.attrs?.[field] === 'C61');
      expect(own.length && other.length).toBeTruthy();
      expect(book.stagingFit(directory, own[0]!.code, 'C18.7', on)).toBe('fits');
      expect(book.stagingFit(directory, other[0]!.code, 'C18.7', on)).toBe('other');
    }
  });

  it('knows the stage ↔ TNM groups of N006 on the dates they hold (the publication closed them after 2018)', () => {
    const in2018 = '2018-11-01';
    const groups = rows.filter(
      (r) => r.directory === 'N006' && r.attrs?.DS_gr === 'C18' && validOn(r, in2018),
    );
    expect(groups.length).toBeGreaterThan(0);
    for (const g of groups) {
      const a = g.attrs!;
      expect(book.tnmFit('C18.7', a.ID_St!, a.ID_T!, a.ID_N!, a.ID_M!, in2018)).toBe('fits');
    }
    const g = groups[0]!.attrs!;
    expect(book.tnmFit('C18.7', g.ID_St!, g.ID_T!, g.ID_N!, 'no-such-m', in2018)).toBe('other');
    expect(book.tnmFit('C26.0', g.ID_St!, g.ID_T!, g.ID_N!, g.ID_M!, in2018)).toBe('unlisted');
    // No group holds after 2018: nothing to compare, so REG.ONK_SL.TNM.N006 stays silent.
    expect(rowsOf('N006')).toEqual([]);
    expect(book.tnmFit('C18.7', g.ID_St!, g.ID_T!, g.ID_N!, 'no-such-m', on)).toBe('unlisted');
  });

  it('links results to their histology type (N008) or marker (N011), and both to diagnoses (N009, N012)', () => {
    const result = rowsOf('N008')[0]!;
    expect(book.attr('N008', result.code, on, 'ID_Mrf')).toBe(result.attrs!.ID_Mrf);
    const markerResult = rowsOf('N011')[0]!;
    expect(book.attr('N011', markerResult.code, on, 'ID_Igh')).toBe(markerResult.attrs!.ID_Igh);

    const histology = rowsOf('N009', (r) => r.attrs?.DS_Mrf === 'C16')[0]!;
    expect(book.histologyFit('C16.2', histology.attrs!.ID_Mrf!, on)).toBe('fits');
    expect(book.histologyFit('C16.2', 'no-such-type', on)).toBe('other');
    expect(book.histologyFit('C81.1', histology.attrs!.ID_Mrf!, on)).toBe('unlisted');

    const marker = rowsOf('N012', (r) => r.attrs?.DS_Igh === 'C50')[0]!;
    expect(book.markerFit('C50.4', marker.attrs!.ID_Igh!, on)).toBe('fits');
    expect(book.markerFit('C50.4', 'no-such-marker', on)).toBe('other');
  });

  it('knows the drugs of a scheme (N021) on the dates the link holds', () => {
    const link = rows.find((r) => r.directory === 'N021')!;
    const { CODE_SH, ID_LEKP } = link.attrs!;
    expect(book.drugFit(CODE_SH!, ID_LEKP!, link.dateBeg)).toBe('fits');
    expect(book.drugFit(CODE_SH!, 'no-such-drug', link.dateBeg)).toBe('other');
    expect(book.drugFit('no-such-scheme', ID_LEKP!, link.dateBeg)).toBe('unlisted');
  });
});
