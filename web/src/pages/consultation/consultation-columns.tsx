import type { ConsultationItem } from '../../api/consultation';
import type { Column } from '../../components/data-table/types';
import { formatDate } from '../../format/dates';
import { PersonCell } from '../observation/PersonCell';
import { personPath } from '../person/person-format';

const typeLabels: Record<number, string> = { 1: 'врач — врач', 2: 'врач — пациент' };
const urgencyLabels: Record<number, string> = { 1: 'плановая', 2: 'неотложная', 3: 'экстренная' };
const statusLabels: Record<string, string> = {
  requested: 'Запрошена',
  done: 'Проведена',
  cancelled: 'Отменена',
};

/** The columns of the consultation list: person, who asked whom, when and why, and the conclusion. */
export function consultationColumns(options: { personLinks: boolean }): Column<ConsultationItem>[] {
  return [
    {
      id: 'person',
      header: 'Гражданин',
      cell: (c) => <PersonCell person={c} link={options.personLinks ? personPath(c.personId) : undefined} />,
    },
    {
      id: 'organisations',
      header: 'Кто — кого',
      cell: (c) => (
        <>
          {c.requestingMoName ?? c.requestingMoCode}
          <br />
          <span className="muted">→ {c.consultingMoName ?? c.consultingMoCode}</span>
        </>
      ),
    },
    {
      id: 'request',
      header: 'Запрос',
      cell: (c) => (
        <>
          {formatDate(c.requestDate)}, {typeLabels[c.type] ?? c.type}, {urgencyLabels[c.urgency] ?? c.urgency}
          <br />
          <span title={c.diagnosisName ?? undefined}>{c.diagnosis}</span>
          {c.diagnosisName && <span className="muted"> {c.diagnosisName}</span>}
        </>
      ),
    },
    {
      id: 'status',
      header: 'Состояние',
      cell: (c) => (
        <>
          {statusLabels[c.status] ?? c.status}
          {c.consultDate && <div className="muted">{formatDate(c.consultDate)}</div>}
        </>
      ),
    },
    {
      id: 'conclusion',
      header: 'Заключение',
      cell: (c) =>
        c.conclusion ? (
          <>
            {c.conclusion}
            {c.recommendations && <div className="muted">Рекомендации: {c.recommendations}</div>}
          </>
        ) : (
          '—'
        ),
    },
  ];
}
