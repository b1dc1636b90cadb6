import { Link } from 'react-router';
import type { OncoPersonRow } from '../../../api/onco';
import type { Column } from '../../../components/data-table/types';
import { formatDate } from '../../../format/dates';
import { formatCount } from '../../../format/numbers';
import { CodedName, OrgNames, personName, TimelinessFlag } from './onco-format';
import { oncoPersonPath } from './onco-paths';

type Row = OncoPersonRow;

/** The register's list: the person, the diagnosis and stage, the path's dates and their timeliness, the МО. */
export const oncoPersonColumns: readonly Column<Row>[] = [
  {
    id: 'person',
    header: 'Пациент',
    cell: (r) => (
      <Link to={oncoPersonPath(r.person.id)} title={`ЕНП ${r.person.enp}`}>
        {personName(r.person)}
      </Link>
    ),
  },
  {
    id: 'birthDate',
    header: 'Дата рождения',
    className: 'cell-date',
    cell: (r) => formatDate(r.person.birthDate),
  },
  {
    id: 'diagnosis',
    header: 'Диагноз ЗНО',
    cell: (r) => <CodedName value={r.lastDiagnosis ?? r.diagnosis} directory="МКБ-10" />,
  },
  { id: 'stage', header: 'Стадия', cell: (r) => <CodedName value={r.stage} directory="N002" /> },
  {
    id: 'suspicion',
    header: 'Подозрение',
    className: 'cell-date',
    cell: (r) => (r.suspicionDate ? formatDate(r.suspicionDate) : '—'),
  },
  {
    id: 'diagnosisDate',
    header: 'Диагноз',
    className: 'cell-date',
    cell: (r) => (r.diagnosisDate ? formatDate(r.diagnosisDate) : '—'),
  },
  {
    id: 'treatment',
    header: 'Лечение',
    className: 'cell-date',
    cell: (r) => (r.treatmentDate ? formatDate(r.treatmentDate) : '—'),
  },
  {
    id: 'toDiagnosis',
    header: 'До диагноза',
    cell: (r) => <TimelinessFlag value={r.timeliness.suspicionToDiagnosis} compact />,
  },
  {
    id: 'toTreatment',
    header: 'До лечения',
    cell: (r) => <TimelinessFlag value={r.timeliness.diagnosisToTreatment} compact />,
  },
  { id: 'mo', header: 'МО', cell: (r) => <OrgNames values={r.organisations} /> },
  { id: 'cases', header: 'Случаев', className: 'cell-number', cell: (r) => formatCount(r.cases) },
  {
    id: 'lastDate',
    header: 'Последний случай',
    className: 'cell-date',
    sortField: 'lastDate',
    cell: (r) => formatDate(r.lastDate),
  },
];
