import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  bedProfileFitsSex,
  diagnosisFitsSex,
  diagnosisSex,
  inIcdRange,
  type Sex,
  type SexRestrictedRange,
  type SexRules,
} from '../../shared/hospitalisation/domain/sex-specific';

/** The reference data as migration 012 loads it (the rows of its VALUES lists). */
function migrationRules(): SexRules {
  const sql = readFileSync(
    new URL('../../shared/platform/db/migrations/012.do.sex-specific-rules.sql', import.meta.url),
    'utf8',
  );
  const diagnoses: SexRestrictedRange[] = [
    ...sql.matchAll(/\('([A-Z]\d\d(?:\.\d)?)', '([A-Z]\d\d(?:\.\d)?)', ([12]),/g),
  ].map((m) => ({ codeFrom: m[1]!, codeTo: m[2]!, sex: Number(m[3]) as Sex }));
  const beds = [...sql.matchAll(/^\s+\((\d+), '[^']+'\)/gm)].map((m) => Number(m[1]));
  return { diagnoses, bedProfiles: new Map(beds.map((b) => [b, 2 as Sex])) };
}

const rules = migrationRules();
const male = 1;
const female = 2;

describe('ICD-10 ranges', () => {
  it('holds subcodes of its bounds, not the category above a subcode range', () => {
    expect(inIcdRange('O80.0', 'O00', 'O99')).toBe(true);
    expect(inIcdRange('O99.8', 'O00', 'O99')).toBe(true);
    expect(inIcdRange('O00', 'O00', 'O99')).toBe(true);
    expect(inIcdRange('P00', 'O00', 'O99')).toBe(false);
    expect(inIcdRange('N39.0', 'N40', 'N51')).toBe(false);
    expect(inIcdRange('D07.3', 'D07.0', 'D07.3')).toBe(true);
    expect(inIcdRange('D07.4', 'D07.0', 'D07.3')).toBe(false);
    expect(inIcdRange('D07', 'D07.0', 'D07.3')).toBe(false);
    expect(inIcdRange(' n40 ', 'N40', 'N51')).toBe(true);
    expect(inIcdRange('N51.1*', 'N40', 'N51')).toBe(true);
  });
});

describe('sex-specific diagnoses and bed profiles (defect 5, migration 012 data)', () => {
  it('loads the ranges the brief names', () => {
    expect(rules.diagnoses.length).toBeGreaterThanOrEqual(30);
    const has = (from: string, to: string, sex: Sex) =>
      expect(rules.diagnoses).toContainEqual({ codeFrom: from, codeTo: to, sex });
    has('O00', 'O99', female);
    has('N40', 'N51', male);
    has('C51', 'C58', female);
    has('C60', 'C63', male);
    has('N70', 'N98', female);
    has('D25', 'D28', female);
    has('D29', 'D29', male);
    has('D06', 'D06', female);
    has('D07.0', 'D07.3', female);
    has('E28', 'E28', female);
    has('E29', 'E29', male);
    expect([...rules.bedProfiles.keys()].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 46]);
  });

  it('no code falls into ranges of both sexes', () => {
    for (const a of rules.diagnoses) {
      for (const b of rules.diagnoses) {
        if (a.sex === b.sex) continue;
        expect(
          inIcdRange(a.codeFrom, b.codeFrom, b.codeTo),
          `${a.codeFrom} in ${b.codeFrom}–${b.codeTo}`,
        ).toBe(false);
      }
    }
  });

  it('says which diagnoses fit which sex', () => {
    expect(diagnosisSex('O80.0', rules.diagnoses)).toBe(female);
    expect(diagnosisSex('N40', rules.diagnoses)).toBe(male);
    expect(diagnosisSex('I20.8', rules.diagnoses)).toBeNull();
    expect(diagnosisSex('D07.5', rules.diagnoses)).toBe(male);
    expect(diagnosisSex('Z38.0', rules.diagnoses)).toBeNull(); // a live-born infant: either sex
    expect(diagnosisFitsSex('O80.0', male, rules)).toBe(false);
    expect(diagnosisFitsSex('O80.0', female, rules)).toBe(true);
    expect(diagnosisFitsSex('N40', female, rules)).toBe(false);
    expect(diagnosisFitsSex('N40', male, rules)).toBe(true);
    expect(diagnosisFitsSex('C61', female, rules)).toBe(false);
    expect(diagnosisFitsSex('C53.9', male, rules)).toBe(false);
    expect(diagnosisFitsSex('E28.2', male, rules)).toBe(false);
    expect(diagnosisFitsSex('E29.1', female, rules)).toBe(false);
    expect(diagnosisFitsSex('J18.9', male, rules)).toBe(true);
    expect(diagnosisFitsSex('O80.0', null, rules)).toBe(true); // sex unknown: not judged
  });

  it('says which bed profiles fit which sex', () => {
    expect(bedProfileFitsSex(6, male, rules)).toBe(false);
    expect(bedProfileFitsSex(6, female, rules)).toBe(true);
    expect(bedProfileFitsSex(1, male, rules)).toBe(false);
    expect(bedProfileFitsSex(77, female, rules)).toBe(true); // urology: both sexes
    expect(bedProfileFitsSex(71, male, rules)).toBe(true);
    expect(bedProfileFitsSex(6, undefined, rules)).toBe(true);
  });
});
