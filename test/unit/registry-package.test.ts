import { Zip, ZipDeflate } from 'fflate';
import { describe, expect, it } from 'vitest';
import { Refusal } from '../../shared/platform/flk/refusal';
import { chunksOf } from '../../shared/platform/formats/package/byte-stream';
import { encodeXmlText } from '../../shared/platform/formats/xml-text-encoding';
import { generateRegistryPackage } from '../../shared/registry/demo/package-generator';
import type { Pers, Zap } from '../../shared/registry/domain/registry-tags';
import { toCurrentPlacement, zap30 } from '../../shared/registry/formats/format-version';
import { parseRegistryFileName } from '../../shared/registry/formats/package-name';
import {
  type RegistryItem,
  readRegistryPackage,
} from '../../shared/registry/formats/registry-package-reader';
import {
  persListText,
  type RegistryPackageInput,
  writeRegistryPackage,
  zapXml,
  zlListText,
} from '../../shared/registry/formats/registry-package-writer';
import { entriesOf, packageInput, readAll, zipOf } from '../helpers/registry-format-packages';
import { zipBomb } from '../helpers/zip-bomb';

async function refusalOf(work: Promise<unknown>): Promise<Refusal> {
  try {
    await work;
  } catch (error) {
    if (error instanceof Refusal) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

const of = <K extends RegistryItem['kind']>(items: RegistryItem[], kind: K) =>
  items.filter((i): i is Extract<RegistryItem, { kind: K }> => i.kind === kind);

/** A package's input with its records held (to compare with what is read). */
function held(over: Parameters<typeof packageInput>[0] = {}) {
  const pkg = generateRegistryPackage(packageInput(over));
  const cases = [...pkg.cases] as Zap[];
  const persons = [...pkg.persons];
  return { pkg, cases, persons, input: { ...pkg.input, cases, persons } as RegistryPackageInput };
}

/** The package's two files as text, to be broken and zipped again. */
function texts(input: RegistryPackageInput) {
  return { main: [...zlListText(input)].join(''), pers: [...persListText(input)].join('') };
}

describe('registry packages: write → read round trip', () => {
  it('a generated C-package reads back as the same records, in file order, without findings', async () => {
    const { pkg, cases, persons } = held();
    const items = await readAll(pkg.bytes());
    expect(items.map((i) => i.kind).filter((k, i, a) => k !== a[i - 1])).toEqual([
      'package',
      'case-header',
      'case',
      'person-header',
      'person',
    ]);
    const [announced] = of(items, 'package');
    expect(announced).toMatchObject({
      name: pkg.name,
      caseFileName: pkg.caseFileName,
      personFileName: null,
      version: '3.1',
    });
    const [header] = of(items, 'case-header');
    expect(header!.header).toEqual({
      VERSION: '3.1',
      DATA: pkg.date,
      FILENAME: pkg.name.base,
      SD_Z: String(cases.length),
    });
    expect(header!.schet).toEqual(pkg.schet);
    const read = of(items, 'case');
    expect(read.map((c) => c.zap)).toEqual(cases);
    expect(read.flatMap((c) => c.findings)).toEqual([]);
    expect(read.every((c) => c.usable)).toBe(true);
    expect(read.map((c) => c.ordinal)).toEqual(cases.map((_, i) => i + 1));
    expect(of(items, 'person').map((p) => p.pers)).toEqual(persons);
    expect(of(items, 'person-header')[0]!.header).toEqual({
      VERSION: '3.2',
      DATA: pkg.date,
      FILENAME: pkg.personFileName.replace('.XML', ''),
      FILENAME1: pkg.name.base,
    });
    // Onco blocks are there (the C-file is the onco register's source).
    expect(cases.some((c) => c.Z_SL.SL[0]!.ONK_SL?.ONK_USL.some((u) => u.LEK_PR.length > 0))).toBe(true);
  });

  it('every kind of file round-trips (H, T, C, DP, DF)', async () => {
    for (const kind of ['H', 'T', 'C', 'DP', 'DF'] as const) {
      const { pkg, cases, persons } = held({ kind, count: 25, year: kind === 'T' ? 2023 : 2025 });
      const items = await readAll(pkg.bytes());
      expect(
        of(items, 'case').map((c) => c.zap),
        kind,
      ).toEqual(cases);
      expect(
        of(items, 'case').flatMap((c) => c.findings),
        kind,
      ).toEqual([]);
      expect(
        of(items, 'person').map((p) => p.pers),
        kind,
      ).toEqual(persons);
      expect(of(items, 'package')[0]!.name.kind).toBe(kind);
    }
  });

  it('UTF-8 and windows-1251, L-file first or last, compact or indented: the same records', async () => {
    const { cases, persons, input } = held({ count: 20 });
    for (const encoding of ['utf-8', 'windows-1251'] as const) {
      for (const order of ['cases-first', 'persons-first'] as const) {
        for (const indent of [false, true]) {
          const { bytes } = writeRegistryPackage({ ...input, encoding, order, indent });
          const files = entriesOf(bytes, encoding);
          const main = files[`${input.name.base}.XML`]!;
          expect(
            main.startsWith(
              `<?xml version="1.0" encoding="${encoding === 'utf-8' ? 'UTF-8' : 'windows-1251'}"?>`,
            ),
          ).toBe(true);
          const items = await readAll(bytes, {}, 1000);
          expect(of(items, 'case').map((c) => c.zap)).toEqual(cases);
          expect(of(items, 'person').map((p) => p.pers)).toEqual(persons);
          expect(items[0]!.kind).toBe('package');
          if (order === 'persons-first') {
            expect(items[0]).toMatchObject({ personFileName: expect.stringMatching(/^LC/), version: null });
            expect(items[1]!.kind).toBe('person-header');
          }
        }
      }
    }
  });

  it('windows-1251 bytes are single-byte Cyrillic; characters outside the code page survive as references', async () => {
    const { input, persons } = held({ count: 3 });
    const odd: Pers = { ...persons[0]!, FAM: 'Łukasz-Ω', MR: 'г. Москва «Ё»' };
    const { bytes } = writeRegistryPackage({ ...input, persons: [odd, ...persons.slice(1)] });
    const files = entriesOf(bytes, 'windows-1251');
    const lFile = Object.entries(files).find(([n]) => n.startsWith('L'))![1];
    expect(lFile).toContain('&#x141;ukasz-&#x3a9;');
    expect(lFile).toContain('г. Москва «Ё»');
    expect(encodeXmlText('Ёё№', 'windows-1251')).toEqual(Uint8Array.from([0xa8, 0xb8, 0xb9]));
    const items = await readAll(bytes);
    expect(of(items, 'person')[0]!.pers).toMatchObject({ FAM: 'Łukasz-Ω', MR: 'г. Москва «Ё»' });
  });

  it('reports the compressed bytes it takes (progress), summing to the package size', async () => {
    const { pkg } = held({ count: 30 });
    const bytes = pkg.bytes();
    let seen = 0;
    await readAll(bytes, { onBytes: (n) => (seen += n) }, 333);
    expect(seen).toBe(bytes.length);
  });

  it('checks the package name given against the main file', async () => {
    const { pkg } = held({ count: 2 });
    expect((await readAll(pkg.bytes(), { fileName: pkg.fileName })).length).toBeGreaterThan(0);
    const other = await refusalOf(readAll(pkg.bytes(), { fileName: 'CM990001T99_250602.zip' }));
    expect([other.code, other.issues[0]!.rule]).toEqual(['802', 'REG.PACKAGE.NAME']);
    const bad = await refusalOf(readAll(pkg.bytes(), { fileName: 'registry.zip' }));
    expect(bad.code).toBe('802');
  });
});

describe('registry packages: format 3.0 (ONK_USL and NAPR under USL) and 3.1', () => {
  it('a 3.0 file puts them under USL; read, the records have the 3.1 placement', async () => {
    const { cases, input } = held({ count: 40, kind: 'C' });
    const withNapr = cases.find((c) => c.Z_SL.SL[0]!.NAPR.length > 0);
    const withOnkUsl = cases.find((c) => (c.Z_SL.SL[0]!.ONK_SL?.ONK_USL.length ?? 0) > 0);
    expect(withNapr && withOnkUsl).toBeTruthy();
    const { bytes } = writeRegistryPackage({ ...input, version: '3.0' });
    const main = entriesOf(bytes)[`${input.name.base}.XML`]!;
    expect(main).toMatch(/<CODE_MD>[^<]*<\/CODE_MD><ONK_USL><USL_TIP>/);
    expect(main).not.toMatch(/<\/B_DIAG><ONK_USL>/);
    const items = await readAll(bytes);
    expect(of(items, 'case-header')[0]).toMatchObject({ placement: '3.0', header: { VERSION: '3.0' } });
    expect(of(items, 'case').map((c) => c.zap)).toEqual(cases);
    expect(of(items, 'case').flatMap((c) => c.findings)).toEqual([]);
  });

  it('a 3.1 file with ONK_USL under USL: 901 unknown tag (the placement is the version’s)', async () => {
    const { cases, input } = held({ count: 10 });
    const onco = cases.findIndex((c) => (c.Z_SL.SL[0]!.ONK_SL?.ONK_USL.length ?? 0) > 0);
    const legacy = zapXml(cases[onco]!, { version: '3.0' });
    const raw = cases.map((c, i) => (i === onco ? { xml: legacy } : c));
    const items = await readAll(writeRegistryPackage({ ...input, cases: raw }).bytes);
    const broken = of(items, 'case')[onco]!;
    expect(broken.findings.map((f) => [f.code, f.basEl, f.field])).toContainEqual(['901', 'USL', 'ONK_USL']);
    expect(broken.findings[0]).toMatchObject({
      file: 'case',
      nZap: String(onco + 1),
      idcase: cases[onco]!.Z_SL.IDCASE,
    });
  });

  it('3.0: an ONK_USL in a case without ONK_SL is reported (901) and dropped', () => {
    const record: Record<string, unknown> = {
      Z_SL: {
        SL: [{ SL_ID: '7', USL: [{ IDSERV: '9', NAPR: [{ NAPR_V: '1' }], ONK_USL: [{ USL_TIP: '2' }] }] }],
      },
    };
    expect(toCurrentPlacement(record)).toEqual([{ slId: '7', idserv: '9' }]);
    expect(record).toEqual({
      Z_SL: { SL: [{ SL_ID: '7', NAPR: [{ NAPR_V: '1' }], USL: [{ IDSERV: '9' }] }] },
    });
    expect(Object.keys(zap30.children)).toEqual(['N_ZAP', 'PR_NOV', 'PACIENT', 'Z_SL']);
  });

  it('an unsupported VERSION refuses the package (904)', async () => {
    const { input } = held({ count: 2 });
    const r = await refusalOf(readAll(writeRegistryPackage({ ...input, version: '6.0' }).bytes));
    expect([r.code, r.issues[0]!.field, r.issues[0]!.value]).toEqual(['904', 'ZGLV.VERSION', '6.0']);
  });
});

describe('registry packages: refused as a whole', () => {
  const base = () => {
    const { input, pkg } = held({ count: 5 });
    const { main, pers } = texts(input);
    return { input, pkg, main, pers, mainName: pkg.caseFileName, persName: pkg.personFileName };
  };
  const refuse = async (bytes: Uint8Array, options = {}) => refusalOf(readAll(bytes, options));

  it('not a ZIP, or a damaged one (801)', async () => {
    const { main, pkg } = base();
    const plain = await refuse(encodeXmlText(main, 'windows-1251'));
    expect([plain.code, plain.issues[0]!.message]).toEqual(['801', 'Пакет должен быть ZIP-архивом']);
    const bytes = pkg.bytes();
    expect((await refuse(bytes.subarray(0, bytes.length - 100))).code).toBe('801');
    const flipped = bytes.slice();
    flipped[200] = flipped[200]! ^ 0xff;
    expect((await refuse(flipped)).code).toBe('801');
  });

  it('a file missing: the L-file, the main file, both (803)', async () => {
    const { main, pers, mainName, persName } = base();
    const noPers = await refuse(zipOf({ [mainName]: main }));
    expect([noPers.code, noPers.issues[0]!.message]).toEqual([
      '803',
      'В пакете нет файла персональных данных (L-файла)',
    ]);
    const noMain = await refuse(zipOf({ [persName]: pers }));
    expect([noMain.code, noMain.issues[0]!.message]).toEqual(['803', 'В пакете нет основного файла реестра']);
  });

  it('a file too many (801), one with a wrong name or two main files (802)', async () => {
    const { main, pers, mainName, persName } = base();
    expect((await refuse(zipOf({ [mainName]: main, [persName]: pers, 'readme.txt': 'x' }))).code).toBe('801');
    const wrong = await refuse(zipOf({ 'registry.xml': main, [persName]: pers }));
    expect([wrong.code, wrong.issues[0]!.value]).toEqual(['802', 'registry.xml']);
    const twoMain = await refuse(zipOf({ [mainName]: main, 'CM990001T99_250502.XML': main }));
    expect(twoMain.code).toBe('802');
    const foreignL = await refuse(zipOf({ [mainName]: main, 'LM990001T99_250502.XML': pers }));
    expect(foreignL.code).toBe('802');
  });

  it('FILENAME not the entry’s name, FILENAME1 not the main file (802)', async () => {
    const { main, pers, mainName, persName, pkg } = base();
    const filename = await refuse(
      zipOf({
        [mainName]: main.replace(`<FILENAME>${pkg.name.base}`, '<FILENAME>CM990001T99_250509'),
        [persName]: pers,
      }),
    );
    expect([filename.code, filename.issues[0]!.field]).toEqual(['802', 'ZGLV.FILENAME']);
    const owner = pers.replace(`<FILENAME1>${pkg.name.base}`, '<FILENAME1>HM990001T99_250501');
    for (const files of [
      { [mainName]: main, [persName]: owner },
      { [persName]: owner, [mainName]: main },
    ]) {
      const r = await refuse(zipOf(files));
      expect([r.code, r.issues[0]!.field]).toEqual(['802', 'ZGLV.FILENAME1']);
    }
  });

  it('a ZIP bomb (801, too large) and a path-traversal entry name (801)', async () => {
    const bomb = await refuse(zipBomb(300, { name: 'CM990001T99_250501.XML' }));
    expect([bomb.reason, bomb.code]).toEqual(['too_large', '801']);
    const { main, pers, persName } = base();
    const traversal = await refuse(zipOf({ '../CM990001T99_250501.XML': main, [persName]: pers }));
    expect(traversal.code).toBe('801');
    expect(traversal.issues[0]!.message).toMatch(/Недопустимое имя файла/);
    const capped = await refuse(zipOf({ 'CM990001T99_250501.XML': main, [persName]: pers }), {
      maxXmlBytes: 1000,
    });
    expect(capped.code).toBe('801');
  });

  it('a DOCTYPE or malformed XML (901)', async () => {
    const { main, pers, mainName, persName } = base();
    const doctype = main.replace('<ZL_LIST>', '<!DOCTYPE ZL_LIST [<!ENTITY x "y">]><ZL_LIST>');
    const r = await refuse(zipOf({ [mainName]: encodeXmlText(doctype, 'windows-1251'), [persName]: pers }));
    expect([r.code, r.issues[0]!.message]).toEqual(['901', 'Объявление DOCTYPE в файле не допускается']);
    const malformed = await refuse(
      zipOf({ [mainName]: main.replace('</ZAP>', '</ZAPP>'), [persName]: pers }),
    );
    expect(malformed.code).toBe('901');
    const truncated = await refuse(zipOf({ [mainName]: main.slice(0, main.length - 20), [persName]: pers }));
    expect(truncated.code).toBe('901');
  });

  it('a header value missing or malformed (902/903), a header element missing (902)', async () => {
    const { main, pers, mainName, persName } = base();
    const date = await refuse(
      zipOf({ [mainName]: main.replace(/<DATA>[^<]*/, '<DATA>2025-13-01'), [persName]: pers }),
    );
    expect([date.code, date.issues[0]!.field, date.issues[0]!.rule]).toEqual([
      '903',
      'ZGLV.DATA',
      'REG.PACKAGE.HEADER',
    ]);
    const code = await refuse(
      zipOf({ [mainName]: main.replace(/<CODE_MO>[^<]*/, '<CODE_MO>'), [persName]: pers }),
    );
    expect([code.code, code.issues[0]!.field]).toEqual(['902', 'SCHET.CODE_MO']);
    const noSchet = await refuse(
      zipOf({ [mainName]: main.replace(/<SCHET>.*<\/SCHET>/s, ''), [persName]: pers }),
    );
    expect([noSchet.code, noSchet.issues[0]!.message]).toEqual(['902', 'Отсутствует заголовок SCHET']);
  });

  it('SCHET not the name’s period or МО (804)', async () => {
    const { main, pers, mainName, persName } = base();
    const month = await refuse(
      zipOf({ [mainName]: main.replace(/<MONTH>5</, '<MONTH>4<'), [persName]: pers }),
    );
    expect([month.code, month.issues[0]!.rule]).toEqual(['804', 'REG.PACKAGE.PERIOD']);
    const mo = await refuse(
      zipOf({ [mainName]: main.replace(/<CODE_MO>\d+/, '<CODE_MO>990099'), [persName]: pers }),
    );
    expect([mo.code, mo.issues[0]!.field]).toEqual(['804', 'SCHET.CODE_MO']);
  });

  it('SD_Z not the number of ZAP: refused at the end, after the cases were given out (804)', async () => {
    const { input } = base();
    const bytes = writeRegistryPackage({ ...input, caseCount: 6 }).bytes;
    const items: RegistryItem[] = [];
    const r = await refusalOf(
      (async () => {
        for await (const item of readRegistryPackage(chunksOf(bytes))) items.push(item);
      })(),
    );
    expect([r.code, r.issues[0]!.field, r.issues[0]!.value]).toEqual(['804', 'ZGLV.SD_Z', '6']);
    expect(r.issues[0]!.message).toBe('Число записей ZAP в файле (5) не совпадает с SD_Z заголовка (6)');
    expect(of(items, 'case')).toHaveLength(5);
  });

  it('more cases than allowed (801)', async () => {
    const { pkg } = base();
    const r = await refuse(pkg.bytes(), { maxCases: 3 });
    expect(r.code).toBe('801');
  });

  it('an archive written as a stream (sizes after the data) reads as well', async () => {
    const { main, pers, mainName, persName } = base();
    const parts: Uint8Array[] = [];
    const zip = new Zip((error, data) => {
      if (error) throw error;
      parts.push(data);
    });
    for (const [name, text] of [
      [persName, pers],
      [mainName, main],
    ] as const) {
      const entry = new ZipDeflate(name, { level: 1 });
      zip.add(entry);
      entry.push(encodeXmlText(text, 'windows-1251'), true);
    }
    zip.end();
    const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      bytes.set(p, at);
      at += p.length;
    }
    const items = await readAll(bytes);
    expect(of(items, 'case')).toHaveLength(5);
    expect(parseRegistryFileName(mainName)).toEqual(of(items, 'package')[0]!.name);
  });
});
