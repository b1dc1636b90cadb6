import { useMe } from '../../auth/AuthContext';

/**
 * What the signed-in user may do in the hospitalisation exchange, from `GET /api/v1/me` (the server decides in
 * the end, and row-level security decides which records): an МО sends referrals and, as a hospital, admits,
 * discharges and reports free beds (`hospitalisation.send`); an МО on either side and an СМО cancel a referral
 * (`referrals.cancel`); everybody else reads.
 */
export function useHospAccess() {
  const me = useMe();
  const kind = me.organisation.kind;
  const permissions = me.permissions ?? [];
  return {
    orgCode: me.organisation.code,
    kind,
    isMo: kind === 'MO',
    isSmo: kind === 'SMO',
    canSend: kind === 'MO' && permissions.includes('hospitalisation.send'),
    canCancel: permissions.includes('referrals.cancel'),
  };
}
