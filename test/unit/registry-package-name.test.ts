import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { registryFileKinds } from '../../shared/registry/domain/file-kinds';
import {
  isPersonFileOf,
  parsePersonFileName,
  parseRegistryFileName,
  personFileNameFor,
  protocolFileName,
  registryFileName,
  requireRegistryFileName,
} from '../../shared/registry/formats/package-name';

describe('registry package names <X>PiNiPpNp_YYMMN (DOMAIN §3.1)', () => {
  it('reads the parts of a main file name, with or without extension, in any case', () => {
    for (const name of [
      'HM640001T64_230101',
      'HM640001T64_230101.XML',
      'hm640001t64_230101.zip',
      'dir/HM640001T64_230101.xml',
    ]) {
      expect(parseRegistryFileName(name)).toEqual({
        kind: 'H',
        sourceType: 'M',
        sourceCode: '640001',
        recipientType: 'T',
        recipientCode: '64',
        year: 2023,
        month: 1,
        packet: '01',
        base: 'HM640001T64_230101',
      });
    }
  });

  it('tells two-letter kinds from the one-letter ones and the source letter', () => {
    expect(parseRegistryFileName('DPM640001T64_250312')).toMatchObject({
      kind: 'DP',
      packet: '12',
      month: 3,
    });
    expect(parseRegistryFileName('DSM640001S64001_25031')).toMatchObject({
      kind: 'DS',
      recipientType: 'S',
      recipientCode: '64001',
    });
    expect(parseRegistryFileName('TT64S64001_251101')).toMatchObject({
      kind: 'T',
      sourceType: 'T',
      sourceCode: '64',
    });
    expect(parseRegistryFileName('CS64002T64_251101')).toMatchObject({
      kind: 'C',
      sourceType: 'S',
      sourceCode: '64002',
    });
  });

  it('refuses wrong names: unknown kind, code lengths, month, missing parts', () => {
    for (const name of [
      'XM640001T64_230101',
      'HM64001T64_230101',
      'HM640001T6_230101',
      'HM640001S6400_230101',
      'HM640001T64_231301',
      'HM640001T64_230001',
      'HM640001T64_2301',
      'HM640001T64230101',
      'HM640001M640002_230101',
      'LM640001T64_230101',
      '',
      '../HM640001T64_230101x',
    ]) {
      expect(parseRegistryFileName(name), name).toBeNull();
    }
  });

  it('a wrong name is a 802 refusal with the pattern in Russian', () => {
    expect(requireRegistryFileName('CM990001T99_250601.zip').base).toBe('CM990001T99_250601');
    try {
      requireRegistryFileName('registry.zip');
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({
        code: '802',
        issues: [{ rule: 'REG.PACKAGE.NAME', field: 'FILENAME', value: 'registry.zip' }],
      });
      expect((error as Error).message).toMatch(/^Имя пакета не соответствует шаблону <вид>PiNiPpNp_ГГММN/);
    }
  });

  it('personal-data files: L + the body for every kind, and the documented LT/LC/LP variants', () => {
    expect(parsePersonFileName('LM640001T64_230101.XML')).toEqual({
      variant: '',
      body: 'M640001T64_230101',
      base: 'LM640001T64_230101',
    });
    expect(parsePersonFileName('LCM640001T64_230101')).toMatchObject({
      variant: 'C',
      body: 'M640001T64_230101',
    });
    expect(parsePersonFileName('LT64S64001_230101')).toMatchObject({ variant: '', body: 'T64S64001_230101' });
    expect(parsePersonFileName('LTT64S64001_230101')).toMatchObject({
      variant: 'T',
      body: 'T64S64001_230101',
    });
    expect(parsePersonFileName('HM640001T64_230101')).toBeNull();
    expect(parsePersonFileName('LXM640001T64_230101')).toBeNull();

    const c = parseRegistryFileName('CM640001T64_230101')!;
    const h = parseRegistryFileName('HM640001T64_230101')!;
    const t = parseRegistryFileName('TM640001T64_230101')!;
    const dp = parseRegistryFileName('DPM640001T64_230101')!;
    expect(personFileNameFor(c)).toBe('LCM640001T64_230101');
    expect(personFileNameFor(h)).toBe('LM640001T64_230101');
    expect(personFileNameFor(t)).toBe('LTM640001T64_230101');
    expect(personFileNameFor(dp)).toBe('LPM640001T64_230101');
    const l = parsePersonFileName('LM640001T64_230101')!;
    const lc = parsePersonFileName('LCM640001T64_230101')!;
    expect([c, h, t, dp].map((m) => isPersonFileOf(l, m))).toEqual([true, true, true, true]);
    expect([c, h, t, dp].map((m) => isPersonFileOf(lc, m))).toEqual([true, false, false, false]);
    expect(isPersonFileOf(l, parseRegistryFileName('HM640001T64_230102')!)).toBe(false);
  });

  it('the protocol is V + recipient + source: HM640001T64_230101 → VT64M640001_230101', () => {
    expect(protocolFileName(parseRegistryFileName('HM640001T64_230101')!)).toBe('VT64M640001_230101');
    expect(protocolFileName(parseRegistryFileName('DPM640001S64001_25031')!)).toBe('VS64001M640001_25031');
  });

  it('builds what it reads (property)', () => {
    const party = fc.oneof(
      fc.record({ type: fc.constant('M' as const), code: fc.stringMatching(/^\d{6}$/) }),
      fc.record({ type: fc.constant('S' as const), code: fc.stringMatching(/^\d{5}$/) }),
      fc.record({ type: fc.constant('T' as const), code: fc.stringMatching(/^\d{2}$/) }),
    );
    const recipient = fc.oneof(
      fc.record({ type: fc.constant('S' as const), code: fc.stringMatching(/^\d{5}$/) }),
      fc.record({ type: fc.constant('T' as const), code: fc.stringMatching(/^\d{2}$/) }),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...registryFileKinds),
        party,
        recipient,
        fc.integer({ min: 2000, max: 2099 }),
        fc.integer({ min: 1, max: 12 }),
        fc.stringMatching(/^\d{1,4}$/),
        (kind, source, to, year, month, packet) => {
          const parts = {
            kind,
            sourceType: source.type,
            sourceCode: source.code,
            recipientType: to.type,
            recipientCode: to.code,
            year,
            month,
            packet,
          };
          const base = registryFileName(parts);
          expect(parseRegistryFileName(`${base}.XML`)).toEqual({ ...parts, base });
          const person = parsePersonFileName(personFileNameFor(parseRegistryFileName(base)!))!;
          expect(isPersonFileOf(person, parseRegistryFileName(base)!)).toBe(true);
        },
      ),
    );
  });
});
