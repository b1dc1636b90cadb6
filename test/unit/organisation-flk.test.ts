import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { organisationFromDirectory } from '../../shared/org/domain/directory-organisation';
import {
  checkBeds,
  checkDepartment,
  checkDistrict,
  checkDoctorSnils,
  checkOrganisation,
  checkOrganisationCode,
  departmentNsiReferences,
  nsiErrors,
  nsiKey,
} from '../../shared/org/domain/organisation-flk';
import { DepartmentFields, OrganisationFields } from '../../shared/org/domain/organisation-input';
import {
  type DirectoryOrganisation,
  readOrganisationDirectory,
} from '../../shared/org/formats/ffoms-organisation-reader';
import { makeSnils } from '../../shared/person/domain/snils';
import { Refusal } from '../../shared/platform/flk/refusal';
import { directoryFile } from '../helpers/organisation-directory';

async function* once(bytes: Uint8Array, size = 7) {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

async function readAll(bytes: Uint8Array, size?: number): Promise<DirectoryOrganisation[]> {
  const out: DirectoryOrganisation[] = [];
  for await (const r of readOrganisationDirectory(once(bytes, size))) out.push(r);
  return out;
}

const organisation = (over: Partial<OrganisationFields> = {}) =>
  OrganisationFields.parse({ name: 'ГБУЗ «Поликлиника»', shortName: 'П', dateBeg: '2020-01-01', ...over });

describe('organisation FLK rules', () => {
  it('checks code formats: МО 6 digits (F003), СМО 5 digits (F002)', () => {
    expect(checkOrganisationCode('MO', '990001')).toEqual([]);
    expect(checkOrganisationCode('SMO', '99001')).toEqual([]);
    expect(checkOrganisationCode('MO', '99001')[0]).toMatchObject({ code: '903', field: 'code' });
    expect(checkOrganisationCode('SMO', '990001')[0]?.message).toContain('5 цифр');
    expect(checkOrganisationCode('MO', '99000a')).toHaveLength(1);
  });

  it('requires the МО kind for an МО only, checks requisites and the date order', () => {
    expect(checkOrganisation('MO', organisation({ moKind: 'hospital' }))).toEqual([]);
    expect(checkOrganisation('MO', organisation()).map((e) => e.field)).toEqual(['moKind']);
    expect(checkOrganisation('SMO', organisation({ moKind: 'hospital' })).map((e) => e.field)).toEqual([
      'moKind',
    ]);
    const errors = checkOrganisation(
      'SMO',
      organisation({ inn: '12', ogrn: 'x', kpp: '1', dateEnd: '2019-12-31' }),
    );
    expect(errors.map((e) => e.field)).toEqual(['inn', 'ogrn', 'kpp', 'dateEnd']);
    expect(errors.every((e) => /[а-я]/i.test(e.message))).toBe(true);
  });

  it('refuses more male + female beds than beds, more child beds than beds, and a profile twice', () => {
    const ok = { bedProfileV020: 71, beds: 30, bedsMale: 15, bedsFemale: 15, bedsChild: 0 };
    expect(checkBeds([ok])).toEqual([]);
    const errors = checkBeds([
      ok,
      { ...ok, bedProfileV020: 80, bedsMale: 20, bedsFemale: 11 },
      { ...ok, bedProfileV020: 80, bedsChild: 31 },
    ]);
    expect(errors.map((e) => [e.code, e.field])).toEqual([
      ['904', 'beds.1.bedsMale'],
      ['905', 'beds.2.bedProfileV020'],
      ['904', 'beds.2.bedsChild'],
    ]);
  });

  it('refuses beds in a polyclinic department and a malformed department code', () => {
    const input = DepartmentFields.parse({
      name: 'Терапия',
      kind: 'polyclinic',
      profileV002: 97,
      conditionsV006: 3,
      beds: [{ bedProfileV020: 71, beds: 5 }],
    });
    expect(checkDepartment(input, 'S 01').map((e) => e.field)).toEqual(['code', 'beds']);
    expect(checkDepartment({ ...input, kind: 'inpatient' }, 'S01')).toEqual([]);
  });

  it('checks a doctor СНИЛС: format 903, control sum 904, canonical form out', () => {
    const valid = makeSnils('112233445');
    const digits = valid.replace(/\D/g, '');
    expect(checkDoctorSnils(digits)).toEqual({ snils: valid, errors: [] });
    expect(checkDoctorSnils('123-456').errors[0]).toMatchObject({ code: '903', field: 'snils' });
    const wrong = `${valid.slice(0, -2)}${String((Number(valid.slice(-2)) + 1) % 100).padStart(2, '0')}`;
    expect(checkDoctorSnils(wrong).errors[0]).toMatchObject({ code: '904', field: 'snils' });
    expect(
      checkDistrict({ kind: 'therapeutic', doctorSnils: wrong, remote: false }, '001').errors[0]?.field,
    ).toBe('doctorSnils');
  });

  it('names every directory code НСИ does not hold on the date, with its field', () => {
    const input = DepartmentFields.parse({
      name: 'Хирургия',
      kind: 'inpatient',
      profileV002: 112,
      conditionsV006: 1,
      beds: [
        { bedProfileV020: 80, beds: 10 },
        { bedProfileV020: 9999, beds: 5 },
      ],
    });
    const known = new Set([nsiKey('V002', '112'), nsiKey('V006', '1'), nsiKey('V020', '80')]);
    const errors = nsiErrors(departmentNsiReferences(input), known, '2025-06-01');
    expect(errors).toEqual([
      expect.objectContaining({ code: '904', field: 'beds.1.bedProfileV020', value: '9999' }),
    ]);
    expect(errors[0]?.message).toContain('V020');
    expect(errors[0]?.message).toContain('01.06.2025');
  });
});

describe('F003/F002 publications', () => {
  it('reads F003 in windows-1251 across tiny chunks, with the latest inclusion period', async () => {
    const file = directoryFile('F003', [
      { code: '990101', name: 'ГБУЗ «Больница № 1»', inn: '9900000001', begin: '01.02.2021' },
      { code: '010101', okato: '79000' },
    ]);
    const records = await readAll(file, 5);
    expect(records.map((r) => [r.kind, r.fields.mcod?.[0], r.fields.nam_mop?.[0]])).toEqual([
      ['MO', '990101', 'ГБУЗ «Больница № 1»'],
      ['MO', '010101', 'Организация 010101'],
    ]);
    const verdict = organisationFromDirectory(records[0]!, { regionCode: '99', okato: '99000' });
    expect(verdict).toMatchObject({
      status: 'valid',
      organisation: { code: '990101', kind: 'MO', moKind: 'combined', dateBeg: '2021-02-01', dateEnd: null },
    });
    expect(organisationFromDirectory(records[1]!, { regionCode: '99', okato: '99000' }).status).toBe(
      'skipped',
    );
  });

  it('takes the F002 period with the latest start, and reports FLK errors with the file element names', async () => {
    const records = await readAll(
      directoryFile('F002', [{ code: '9901', inn: '123', begin: '01.01.2020', end: '31.12.2024' }], 'utf-8'),
    );
    expect(records[0]?.periods).toHaveLength(2);
    const verdict = organisationFromDirectory(records[0]!, { regionCode: '99', okato: '99000' });
    expect(verdict.status).toBe('invalid');
    expect(verdict.status === 'invalid' && verdict.errors.map((e) => e.field)).toEqual(['smocod', 'inn']);
  });

  it('reads the real F002 publication: 204 СМО, of which only those with tf_okato 99000 belong to region 99', async () => {
    // ОКАТО 99000 is also the real Jewish Autonomous Region: its two СМО (79003, 79006) fall into the demo region.
    const file = await readFile('shared/nsi/data/ffoms/F002.xml');
    const records = await readAll(file, 64 * 1024);
    expect(records).toHaveLength(204);
    const verdicts = records.map((r) => organisationFromDirectory(r, { regionCode: '99', okato: '99000' }));
    expect(verdicts.filter((v) => v.status === 'skipped')).toHaveLength(202);
    expect(verdicts.flatMap((v) => (v.status === 'valid' ? [v.organisation.code] : []))).toEqual([
      '79003',
      '79006',
    ]);
    const adygea = records.map((r) => organisationFromDirectory(r, { regionCode: '01', okato: '79000' }));
    const first = adygea.find((v) => v.status === 'valid');
    expect(first).toMatchObject({ organisation: { code: '01004', kind: 'SMO', okato: '79000' } });
    expect(first?.status === 'valid' && first.organisation.name).toContain('СОГАЗ');
  });

  it('refuses a DOCTYPE, another root, a foreign encoding and a file without organisations', async () => {
    const doctype = new TextEncoder().encode(
      '<?xml version="1.0"?><!DOCTYPE packet [<!ENTITY x "y">]><packet/>',
    );
    await expect(readAll(doctype)).rejects.toThrow(/DOCTYPE/);
    await expect(readAll(new TextEncoder().encode('<?xml version="1.0"?><root/>'))).rejects.toThrow(/packet/);
    const koi = new TextEncoder().encode('<?xml version="1.0" encoding="KOI8-R"?><packet/>');
    await expect(readAll(koi)).rejects.toThrow(Refusal);
    await expect(readAll(new TextEncoder().encode('<packet><zglv/></packet>'))).rejects.toThrow(/medCompany/);
  });
});
