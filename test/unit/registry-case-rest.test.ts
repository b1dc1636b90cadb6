import { describe, expect, it } from 'vitest';
import { generateRegistryPackage } from '../../shared/registry/demo/package-generator';
import { caseRest } from '../../shared/registry/domain/case-rest';
import type { Sl, Usl, Zap } from '../../shared/registry/domain/registry-tags';
import { packageInput, readAll } from '../helpers/registry-format-packages';

/** Every leaf (or repeat of leaves) of a record by its path: `Z_SL.SL.0.USL.1.TARIF`. */
function leaves(value: unknown, path = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const walk = (v: unknown, p: string) => {
    if (Array.isArray(v) && v.some((x) => typeof x === 'object'))
      for (const [i, x] of v.entries()) walk(x, `${p}.${i}`);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, p ? `${p}.${k}` : k);
    else if (v !== undefined) out.set(p, v);
  };
  walk(value, path);
  return out;
}

const service = (over: Partial<Usl> = {}): Usl => ({
  IDSERV: '1',
  LPU: '990001',
  PROFIL: '60',
  DET: '0',
  DATE_IN: '2026-10-01',
  DATE_OUT: '2026-10-01',
  CODE_USL: 'B01.027.001',
  KOL_USL: '1.00',
  SUMV_USL: '500.00',
  MED_DEV: [],
  MR_USL_N: [],
  ...over,
});

const sl = (over: Partial<Sl> = {}): Sl => ({
  SL_ID: '1',
  PROFIL: '60',
  DET: '0',
  NHISTORY: '26-1',
  DATE_1: '2026-10-01',
  DATE_2: '2026-10-05',
  DS1: 'C34.1',
  DS2: [],
  DS2_N: [],
  DS3: [],
  DS_ONK: '0',
  CODE_MES1: [],
  NAPR: [],
  CONS: [],
  NAZ: [],
  PRVS: '41',
  VERS_SPEC: 'V021',
  IDDOKT: '850-007-919 77',
  SUM_M: '500.00',
  USL: [service()],
  ...over,
});

const zap = (sls: Sl[]): Zap => ({
  N_ZAP: '1',
  PR_NOV: '0',
  PACIENT: { ID_PAC: 'p1', VPOLIS: '3', NPOLIS: '9917433700369065', SMO: '99002', NOVOR: '0' },
  Z_SL: {
    IDCASE: '1',
    USL_OK: '1',
    VIDPOM: '31',
    FOR_POM: '3',
    LPU: '990001',
    DATE_Z_1: '2026-10-01',
    DATE_Z_2: '2026-10-05',
    VNOV_M: [],
    OS_SLUCH: [],
    SL: sls,
    IDSP: '33',
    SUMV: '500.00',
    SANK: [],
  },
});

describe('the rest of a case (zcase.data)', () => {
  it('keeps what no column holds, at the path it has in the whole case, and nothing else', () => {
    const whole = zap([
      sl({ ONK_SL: { DS1_T: '0', STAD: '136', B_DIAG: [], B_PROT: [], ONK_USL: [] } }),
      sl({
        SL_ID: '2',
        WEI: '3.5',
        KSG_KPG: {
          VER_KSG: '2026',
          KSG_PG: '0',
          KOEF_Z: '1',
          KOEF_UP: '1',
          BZTSZ: '25000.00',
          KOEF_D: '1',
          KOEF_U: '1',
          CRIT: ['it1'],
          SL_K: '0',
          SL_KOEF: [],
        },
        NAZ: [{ NAZ_N: '1', NAZ_R: '3', NAZ_SP: '41' }],
        USL: [service(), service({ IDSERV: '2', TARIF: '500.00', COMENTU: 'повторно' })],
      }),
    ]);
    whole.Z_SL.SANK = [
      {
        S_CODE: 's1',
        S_SUM: '100.00',
        S_TIP: '10',
        SL_ID: ['2'],
        DATE_ACT: '2026-11-01',
        NUM_ACT: 'А-1',
        CODE_EXP: [],
        S_IST: '1',
      },
    ];
    whole.Z_SL.KD_Z = '5';
    const rest = caseRest(whole);

    expect(rest).toEqual({
      PACIENT: { VPOLIS: '3', NPOLIS: '9917433700369065', SMO: '99002', NOVOR: '0' },
      Z_SL: {
        KD_Z: '5',
        SANK: whole.Z_SL.SANK,
        SL: [
          { VERS_SPEC: 'V021' },
          {
            WEI: '3.5',
            KSG_KPG: whole.Z_SL.SL[1]!.KSG_KPG,
            NAZ: whole.Z_SL.SL[1]!.NAZ,
            VERS_SPEC: 'V021',
            USL: [{}, { TARIF: '500.00', COMENTU: 'повторно' }],
          },
        ],
      },
    });
    // Each field kept is the one sent, at its place in the whole case.
    const all = leaves(whole);
    for (const [path, value] of leaves(rest)) expect(all.get(path), path).toEqual(value);
  });

  it('is no more than the policy and a few fields for a generated onco case, a quarter of the whole at most', async () => {
    const items = await readAll(generateRegistryPackage(packageInput({ count: 40, oncoShare: 1 })).bytes());
    const cases = items.flatMap((i) => (i.kind === 'case' && i.usable ? [i.zap] : []));
    expect(cases.length).toBe(40);
    for (const c of cases) {
      const rest = caseRest(c);
      const all = leaves(c);
      const kept = leaves(rest);
      for (const [path, value] of kept) expect(all.get(path), path).toEqual(value);
      // The onco block, diagnoses, dates and services' codes are columns; none of them is kept again.
      expect([...kept.keys()].filter((p) => /ONK_SL|\.DS1$|DATE_1|CODE_USL|IDCASE|ID_PAC/.test(p))).toEqual(
        [],
      );
      expect(JSON.stringify(rest).length).toBeLessThan(JSON.stringify(c).length / 4);
    }
  });
});
