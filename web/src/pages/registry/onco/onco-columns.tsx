import { Link } from 'react-router';
import type { OncoPersonRow } from '../../../api/onco';
import type { Column } from '../../../components/data-table/types';
import { formatDate } from '../../../format/dates';
import { formatCount } from '../../../format/numbers';
import { CodedName, OrgNames, personName, TimelinessFlag } from './onco-format';
import { oncoPersonPath } from './onco-paths';

type Row = OncoPersonRow;

const day = (value: string | null) => (value ? formatDate(value) : '—');

/**
 * The register's list: the person, the diagnosis with its stage, the path's dates each with the timeliness of the
 * step that ends there, the МО. Eight columns: they fit 1440 px.
 */
export const oncoPersonColumns: readonly Column<Row>[] = [
  {
    id: 'person',
    header: 'Пациент',
    cell: (r) => (
      <>
        <Link to={oncoPersonPath(r.person.id)} title={`ЕНП ${r.person.enp}`}>
          {personName(r.person)}
        </Link>
        <span className="onco-sub">{formatDate(r.person.birthDate)}</span>
      </>
    ),
  },
  {
    id: 'diagnosis',
    header: 'Диагноз ЗНО и стадия',
    className: 'onco-diagnosis-cell',
    cell: (r) => (
      <>
        <CodedName value={r.lastDiagnosis ?? r.diagnosis} directory="МКБ-10" />
        {r.stage && (
          <span className="onco-sub">
            <CodedName value={r.stage} directory="N002" />
          </span>
        )}
        {r.firstDetected && <span className="onco-sub">выявлено впервые</span>}
      </>
    ),
  },
  { id: 'suspicion', header: 'Подозрение', className: 'cell-date', cell: (r) => day(r.suspicionDate) },
  {
    id: 'diagnosisDate',
    header: 'Диагноз',
    className: 'cell-date',
    cell: (r) => (
      <>
        {day(r.diagnosisDate)}
        {r.timeliness.suspicionToDiagnosis && (
          <span className="onco-sub">
            <TimelinessFlag value={r.timeliness.suspicionToDiagnosis} compact />
          </span>
        )}
      </>
    ),
  },
  {
    id: 'treatment',
    header: 'Начало лечения',
    className: 'cell-date',
    cell: (r) => (
      <>
        {day(r.treatmentDate)}
        {r.timeliness.diagnosisToTreatment && (
          <span className="onco-sub">
            <TimelinessFlag value={r.timeliness.diagnosisToTreatment} compact />
          </span>
        )}
      </>
    ),
  },
  { id: 'mo', header: 'МО', className: 'onco-mo-cell', cell: (r) => <OrgNames values={r.organisations} /> },
  { id: 'cases', header: 'Случаев', className: 'cell-number', cell: (r) => formatCount(r.cases) },
  {
    id: 'lastDate',
    header: 'Последний случай',
    className: 'cell-date',
    sortField: 'lastDate',
    cell: (r) => formatDate(r.lastDate),
  },
];
