import { useMe } from '../../auth/AuthContext';

/** What the signed-in person's organisation and permissions let them do in «Медосмотры». */
export function useCheckupAccess() {
  const me = useMe();
  const permissions = me.permissions ?? [];
  const kind = me.organisation.kind;
  return {
    orgCode: me.organisation.code,
    isMo: kind === 'MO',
    isSmo: kind === 'SMO',
    /** An МО that may send its plan list. */
    canSendPlan: kind === 'MO' && permissions.includes('prevention.plan.send'),
    canReadPlan: permissions.includes('prevention.plan.read'),
    canOpenPersons: permissions.includes('persons.read'),
  };
}
