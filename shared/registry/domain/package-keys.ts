import type { FlkRuleSet } from '../../platform/flk/issue';
import { FindingSink } from './check-context';
import type { RegistryFinding } from './findings';
import type { Pers, Zap } from './registry-tags';

/**
 * The keys that must be unique across a package's files (F012 905) and are not checked set-based in staging:
 * N_ZAP in the main file, ID_PAC in the personal-data file (IDCASE is, as REG.IDCASE.DUPLICATE). Pure and
 * stateful for one package: feed it every record in file order; the first record with a key is kept, each later
 * one is a finding. Memory: one set entry per record.
 */
export class RegistryKeys {
  private readonly records = new Set<string>();
  private readonly persons = new Set<string>();

  constructor(private readonly rules: FlkRuleSet) {}

  /** N_ZAP of a case, against the cases before it. */
  checkCase(zap: Zap): RegistryFinding[] {
    const nZap = zap.N_ZAP;
    if (!this.records.has(nZap)) {
      this.records.add(nZap);
      return [];
    }
    const sink = new FindingSink(this.rules, 'case');
    sink.nZap = nZap;
    sink.idcase = zap.Z_SL.IDCASE;
    sink.idPac = zap.PACIENT.ID_PAC;
    sink.add('REG.ZAP.N_ZAP.DUPLICATE', 'ZAP', 'N_ZAP', nZap);
    return sink.out;
  }

  /** ID_PAC of a person, against the persons before it. */
  checkPerson(pers: Pers): RegistryFinding[] {
    if (!this.persons.has(pers.ID_PAC)) {
      this.persons.add(pers.ID_PAC);
      return [];
    }
    const sink = new FindingSink(this.rules, 'person');
    sink.idPac = pers.ID_PAC;
    sink.add('REG.PERS.ID_PAC.DUPLICATE', 'PERS', 'ID_PAC', pers.ID_PAC);
    return sink.out;
  }
}
