import { useMe } from '../../auth/AuthContext';

/**
 * What the signed-in user may do in the hospitalisation exchange, from `GET /api/v1/me` (the server decides in
 * the end, and row-level security decides which records): an МО sends referrals and, as a hospital, admits,
 * discharges and reports free beds (`hospitalisation.send`); an МО on either side and an СМО cancel a referral
 * (`referrals.cancel`); everybody else reads. Admissions and free-beds entry are a hospital's: an МО with beds
 * (a polyclinic without a bed fund neither admits nor reports free beds — the server's FLK refuses its departments).
 */
export function useHospAccess() {
  const me = useMe();
  const kind = me.organisation.kind;
  const permissions = me.permissions ?? [];
  const canSend = kind === 'MO' && permissions.includes('hospitalisation.send');
  const isHospital = kind === 'MO' && me.organisation.hasBeds === true;
  return {
    orgCode: me.organisation.code,
    kind,
    isMo: kind === 'MO',
    isSmo: kind === 'SMO',
    isHospital,
    canSend,
    /** Admit, discharge, move and report free beds: a hospital's registrar or MIS. */
    canAdmit: canSend && isHospital,
    canCancel: permissions.includes('referrals.cancel'),
  };
}
