import { NavLink, useSearchParams } from 'react-router';
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
  return (
    <nav aria-label="Разделы информирования пациента" className="informing-tabs">
      <ul>
        {links.map((link) => (
          <li key={link.to}>
            <NavLink
              to={
                personId && link.keepsPerson ? `${link.to}?personId=${encodeURIComponent(personId)}` : link.to
              }
              end={link.end}
              className={({ isActive }) =>
                isActive ? 'informing-tab informing-tab-current' : 'informing-tab'
              }
            >
              {link.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
