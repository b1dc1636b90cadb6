import { useMe } from '../../auth/AuthContext';

/** What the signed-in person's organisation and permissions let them do with ДН and polyclinic cases. */
export function useObservationAccess() {
  const me = useMe();
  const permissions = me.permissions ?? [];
  const isMo = me.organisation.kind === 'MO';
  return {
    orgCode: me.organisation.code,
    isMo,
    /** An МО that may send its ДН records and polyclinic cases (`prevention.plan.send`). */
    canSend: isMo && permissions.includes('prevention.plan.send'),
    canRead: permissions.includes('prevention.plan.read'),
    canOpenPersons: permissions.includes('persons.read'),
  };
}
