import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { schemaIssues } from '../../shared/platform/flk/schema-issues';
import {
  criteriaSize,
  isPersonCondition,
  normaliseMkb,
  OncoCriteria,
  type OncoNodeInput,
} from '../../shared/registry/domain/onco-criteria';
import {
  criteriaFromParams,
  OncoExportBody,
  OncoListBody,
  OncoListQuery,
} from '../../shared/registry/domain/onco-criteria-params';

const and = (...conditions: OncoNodeInput[]): OncoNodeInput => ({ kind: 'group', op: 'and', conditions });
const issuesOf = (value: unknown) => {
  const result = OncoCriteria.safeParse(value);
  return result.success ? [] : schemaIssues(result.error);
};

describe('the list builder’s criteria (zod schema)', () => {
  it('accepts a nested tree of every kind of condition and fills the defaults', () => {
    // Prepare
    const tree = {
      kind: 'group',
      op: 'or',
      conditions: [
        and(
          { kind: 'diagnosis', from: 'C50', to: 'C50.9' },
          { kind: 'stage', codes: [5, 6] },
          { kind: 'tnm', t: [3], m: [1] },
          { kind: 'period', from: '2026-01-01', to: '2026-12-31' },
        ),
        {
          kind: 'group',
          op: 'and',
          sameCase: true,
          conditions: [
            { kind: 'drug', regnums: ['000123'], schemes: ['sh0001'] },
            { kind: 'serviceType', types: [2], line: [1] },
            { kind: 'mo', codes: ['640001'] },
            { kind: 'smo', codes: ['64001'] },
          ],
        },
        { kind: 'firstDetected' },
        { kind: 'suspicion' },
        { kind: 'suspicionWithoutDiagnosis', days: 15 },
        { kind: 'diagnosisWithoutTreatment', days: 14 },
        { kind: 'profile', codes: [60] },
        { kind: 'refusal' },
        { kind: 'consilium', purposes: [2] },
        { kind: 'noConsilium' },
        { kind: 'reason', codes: [0, 1] },
        { kind: 'histology', type: 2, withResult: true },
        { kind: 'metastases' },
        { kind: 'referral', kinds: [1] },
        { kind: 'diagnosis', from: 'C00', to: 'C97', of: 'last' },
      ],
    };

    // Act
    const parsed = OncoCriteria.parse(tree);

    // Assess
    expect(parsed.sameCase).toBe(false);
    expect(parsed.conditions[0]).toMatchObject({ kind: 'group', sameCase: false });
    expect(parsed.conditions[0]!.kind === 'group' && parsed.conditions[0].conditions[0]).toMatchObject({
      kind: 'diagnosis',
      of: 'case',
    });
    expect(criteriaSize(parsed)).toEqual({ conditions: 21, depth: 2 });
  });

  it('reads МКБ-10 codes typed in Cyrillic or lower case as the Latin code', () => {
    expect(normaliseMkb(' с50.1 ')).toBe('C50.1');
    const parsed = OncoCriteria.parse(and({ kind: 'diagnosis', from: 'с50', to: 'С50' }));
    expect(parsed.conditions[0]).toMatchObject({ from: 'C50', to: 'C50' });
  });

  it('names what is wrong in Russian, with the path of the condition', () => {
    const issues = issuesOf({
      kind: 'group',
      op: 'и',
      conditions: [
        { kind: 'diagnosis', from: 'C51', to: 'C50' },
        { kind: 'stage', codes: [] },
        { kind: 'телепатия' },
        { kind: 'period' },
        { kind: 'drug' },
        { kind: 'mo', codes: ['12'] },
        { kind: 'suspicionWithoutDiagnosis', days: -1 },
        { kind: 'tnm' },
      ],
    });
    const byField = Object.fromEntries(issues.map((i) => [i.field, i.message]));
    expect(byField.op).toBe('Связка условий: and («и») или or («или»)');
    expect(byField['conditions.0.to']).toBe('Начало диапазона МКБ-10 не может быть больше конца');
    expect(byField['conditions.1.codes']).toBe('Укажите хотя бы один код справочника N002');
    expect(byField['conditions.2.kind']).toMatch(/^Неизвестный вид условия/);
    expect(byField['conditions.3.from']).toBe('Укажите начало или конец периода');
    expect(byField['conditions.4.regnums']).toBe('Укажите препарат или схему');
    expect(byField['conditions.5.codes.0']).toBe('код МО: шесть цифр (F003)');
    expect(byField['conditions.6.days']).toMatch(/^Число вне допустимого диапазона/);
    expect(byField['conditions.7.t']).toBe('Укажите хотя бы одну категорию: T, N или M');
    for (const issue of issues) expect(issue.message).toMatch(/[А-Яа-я]/);
  });

  it('limits the size and depth of a tree', () => {
    const half = () => and(...Array.from({ length: 26 }, () => ({ kind: 'metastases' }) as OncoNodeInput));
    const many = and(half(), half());
    expect(issuesOf(many).map((i) => i.message)).toContain('Не более 50 условий во всех группах вместе');
    let deep: OncoNodeInput = { kind: 'metastases' };
    for (let i = 0; i < 5; i++) deep = and(deep);
    expect(issuesOf(deep).map((i) => i.message)).toContain('Не более 4 уровней вложенных групп');
  });

  it('tells person conditions from case conditions', () => {
    expect(isPersonCondition({ kind: 'suspicionWithoutDiagnosis', days: 1 })).toBe(true);
    expect(isPersonCondition({ kind: 'diagnosis', from: 'C50', to: 'C50', of: 'first' })).toBe(true);
    expect(isPersonCondition({ kind: 'diagnosis', from: 'C50', to: 'C50', of: 'case' })).toBe(false);
    expect(isPersonCondition({ kind: 'stage', codes: [1] })).toBe(false);
  });

  it('never throws on arbitrary JSON: it parses or names issues', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = OncoCriteria.safeParse(value);
        if (!result.success) expect(schemaIssues(result.error).length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});

describe('criteria from the query parameters of GET /api/v1/onco/persons', () => {
  it('combines the simple parameters with AND at the person level, and the tree with them', () => {
    // Act
    const q = OncoListQuery.parse({
      diagnosisFrom: 'C50',
      stage: '5,6',
      moCode: '640001',
      dateFrom: '2026-01-01',
      regnum: '000123',
      firstDetected: 'true',
      suspicionWithoutDiagnosisDays: '15',
      refusal: 'any',
      criteria: JSON.stringify({ kind: 'group', op: 'or', conditions: [{ kind: 'metastases' }] }),
    });
    const criteria = criteriaFromParams(q);

    // Assess
    expect(q).toMatchObject({ page: 1, pageSize: 25, sort: '-lastDate' });
    expect(criteria).toEqual({
      kind: 'group',
      op: 'and',
      sameCase: false,
      conditions: [
        { kind: 'diagnosis', from: 'C50', to: 'C50', of: 'case' },
        { kind: 'stage', codes: [5, 6] },
        { kind: 'mo', codes: ['640001'] },
        { kind: 'period', from: '2026-01-01' },
        { kind: 'drug', regnums: ['000123'] },
        { kind: 'refusal' },
        { kind: 'firstDetected' },
        { kind: 'suspicionWithoutDiagnosis', days: 15 },
        { kind: 'group', op: 'or', sameCase: false, conditions: [{ kind: 'metastases' }] },
      ],
    });
  });

  it('puts the case parameters in one case with sameCase=true, and leaves a lone tree as it is', () => {
    const same = criteriaFromParams(OncoListQuery.parse({ stage: '5', serviceType: '2', sameCase: 'true' }));
    expect(same).toEqual({
      kind: 'group',
      op: 'and',
      sameCase: true,
      conditions: [
        { kind: 'stage', codes: [5] },
        { kind: 'serviceType', types: [2] },
      ],
    });
    const tree = { kind: 'group', op: 'or', sameCase: false, conditions: [{ kind: 'suspicion' }] };
    expect(criteriaFromParams(OncoListQuery.parse({ criteria: JSON.stringify(tree) }))).toEqual(tree);
    expect(criteriaFromParams(OncoListQuery.parse({}))).toEqual({
      kind: 'group',
      op: 'and',
      sameCase: false,
      conditions: [],
    });
  });

  it('refuses bad parameters with Russian messages', () => {
    const result = OncoListQuery.safeParse({
      stage: '5,x',
      moCode: '64',
      criteria: '{oops',
      sort: 'name',
      noConsilium: 'да',
    });
    expect(result.success).toBe(false);
    const byField = Object.fromEntries(schemaIssues(result.error!).map((i) => [i.field, i.message]));
    expect(byField['stage.1']).toBe('Ожидается целое число');
    expect(byField['moCode.0']).toBe('Код МО — шесть цифр (F003)');
    expect(byField.criteria).toBe('Условия отбора (criteria) — некорректный JSON');
    expect(byField.sort).toBe('Порядок: -lastDate или lastDate');
    expect(byField.noConsilium).toBe('Ожидается true или false');
  });

  it('checks the bodies of saving a list and of an export', () => {
    expect(OncoListBody.parse({ name: ' Мои ', criteria: and() })).toMatchObject({
      name: 'Мои',
      shared: false,
    });
    expect(schemaIssues(OncoListBody.safeParse({ name: '', criteria: and() }).error!)[0]!.message).toBe(
      'Укажите название списка',
    );
    expect(OncoExportBody.safeParse({ listId: '12' }).success).toBe(true);
    expect(schemaIssues(OncoExportBody.safeParse({}).error!)[0]!.message).toBe(
      'Укажите либо условия отбора (criteria), либо сохранённый список (listId)',
    );
  });
});
