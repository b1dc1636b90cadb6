import { Link } from 'react-router';
import type { DispensaryItem } from '../../api/observation';
import type { Column } from '../../components/data-table/types';
import { formatDate } from '../../format/dates';
import { personPath } from '../person/person-format';
import { codeWithName } from './observation-labels';
import { newPolyclinicCasePath } from './observation-paths';
import { PersonCell } from './PersonCell';
import { specialtyText } from './use-specialty-names';

/** «Просрочено» with the day the missed visit window ended, or what the record owes next. */
function ObservationState({ record }: { record: DispensaryItem }) {
  if (record.dateOut) return <span className="muted">Снят с наблюдения {formatDate(record.dateOut)}</span>;
  if (record.overdue) {
    return (
      <span className="dn-overdue" data-testid="dn-overdue">
        <span className="badge badge-overdue">Просрочено</span> окно посещения закончилось{' '}
        {formatDate(record.overdueFrom)}
      </span>
    );
  }
  if (record.overdueFrom) return <span>Посетить до {formatDate(record.overdueFrom)}</span>;
  return <span className="muted">Посещений не запланировано</span>;
}

/** The planned visit windows, the missed one marked. */
function VisitWindows({ record }: { record: DispensaryItem }) {
  if (record.visits.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="dn-windows">
      {record.visits.map((w) => (
        <li
          key={`${w.from}-${w.to}`}
          className={record.overdue && w.to === record.overdueFrom ? 'dn-window-missed' : undefined}
        >
          {formatDate(w.from)}–{formatDate(w.to)}
        </li>
      ))}
    </ul>
  );
}

/**
 * The columns of the ДН list: the person, the diagnosis, the state (overdue or not), the planned visit windows, the
 * last visit, the observation's dates and specialty; the МО for readers of more than one МО, and for an МО
 * that sends cases a link to add the visit that closes the owed one.
 */
export function dispensaryColumns(options: {
  withMo: boolean;
  personLinks: boolean;
  canAddCase: boolean;
  specialtyNames: ReadonlyMap<string, string>;
}): Column<DispensaryItem>[] {
  const columns: Column<DispensaryItem>[] = [
    {
      id: 'person',
      header: 'Гражданин',
      cell: (r) => <PersonCell person={r} link={options.personLinks ? personPath(r.personId) : undefined} />,
    },
    {
      id: 'diagnosis',
      header: 'Диагноз',
      cell: (r) => codeWithName(r.diagnosis, r.diagnosisName),
    },
    { id: 'state', header: 'Состояние', cell: (r) => <ObservationState record={r} /> },
    { id: 'visits', header: 'Плановые посещения', cell: (r) => <VisitWindows record={r} /> },
    {
      id: 'lastVisit',
      header: 'Последнее посещение',
      cell: (r) => (r.lastVisit ? formatDate(r.lastVisit) : '—'),
      className: 'cell-date',
    },
    {
      id: 'period',
      header: 'Наблюдение',
      cell: (r) => (
        <>
          с {formatDate(r.dateIn)}
          {r.dateOut && <> по {formatDate(r.dateOut)}</>}
          <br />
          <span className="muted">{specialtyText(options.specialtyNames, r.specialty)}</span>
        </>
      ),
    },
  ];
  if (options.withMo)
    columns.splice(1, 0, { id: 'mo', header: 'МО', cell: (r) => r.moCode, className: 'cell-code' });
  if (options.canAddCase) {
    columns.push({
      id: 'actions',
      header: 'Действия',
      cell: (r) =>
        r.dateOut ? null : (
          <Link
            to={newPolyclinicCasePath(r)}
            aria-label={`Добавить случай обслуживания: ${r.fio}, ${r.diagnosis}`}
          >
            Добавить случай
          </Link>
        ),
    });
  }
  return columns;
}
