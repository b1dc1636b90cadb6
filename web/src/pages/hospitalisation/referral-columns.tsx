import { Link } from 'react-router';
import type { ReferralView } from '../../api/hospitalisation';
import type { Column, FilterSpec } from '../../components/data-table/types';
import { named } from '../../components/Named';
import { formatDate } from '../../format/dates';
import { referralStatusLabels } from './hosp-labels';
import { referralPath } from './hosp-paths';
import { PatientCell } from './hosp-person';

export function ReferralStatusBadge({ referral }: { referral: Pick<ReferralView, 'status' | 'overdue'> }) {
  return (
    <span className="hosp-status-cell">
      <span className={`hosp-status hosp-status-${referral.status}`} data-testid="referral-status">
        {referralStatusLabels[referral.status] ?? referral.status}
      </span>
      {referral.overdue && <span className="hosp-status hosp-status-overdue">Просрочено</span>}
    </span>
  );
}

export const referralColumns: readonly Column<ReferralView>[] = [
  {
    id: 'number',
    header: 'Номер',
    className: 'cell-code',
    cell: (r) => <Link to={referralPath(r.id)}>{r.number}</Link>,
  },
  { id: 'date', header: 'Дата', sortField: 'date', className: 'cell-date', cell: (r) => formatDate(r.date) },
  { id: 'status', header: 'Статус', cell: (r) => <ReferralStatusBadge referral={r} /> },
  {
    id: 'person',
    header: 'Пациент',
    cell: (r) => <PatientCell person={r.person} />,
  },
  {
    id: 'diagnosis',
    header: 'Диагноз',
    className: 'cell-code',
    cell: (r) => <span title={r.diagnosisName ?? undefined}>{r.diagnosis}</span>,
  },
  { id: 'profile', header: 'Профиль', cell: (r) => named(r.profile, r.profileName) },
  { id: 'from', header: 'Направила', cell: (r) => named(r.fromMoCode, r.fromMoName) },
  { id: 'to', header: 'Стационар', cell: (r) => named(r.toMoCode, r.toMoName) },
  { id: 'smo', header: 'СМО', cell: (r) => named(r.smoCode, r.smoName) },
  {
    id: 'plannedDate',
    header: 'Плановая дата',
    sortField: 'plannedDate',
    className: 'cell-date',
    cell: (r) => formatDate(r.plannedDate),
  },
];

export const referralFilters: readonly FilterSpec[] = [
  { kind: 'text', name: 'q', label: 'Номер направления', placeholder: 'Номер' },
  {
    kind: 'text',
    name: 'patient',
    label: 'Пациент',
    placeholder: 'Фамилия, имя или ЕНП',
  },
  {
    kind: 'select',
    name: 'status',
    label: 'Статус',
    emptyLabel: 'Все',
    options: Object.entries(referralStatusLabels).map(([value, label]) => ({ value, label })),
  },
  { kind: 'text', name: 'profile', label: 'Профиль (V002)', placeholder: 'Код' },
  { kind: 'text', name: 'moCode', label: 'МО (код)', placeholder: '6 цифр' },
  { kind: 'date', name: 'dateFrom', label: 'Дата с' },
  { kind: 'date', name: 'dateTo', label: 'Дата по' },
];
