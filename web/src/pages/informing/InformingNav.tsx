import { InformingTabs } from './InformingTabs';
import { newRequestPath, requestsPath, rulesPath, timelinessPath } from './informing-paths';
import { useInformingAccess } from './use-informing-access';

/**
 * The views of «Заявки на информирование»: the requests, an МО's new request, the share informed on time, and
 * the fund's generation rules.
 */
export function InformingNav() {
  const access = useInformingAccess();
  const tabs = [
    { to: requestsPath, label: access.isSmo ? 'Рабочий список' : 'Заявки', end: true },
    ...(access.canSendRequest ? [{ to: newRequestPath, label: 'Новая заявка', end: false }] : []),
    { to: timelinessPath, label: 'Своевременность информирования', end: false },
    ...(access.isFund ? [{ to: rulesPath, label: 'Правила формирования', end: false }] : []),
  ];
  return <InformingTabs label="Разделы заявок на информирование" tabs={tabs} />;
}
