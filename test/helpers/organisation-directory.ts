import { cp1251 } from './cp1251';

/** One organisation of a generated F003/F002 publication (FFOMS element names). */
export interface DirectoryEntry {
  code: string;
  okato?: string;
  name?: string;
  shortName?: string;
  inn?: string;
  ogrn?: string;
  kpp?: string;
  address?: string;
  /** `dd.mm.yyyy` */
  begin?: string;
  end?: string;
}

const tag = (name: string, value: string | undefined) =>
  value === undefined ? '' : `<${name}>${value}</${name}>`;

/**
 * An F003 (`medCompany`, МО) or F002 (`insCompany`, СМО) publication in the shape FFOMS publishes, in
 * windows-1251 (default) or UTF-8.
 */
export function directoryFile(
  kind: 'F003' | 'F002',
  entries: readonly DirectoryEntry[],
  encoding: 'windows-1251' | 'utf-8' = 'windows-1251',
): Uint8Array {
  const mo = kind === 'F003';
  const body = entries
    .map((e) =>
      [
        mo ? '<medCompany>' : '<insCompany>',
        tag('tf_okato', e.okato ?? '99000'),
        tag(mo ? 'mcod' : 'smocod', e.code),
        tag(mo ? 'nam_mop' : 'nam_smop', e.name ?? `Организация ${e.code}`),
        tag(mo ? 'nam_mok' : 'nam_smok', e.shortName ?? `Орг. ${e.code}`),
        tag('inn', e.inn),
        tag('Ogrn', e.ogrn),
        tag('KPP', e.kpp),
        `<jurAddress>${tag('index_j', '999000')}${tag('addr_j', e.address ?? 'г. Демоград, ул. Ленина, д. 1')}</jurAddress>`,
        mo ? '' : '<insInclude><d_begin>01.01.2012</d_begin><d_end>31.12.2015</d_end></insInclude>',
        `<${mo ? 'mo_includ' : 'insInclude'}>${tag('d_begin', e.begin ?? '01.01.2020')}${
          e.end ? tag('d_end', e.end) : '<d_end/>'
        }</${mo ? 'mo_includ' : 'insInclude'}>`,
        mo ? '</medCompany>' : '</insCompany>',
      ].join('\n'),
    )
    .join('\n');
  const xml = `<?xml version="1.0" encoding="${encoding === 'utf-8' ? 'UTF-8' : 'Windows-1251'}"?>
<packet>
<zglv><type>${kind}</type><version>1.0</version><date>01.06.2025</date></zglv>
${body}
</packet>
`;
  return encoding === 'utf-8' ? new TextEncoder().encode(xml) : cp1251(xml);
}
