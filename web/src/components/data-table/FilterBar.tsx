import { type FormEvent, useEffect, useState } from 'react';
import { Field } from '../Field';
import { SelectField } from '../SelectField';
import { hasActiveFilters } from './table-query';
import type { FilterSpec, FilterValues } from './types';

interface FilterBarProps {
  specs: readonly FilterSpec[];
  /** The filters in force (from the URL). */
  applied: FilterValues;
  onApply: (filters: FilterValues) => void;
}

const emptyValues = (specs: readonly FilterSpec[]): FilterValues =>
  Object.fromEntries(specs.map((spec) => [spec.name, '']));

/** The filter form above a table: edits are applied with «Найти» (or Enter), cleared with «Сбросить». */
export function FilterBar({ specs, applied, onApply }: FilterBarProps) {
  const [draft, setDraft] = useState<FilterValues>(applied);
  const appliedKey = JSON.stringify(applied);

  // Back/forward navigation or a followed link changes the applied filters: show them.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the serialised key stands for `applied`.
  useEffect(() => setDraft(applied), [appliedKey]);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onApply(Object.fromEntries(specs.map((spec) => [spec.name, (draft[spec.name] ?? '').trim()])));
  }

  const set = (name: string, value: string) => setDraft((previous) => ({ ...previous, [name]: value }));

  return (
    <search aria-label="Фильтры таблицы">
      <form className="filter-bar" onSubmit={handleSubmit}>
        {specs.map((spec) => (
          <FilterField key={spec.name} spec={spec} value={draft[spec.name] ?? ''} onChange={set} />
        ))}
        <div className="filter-actions">
          <button type="submit" className="button button-primary">
            Найти
          </button>
          {hasActiveFilters(applied) && (
            <button
              type="button"
              className="button button-secondary"
              onClick={() => onApply(emptyValues(specs))}
            >
              Сбросить
            </button>
          )}
        </div>
      </form>
    </search>
  );
}

interface FilterFieldProps {
  spec: FilterSpec;
  value: string;
  onChange: (name: string, value: string) => void;
}

function FilterField({ spec, value, onChange }: FilterFieldProps) {
  switch (spec.kind) {
    case 'text':
      return (
        <Field
          name={spec.name}
          type="search"
          label={spec.label}
          hint={spec.hint}
          placeholder={spec.placeholder}
          value={value}
          onChange={(event) => onChange(spec.name, event.target.value)}
          className="filter-text"
        />
      );
    case 'date':
      return (
        <Field
          name={spec.name}
          type="date"
          label={spec.label}
          hint={spec.hint}
          value={value}
          onChange={(event) => onChange(spec.name, event.target.value)}
        />
      );
    case 'select':
      return (
        <SelectField
          name={spec.name}
          label={spec.label}
          options={spec.options}
          emptyLabel={spec.emptyLabel}
          value={value}
          onChange={(event) => onChange(spec.name, event.target.value)}
        />
      );
  }
}
