import type { ReactNode } from 'react';
import { PageHeader } from '../../components/PageHeader';
import { StatusMessage } from '../../components/StatusMessage';
import { useHospAccess } from './use-hosp-access';

/** A hospital's page (admission, free-beds entry): an organisation without beds is told why it has none. */
export function HospitalOnly({ title, children }: { title: string; children: ReactNode }) {
  const access = useHospAccess();
  if (access.canAdmit) return children;
  return (
    <>
      <PageHeader title={title} />
      <StatusMessage kind="info">
        Раздел доступен стационарам: у вашей организации нет коечного фонда, поэтому госпитализация и ввод
        свободных мест не выполняются.
      </StatusMessage>
    </>
  );
}
