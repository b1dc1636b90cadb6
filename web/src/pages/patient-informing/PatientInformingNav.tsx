import { useSearchParams } from 'react-router';
import { InformingTabs } from '../informing/InformingTabs';
import { proceduresPath, resultsPath, surveySummaryPath, surveysPath } from './patient-informing-paths';

const links = [
  { to: resultsPath, label: 'Результаты информирования', end: true, keepsPerson: true },
  { to: proceduresPath, label: 'Предстоящие процедуры', end: false, keepsPerson: true },
  { to: surveysPath, label: 'Анкетирование', end: false, keepsPerson: true },
  { to: surveySummaryPath, label: 'Сводка анкетирования', end: false, keepsPerson: false },
];

/**
 * The views of «Информирование пациента»: the results journal, the upcoming procedures, the surveys and their
 * summary. A list narrowed to one person (`?personId=`) keeps the narrowing on the other lists.
 */
export function PatientInformingNav() {
  const [params] = useSearchParams();
  const personId = params.get('personId');
  const tabs = links.map(({ to, label, end, keepsPerson }) => ({
    to: personId && keepsPerson ? `${to}?personId=${encodeURIComponent(personId)}` : to,
    label,
    end,
  }));
  return <InformingTabs label="Разделы информирования пациента" tabs={tabs} />;
}
