// `npx tsx test/bench/registry-flk-bench.ts [cases]`: the pure registry FLK (shared/registry/domain) over
// distinct cases and persons against every directory the checks read, as the publications shipped with the
// product hold them (plus the test fixture's codes, so the cases are valid and the common path is measured).
// Figures, not assertions; no database. Measured on the 2-core build machines: ~160,000 cases/s and
// ~800,000 persons/s with the package-wide key checks, the directory book built in ~0.5 s from ~36,000 rows.
import { checkCase, checkPerson } from '../../shared/registry/domain/case-checks';
import { directoryBook } from '../../shared/registry/domain/directories';
import { RegistryKeys } from '../../shared/registry/domain/package-keys';
import { shippedDirectoryRows } from '../helpers/registry-directories';
import { context, directoryRows, ruleSet, validCase, validPerson } from '../helpers/registry-flk-fixtures';

const n = Number(process.argv[2] ?? 200_000);

const started = performance.now();
const rows = [...(await shippedDirectoryRows()), ...directoryRows()];
const book = directoryBook(rows);
console.log(`directory book: ${rows.length} rows in ${Math.round(performance.now() - started)} ms`);

const ctx = context({ directories: book });
const cases = Array.from({ length: n }, (_, i) => {
  const zap = validCase();
  zap.N_ZAP = String(i + 1);
  zap.Z_SL.IDCASE = String(100_000 + i);
  zap.PACIENT.ID_PAC = `P${i}`;
  return zap;
});
const persons = Array.from({ length: n }, (_, i) => ({ ...validPerson(), ID_PAC: `P${i}` }));

for (let round = 1; round <= 3; round++) {
  let findings = 0;
  const keys = new RegistryKeys(ruleSet());
  const t0 = performance.now();
  for (const zap of cases) findings += checkCase(zap, ctx).length + keys.checkCase(zap).length;
  const t1 = performance.now();
  for (const pers of persons) findings += checkPerson(pers, ctx, '3').length + keys.checkPerson(pers).length;
  const t2 = performance.now();
  console.log(
    `round ${round}: ${n} cases in ${Math.round(t1 - t0)} ms (${Math.round((n / (t1 - t0)) * 1000)}/s), ` +
      `${n} persons in ${Math.round(t2 - t1)} ms (${Math.round((n / (t2 - t1)) * 1000)}/s), findings ${findings}`,
  );
}
