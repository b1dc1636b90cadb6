import { useMe } from '../../auth/AuthContext';

/** What the signed-in person's organisation and permissions let them do with informing requests. */
export function useInformingAccess() {
  const me = useMe();
  const permissions = me.permissions ?? [];
  const kind = me.organisation.kind;
  return {
    username: me.username,
    fullName: me.fullName,
    orgCode: me.organisation.code,
    isMo: kind === 'MO',
    isSmo: kind === 'SMO',
    isFund: kind === 'TFOMS',
    /** An МО that asks the СМО to inform its patients. */
    canSendRequest: kind === 'MO' && permissions.includes('informing.request.send'),
    /** An СМО that records results and assigns its requests. */
    canWork: kind === 'SMO' && permissions.includes('informing.result.send'),
    /** The fund, which tunes and runs the generation rules. */
    canManageRules: kind === 'TFOMS' && permissions.includes('informing.rules.manage'),
    /** An administrator who may list the organisation's accounts (the representatives to assign to). */
    canListAccounts: permissions.includes('accounts.manage'),
    canOpenPersons: permissions.includes('persons.read'),
  };
}
