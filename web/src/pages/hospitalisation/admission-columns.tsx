import { Link } from 'react-router';
import type { AdmissionView } from '../../api/hospitalisation';
import type { Column, FilterSpec } from '../../components/data-table/types';
import { formatDate } from '../../format/dates';
import { admissionKindLabels, coded, orgLabel } from './hosp-labels';
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
    className: 'cell-date',
    cell: (a) => `${formatDate(a.date)} ${a.time ?? ''}`,
  },
  { id: 'kind', header: 'Вид', cell: (a) => admissionKindLabels[a.kind] ?? a.kind },
  {
    id: 'person',
    header: 'Пациент',
    cell: (a) => <PatientCell person={a.person} />,
  },
  { id: 'mo', header: 'Стационар', cell: (a) => orgLabel(a.moCode, a.moName) },
  { id: 'department', header: 'Отделение', cell: (a) => orgLabel(a.departmentCode, a.departmentName) },
  { id: 'profile', header: 'Профиль койки', cell: (a) => coded(a.bedProfile, a.bedProfileName) },
  { id: 'diagnosis', header: 'Диагноз', className: 'cell-code', cell: (a) => a.diagnosis },
  { id: 'referral', header: 'Направление', className: 'cell-code', cell: (a) => a.referralNumber ?? '—' },
  { id: 'state', header: 'Состояние', cell: (a) => <StayState admission={a} /> },
];

export const admissionFilters: readonly FilterSpec[] = [
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
