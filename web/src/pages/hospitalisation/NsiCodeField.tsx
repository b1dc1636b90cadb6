import { useEffect, useId, useState } from 'react';
import { fetchNsiRecords } from '../../api/nsi';
import type { NsiRecord } from '../../api/types';
import { Field } from '../../components/Field';
import { todayIso } from './hosp-dates';

interface NsiCodeFieldProps {
  name: string;
  label: string;
  /** НСИ directory code: V002, V020, MKB10, … */
  directory: string;
  value: string;
  onChange: (value: string) => void;
  required?: boolean;
  error?: string | undefined;
  hint?: string;
}

/**
 * A code input backed by a reference directory: typing a code prefix or words of the name suggests the records
 * valid today (a native datalist), and the name of the entered code is shown under the field.
 */
export function NsiCodeField({
  name,
  label,
  directory,
  value,
  onChange,
  required,
  error,
  hint,
}: NsiCodeFieldProps) {
  const listId = useId();
  const [suggestions, setSuggestions] = useState<NsiRecord[]>([]);
  const [exact, setExact] = useState<NsiRecord | null>(null);
  const text = value.trim();

  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fetchNsiRecords(
        directory,
        { q: text || undefined, validOn: todayIso(), page: 1, pageSize: 20, sort: 'code' },
        controller.signal,
      ).then(
        (page) => {
          setSuggestions(page.items);
          setExact(page.items.find((r) => r.code.toUpperCase() === text.toUpperCase()) ?? null);
        },
        () => {
          if (!controller.signal.aborted) setSuggestions([]);
        },
      );
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [directory, text]);

  const known = exact ? exact.name : text ? 'Код не найден в справочнике на сегодня' : undefined;
  return (
    <div className="hosp-nsi-field">
      <Field
        name={name}
        label={`${label} (${directory === 'MKB10' ? 'МКБ-10' : directory})`}
        hint={hint}
        list={listId}
        autoComplete="off"
        required={required}
        value={value}
        error={error}
        onChange={(event) => onChange(event.target.value)}
      />
      <datalist id={listId}>
        {suggestions.map((r) => (
          <option key={`${r.code}-${r.dateBeg ?? ''}`} value={r.code}>
            {r.name}
          </option>
        ))}
      </datalist>
      {known && (
        <p className={exact ? 'hosp-nsi-name' : 'hosp-nsi-name muted'} data-testid={`${name}-name`}>
          {known}
        </p>
      )}
    </div>
  );
}
