import { describe, expect, it } from 'vitest';
import { chunksOf } from '../../shared/platform/formats/package/byte-stream';
import { packageRules } from '../../shared/platform/formats/package/package-refusal';
import { readXmlElements } from '../../shared/platform/formats/package/xml-elements';
import { openXmlText } from '../../shared/platform/formats/package/xml-package';
import { generateRegistryPackage } from '../../shared/registry/demo/package-generator';
import type { RegistryFinding } from '../../shared/registry/domain/findings';
import {
  flkProtocolChunks,
  flkProtocolName,
  flkProtocolXml,
} from '../../shared/registry/formats/flk-protocol-writer';
import { packageInput, readAll } from '../helpers/registry-format-packages';

const rules = packageRules('TEST');

/** The `PR` rows of a protocol as tag → value maps, and its FNAME/FNAME_I. */
async function parse(bytes: Uint8Array) {
  const rows: Record<string, string>[] = [];
  const head: Record<string, string> = {};
  let row: Record<string, string> | null = null;
  for await (const _ of readXmlElements<never>(
    openXmlText(chunksOf(bytes, 100), { rules }),
    () => ({
      open(name) {
        if (name === 'PR') row = {};
      },
      close(name, text, depth) {
        if (name === 'PR' && row) {
          rows.push(row);
          row = null;
        } else if (row) row[name] = text;
        else if (depth === 1) head[name] = text;
      },
    }),
    { rules },
  ));
  return { head, rows };
}

const finding = (over: Partial<RegistryFinding>): RegistryFinding => ({
  rule: 'REG.XML.TYPE',
  code: '903',
  severity: 'error',
  message: 'Дата DATE_Z_2 не существует в календаре',
  file: 'case',
  ...over,
});

describe('FLK_P protocol writer (DOMAIN §5.2)', () => {
  it('writes FNAME (the V-name), FNAME_I and a PR per finding, windows-1251', async () => {
    const findings: RegistryFinding[] = [
      finding({
        field: 'DATE_Z_2',
        value: '2025-02-31',
        basEl: 'Z_SL',
        nZap: '7',
        idcase: '25051000007',
        idPac: 'p',
      }),
      finding({
        rule: 'REG.XML.TAG',
        code: '901',
        field: 'STAD',
        basEl: 'SL',
        message: 'Неизвестный элемент STAD в SL',
        nZap: '8',
        idcase: '25051000008',
        slId: '25051000008-1',
        idserv: '25051000008-1-1',
      }),
      finding({
        rule: 'REG.PACKAGE.COUNT',
        code: '804',
        file: 'package',
        field: 'ZGLV.SD_Z',
        value: '6',
        message: 'Число записей ZAP в файле (5) не совпадает с SD_Z заголовка (6)',
      }),
      finding({
        rule: 'REG.XML.REQUIRED',
        code: '902',
        file: 'person',
        field: 'DR',
        basEl: 'PERS',
        idPac: 'abc',
        message: 'Не заполнено обязательное поле DR',
      }),
      finding({ severity: 'warning', message: 'Предупреждение о чём-то' }),
    ];
    const { fileName, bytes } = flkProtocolXml('HM640001T64_230101.zip', findings);
    expect(fileName).toBe('VT64M640001_230101.XML');
    expect(new TextDecoder('latin1').decode(bytes.subarray(0, 45))).toBe(
      '<?xml version="1.0" encoding="windows-1251"?>',
    );
    expect(bytes.includes(0xc4)).toBe(true); // «Д» in windows-1251
    const { head, rows } = await parse(bytes);
    expect(head).toMatchObject({ FNAME: 'VT64M640001_230101', FNAME_I: 'HM640001T64_230101' });
    expect(rows).toEqual([
      {
        OSHIB: '903',
        IM_POL: 'DATE_Z_2',
        ZN_POL: '2025-02-31',
        BAS_EL: 'Z_SL',
        N_ZAP: '7',
        IDCASE: '25051000007',
        COMMENT: 'Дата DATE_Z_2 не существует в календаре (REG.XML.TYPE)',
      },
      {
        OSHIB: '901',
        IM_POL: 'STAD',
        BAS_EL: 'SL',
        N_ZAP: '8',
        IDCASE: '25051000008',
        SL_ID: '25051000008-1',
        IDSERV: '25051000008-1-1',
        COMMENT: 'Неизвестный элемент STAD в SL (REG.XML.TAG)',
      },
      {
        OSHIB: '804',
        IM_POL: 'SD_Z',
        ZN_POL: '6',
        BAS_EL: 'ZGLV',
        COMMENT: 'Число записей ZAP в файле (5) не совпадает с SD_Z заголовка (6) (REG.PACKAGE.COUNT)',
      },
      {
        OSHIB: '902',
        IM_POL: 'DR',
        BAS_EL: 'PERS',
        COMMENT: 'Не заполнено обязательное поле DR (REG.XML.REQUIRED; L-файл, ID_PAC abc)',
      },
    ]);
  });

  it('the tag order of PR is the format’s; warnings on request; ID_PAC as an element on request; UTF-8', async () => {
    const findings = [
      finding({ field: 'X', value: 'a<b&c', idPac: 'P1', file: 'person', basEl: 'PERS' }),
      finding({ severity: 'warning', field: 'Y' }),
    ];
    const { bytes } = flkProtocolXml('CM990001T99_250501', findings, {
      includeWarnings: true,
      idPac: true,
      encoding: 'utf-8',
    });
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain(
      '<PR><OSHIB>903</OSHIB><IM_POL>X</IM_POL><ZN_POL>a&lt;b&amp;c</ZN_POL><BAS_EL>PERS</BAS_EL><ID_PAC>P1</ID_PAC><COMMENT>',
    );
    const { rows } = await parse(bytes);
    expect(rows.map((r) => r.COMMENT)).toEqual([
      'Дата DATE_Z_2 не существует в календаре (REG.XML.TYPE)',
      'Предупреждение: Дата DATE_Z_2 не существует в календаре (REG.XML.TYPE)',
    ]);
    expect(rows[0]!.ZN_POL).toBe('a<b&c');
  });

  it('names a protocol of what is no registry name V + the name; streams in chunks', async () => {
    expect(flkProtocolName('registry-12')).toBe('VREGISTRY-12');
    const many = Array.from({ length: 5000 }, (_, i) =>
      finding({ nZap: String(i + 1), field: 'DS1', basEl: 'SL' }),
    );
    const chunks = [...flkProtocolChunks('CM990001T99_250501', many)];
    expect(chunks.length).toBeGreaterThan(1);
    const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of chunks) {
      bytes.set(c, at);
      at += c.length;
    }
    expect((await parse(bytes)).rows).toHaveLength(5000);
  });

  it('a generated package’s format findings make a protocol naming each injected fault', async () => {
    const pkg = generateRegistryPackage(
      packageInput({ count: 40, faults: { 'broken-date': 1, 'renamed-tag': 1 } }),
    );
    const findings = (await readAll(pkg.bytes())).flatMap((i) => (i.kind === 'case' ? i.findings : []));
    const { fileName, bytes } = flkProtocolXml(pkg.name, findings);
    expect(fileName).toBe('VT99M990001_250501.XML');
    const { rows } = await parse(bytes);
    for (const fault of pkg.faults) {
      for (const e of fault.expected) {
        expect(rows).toContainEqual(
          expect.objectContaining({
            OSHIB: e.code,
            IM_POL: e.field,
            BAS_EL: e.basEl,
            N_ZAP: fault.nZap,
            IDCASE: fault.idcase,
          }),
        );
      }
    }
  });
});
