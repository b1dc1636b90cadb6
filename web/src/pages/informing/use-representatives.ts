import { fetchAccounts } from '../../api/accounts';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useInformingAccess } from './use-informing-access';

export interface Representative {
  username: string;
  fullName: string;
}

/**
 * The people a request may be assigned to: the signed-in representative, and — for an administrator, who may
 * list the organisation's accounts — every active person account of the СМО. Anyone else types the user name;
 * the server checks it belongs to the СМО.
 */
export function useRepresentatives(): Representative[] {
  const access = useInformingAccess();
  const self = { username: access.username, fullName: access.fullName };
  const { data } = useApiQuery(
    `informing-representatives\n${access.orgCode}\n${access.canListAccounts}`,
    (signal) =>
      access.canListAccounts
        ? fetchAccounts(
            {
              orgCode: access.orgCode,
              kind: 'person',
              status: 'active',
              sort: 'fullName',
              page: 1,
              pageSize: 200,
            },
            signal,
          )
        : Promise.resolve(undefined),
  );
  const others = (data?.items ?? [])
    .filter((a) => a.username !== self.username)
    .map((a) => ({ username: a.username, fullName: a.fullName }));
  return [self, ...others];
}
