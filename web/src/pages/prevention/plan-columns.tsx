import { Link } from 'react-router';
import type { PlanEntry } from '../../api/prevention';
import type { Column } from '../../components/data-table/types';
import { formatDate } from '../../format/dates';
import { personPath } from '../person/person-format';
import { checkupKindLabels, plannedWhen, progressOf } from './checkup-labels';

/**
 * The columns of a list of planned persons; the МО column only for readers of more than one МО, the progress only
 * where some may have started (the due list holds only those who have not).
 */
export function planColumns(options: {
  withMo: boolean;
  personLinks: boolean;
  withProgress: boolean;
}): Column<PlanEntry>[] {
  const columns: Column<PlanEntry>[] = [
    {
      id: 'person',
      header: 'Гражданин',
      cell: (e) => (
        <>
          {options.personLinks ? <Link to={personPath(e.personId)}>{e.fio}</Link> : e.fio}
          <br />
          <span className="muted cell-code">{e.enp}</span>
        </>
      ),
    },
    {
      id: 'birthDate',
      header: 'Дата рождения',
      cell: (e) => formatDate(e.birthDate),
      className: 'cell-date',
    },
  ];
  if (options.withMo) columns.push({ id: 'mo', header: 'МО', cell: (e) => e.moCode, className: 'cell-code' });
  columns.push(
    { id: 'district', header: 'Участок', cell: (e) => e.districtCode ?? '—', className: 'cell-code' },
    { id: 'kind', header: 'Мероприятие', cell: (e) => checkupKindLabels[e.kind] ?? e.kind },
    { id: 'when', header: 'Когда', cell: (e) => plannedWhen(e) },
  );
  if (!options.withProgress) return columns;
  columns.push({
    id: 'progress',
    header: 'Ход медосмотра',
    cell: (e) => {
      const progress = progressOf(e);
      return (
        <span className={`checkup-progress checkup-progress-${progress.tone}`} data-testid="plan-progress">
          {progress.text}
        </span>
      );
    },
  });
  return columns;
}
