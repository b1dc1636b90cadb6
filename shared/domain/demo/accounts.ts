import type { Role } from '../access/roles';
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
  const firstPolyclinic = region.organisations.find((o) => o.kind === 'MO' && o.moKind === 'polyclinic')!;
  const firstSmo = region.organisations.find((o) => o.kind === 'SMO')!;
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
    account('test_smo', 'person', 'Волкова Елена Сергеевна', 'smo_representative', firstSmo.code),
    account('soap_mo', 'system', `МИС ${firstPolyclinic.shortName}`, 'mo_system', firstPolyclinic.code),
    account('soap_smo', 'system', `ИС ${firstSmo.shortName}`, 'smo_system', firstSmo.code),
  ];
}
