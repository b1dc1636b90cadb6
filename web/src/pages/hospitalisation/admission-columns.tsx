import { Link } from 'react-router';
import type { AdmissionView } from '../../api/hospitalisation';
import type { Column, FilterSpec } from '../../components/data-table/types';
import { named } from '../../components/Named';
import { formatDate } from '../../format/dates';
import { admissionKindLabels } from './hosp-labels';
import { admissionPath } from './hosp-paths';
import { PatientCell } from './hosp-person';

export function StayState({ admission }: { admission: Pick<AdmissionView, 'discharge'> }) {
  return admission.discharge ? (
    <span className="hosp-status hosp-status-discharged">Выписан {formatDate(admission.discharge.date)}</span>
  ) : (
    <span className="hosp-status hosp-status-admitted">В стационаре</span>
  );
}

export const admissionColumns: readonly Column<AdmissionView>[] = [
  {
    id: 'caseNumber',
    header: 'Карта',
    className: 'cell-code',
    cell: (a) => <Link to={admissionPath(a.id)}>{a.caseNumber}</Link>,
  },
  {
    id: 'date',
    header: 'Поступил',
    sortField: 'date',
    className: 'cell-date',
    cell: (a) => `${formatDate(a.date)} ${a.time ?? ''}`,
  },
  { id: 'state', header: 'Состояние', cell: (a) => <StayState admission={a} /> },
  {
    id: 'person',
    header: 'Пациент',
    cell: (a) => <PatientCell person={a.person} />,
  },
  {
    id: 'diagnosis',
    header: 'Диагноз',
    className: 'cell-code',
    cell: (a) => <span title={a.diagnosisName ?? undefined}>{a.diagnosis}</span>,
  },
  { id: 'department', header: 'Отделение', cell: (a) => named(a.departmentCode, a.departmentName) },
  { id: 'mo', header: 'Стационар', cell: (a) => named(a.moCode, a.moName) },
  { id: 'kind', header: 'Вид', cell: (a) => admissionKindLabels[a.kind] ?? a.kind },
  { id: 'profile', header: 'Профиль койки', cell: (a) => named(a.bedProfile, a.bedProfileName) },
  { id: 'referral', header: 'Направление', className: 'cell-code', cell: (a) => a.referralNumber ?? '—' },
];

export const admissionFilters: readonly FilterSpec[] = [
  {
    kind: 'text',
    name: 'patient',
    label: 'Пациент',
    placeholder: 'Фамилия, имя или ЕНП',
  },
  {
    kind: 'select',
    name: 'kind',
    label: 'Вид госпитализации',
    emptyLabel: 'Все',
    options: Object.entries(admissionKindLabels).map(([value, label]) => ({ value, label })),
  },
  { kind: 'text', name: 'moCode', label: 'Стационар (код)', placeholder: '6 цифр' },
  { kind: 'date', name: 'dateFrom', label: 'Поступил с' },
  { kind: 'date', name: 'dateTo', label: 'Поступил по' },
];
