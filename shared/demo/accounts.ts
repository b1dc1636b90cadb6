import type { Role } from '../platform/access/roles';
import type { RegionStructure } from './region-structure';

export interface DemoAccount {
  username: string;
  password: string;
  kind: 'person' | 'system';
  fullName: string;
  role: Role;
  orgCode: string;
}

/**
 * The demo accounts listed in the README and printed at start. Passwords equal user names: demo data only —
 * a real deployment creates accounts through the access model, never from this list.
 */
export function demoAccounts(region: RegionStructure): DemoAccount[] {
  const mos = region.organisations.filter((o) => o.kind === 'MO');
  const polyclinics = mos.filter((o) => o.moKind === 'polyclinic');
  const firstPolyclinic = polyclinics[0]!;
  const secondPolyclinic = polyclinics[1]!;
  const firstHospital = mos.find((o) => o.moKind === 'hospital')!;
  const [firstSmo, secondSmo] = region.organisations.filter((o) => o.kind === 'SMO');
  const tfoms = region.organisations.find((o) => o.kind === 'TFOMS')!;
  const account = (
    username: string,
    kind: DemoAccount['kind'],
    fullName: string,
    role: Role,
    orgCode: string,
  ): DemoAccount => ({ username, password: username, kind, fullName, role, orgCode });
  return [
    account('test_tfoms', 'person', 'Смирнова Анна Викторовна', 'tfoms_analyst', tfoms.code),
    account('test_mo', 'person', 'Кузнецов Игорь Петрович', 'mo_registrar', firstPolyclinic.code),
    account('test_smo', 'person', 'Волкова Елена Сергеевна', 'smo_representative', firstSmo!.code),
    account('soap_mo', 'system', `МИС ${firstPolyclinic.shortName}`, 'mo_system', firstPolyclinic.code),
    account('soap_smo', 'system', `ИС ${firstSmo!.shortName}`, 'smo_system', firstSmo!.code),
    // One account for every other role, and a second МО, a hospital and a second СМО for scope checks.
    account('test_mo_head', 'person', 'Белова Ольга Николаевна', 'mo_head', firstPolyclinic.code),
    account('test_mo_admin', 'person', 'Морозов Денис Андреевич', 'mo_admin', firstPolyclinic.code),
    account('test_mo2', 'person', 'Фёдорова Мария Ильинична', 'mo_registrar', secondPolyclinic.code),
    account('soap_mo2', 'system', `МИС ${secondPolyclinic.shortName}`, 'mo_system', secondPolyclinic.code),
    account('test_hosp', 'person', 'Соколов Павел Олегович', 'mo_registrar', firstHospital.code),
    account('soap_hosp', 'system', `МИС ${firstHospital.shortName}`, 'mo_system', firstHospital.code),
    account('test_smo_admin', 'person', 'Лебедева Ирина Павловна', 'smo_admin', firstSmo!.code),
    account('test_smo2', 'person', 'Козлов Артём Викторович', 'smo_representative', secondSmo!.code),
    account('test_nsi', 'person', 'Новикова Татьяна Юрьевна', 'nsi_operator', tfoms.code),
    account('test_admin', 'person', 'Орлов Сергей Михайлович', 'fund_admin', tfoms.code),
    account('soap_tfoms', 'system', 'РС ЕРЗ Демонстрационной области', 'tfoms_system', tfoms.code),
  ];
}
