import type { PolyclinicCaseItem } from '../../api/observation';
import type { Column } from '../../components/data-table/types';
import { formatDate } from '../../format/dates';
import { personPath } from '../person/person-format';
import { caseSourceLabels, codeWithName } from './observation-labels';
import { PersonCell } from './PersonCell';
import { specialtyText } from './use-specialty-names';

/**
 * The columns of the polyclinic case list: the person, the case's dates, purpose (V025), diagnosis and specialty,
 * and whether the МО sent it or it came from a registry; the МО for readers of more than one МО.
 */
export function polyclinicCaseColumns(options: {
  withMo: boolean;
  personLinks: boolean;
  specialtyNames: ReadonlyMap<string, string>;
}): Column<PolyclinicCaseItem>[] {
  const columns: Column<PolyclinicCaseItem>[] = [
    {
      id: 'person',
      header: 'Гражданин',
      cell: (c) => <PersonCell person={c} link={options.personLinks ? personPath(c.personId) : undefined} />,
    },
    {
      id: 'dates',
      header: 'Даты',
      cell: (c) => (
        <>
          {c.dateFrom === c.dateTo ? (
            formatDate(c.dateTo)
          ) : (
            <>
              {formatDate(c.dateFrom)}–<br />
              {formatDate(c.dateTo)}
            </>
          )}
          <br />
          <span className="muted">посещений: {c.visits}</span>
        </>
      ),
      className: 'cell-date',
    },
    { id: 'purpose', header: 'Цель посещения', cell: (c) => codeWithName(c.purpose, c.purposeName) },
    { id: 'diagnosis', header: 'Диагноз', cell: (c) => codeWithName(c.diagnosis, c.diagnosisName) },
    {
      id: 'specialty',
      header: 'Специальность',
      cell: (c) => specialtyText(options.specialtyNames, c.specialty),
    },
    {
      id: 'source',
      header: 'Источник',
      cell: (c) => (
        <span className={`badge badge-source-${c.source}`} data-testid="case-source">
          {caseSourceLabels[c.source] ?? c.source}
        </span>
      ),
    },
  ];
  if (options.withMo)
    columns.splice(1, 0, { id: 'mo', header: 'МО', cell: (c) => c.moCode, className: 'cell-code' });
  return columns;
}
