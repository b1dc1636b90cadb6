import type { Department } from '../../api/organisations';
import { SelectField } from '../../components/SelectField';

interface DepartmentSelectProps {
  name: string;
  label: string;
  departments: readonly Department[] | undefined;
  value: string;
  onChange: (code: string, department: Department | undefined) => void;
  /** Only inpatient and day-hospital departments (where patients are admitted). */
  inpatientOnly?: boolean;
  emptyLabel?: string;
  required?: boolean;
  error?: string | undefined;
}

/** A department of an МО (from its organisation card), by code and name with its V002 profile. */
export function DepartmentSelect({
  name,
  label,
  departments,
  value,
  onChange,
  inpatientOnly,
  emptyLabel = '— не выбрано —',
  required,
  error,
}: DepartmentSelectProps) {
  const list = (departments ?? []).filter(
    (d) => !d.dateEnd && (!inpatientOnly || d.kind === 'inpatient' || d.kind === 'day_hospital'),
  );
  return (
    <SelectField
      name={name}
      label={label}
      emptyLabel={emptyLabel}
      required={required}
      error={error}
      options={list.map((d) => ({
        value: d.code,
        label: `${d.name} (${d.code})${d.profileName ? ` — ${d.profileName}` : ''}`,
      }))}
      value={value}
      onChange={(event) =>
        onChange(
          event.target.value,
          list.find((d) => d.code === event.target.value),
        )
      }
    />
  );
}

/** «V020 29 — 40 коек (м 20 / ж 20 / д 0)» for a department's bed rows. */
export function bedSummary(department: Department | undefined): string | undefined {
  if (!department || department.beds.length === 0) return undefined;
  return `Койки отделения: ${department.beds
    .map((b) => `${b.bedProfileName ?? 'профиль'} ${b.bedProfileV020} — ${b.beds}`)
    .join('; ')}`;
}
