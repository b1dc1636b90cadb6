import { useEffect, useId, useMemo, useState } from 'react';
import { fetchNsiRecords } from '../../../api/nsi';

export interface CodeOption {
  code: string;
  name: string;
}

export type CodesSource =
  /** An НСИ directory: a short one is listed whole (check boxes), a long one is searched by code or words. */
  | { directory: string; list?: boolean }
  /** Options known to the page (the region's МО or СМО). */
  | { options: readonly CodeOption[] };

interface CodesPickerProps {
  label: string;
  source: CodesSource;
  value: readonly string[];
  onChange: (codes: string[]) => void;
  hint?: string;
}

const todayIso = () => new Date().toISOString().slice(0, 10);

/** The records of a directory valid today, one per code (the latest version), by name. */
async function nsiOptions(
  directory: string,
  q: string,
  signal: AbortSignal,
  pageSize = 30,
): Promise<CodeOption[]> {
  const page = await fetchNsiRecords(
    directory,
    { q: q || undefined, validOn: todayIso(), page: 1, pageSize, sort: 'code' },
    signal,
  );
  const seen = new Map<string, CodeOption>();
  // Some НСИ names end with the publication's «;».
  for (const r of page.items) seen.set(r.code, { code: r.code, name: r.name.replace(/[\s;]+$/, '') });
  return [...seen.values()];
}

/**
 * Several codes of a directory picked by their names (the code on hover): a short list as check boxes, a long
 * one by a search with suggestions and the picked ones as removable chips.
 */
export function CodesPicker({ label, source, value, onChange, hint }: CodesPickerProps) {
  const listed = 'options' in source ? source.options.length <= 12 : source.list === true;
  return listed ? (
    <ListPicker label={label} source={source} value={value} onChange={onChange} hint={hint} />
  ) : (
    <SearchPicker label={label} source={source} value={value} onChange={onChange} hint={hint} />
  );
}

function useSourceOptions(source: CodesSource, q: string, enabled: boolean) {
  const [options, setOptions] = useState<CodeOption[] | null>(null);
  const directory = 'directory' in source ? source.directory : undefined;
  const staticOptions = 'options' in source ? source.options : undefined;
  useEffect(() => {
    if (!enabled) return;
    if (staticOptions) {
      const words = q.trim().toLowerCase();
      setOptions(
        staticOptions
          .filter((o) => !words || o.code.startsWith(words) || o.name.toLowerCase().includes(words))
          .slice(0, 30),
      );
      return;
    }
    if (!directory) return;
    const controller = new AbortController();
    const timer = setTimeout(
      () => {
        nsiOptions(directory, q.trim(), controller.signal, q.trim() ? 30 : 100).then(setOptions, () => {
          if (!controller.signal.aborted) setOptions([]);
        });
      },
      q ? 250 : 0,
    );
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [directory, staticOptions, q, enabled]);
  return options;
}

function ListPicker({ label, source, value, onChange, hint }: CodesPickerProps) {
  const options = useSourceOptions(source, '', true);
  const picked = new Set(value);
  const toggle = (code: string) =>
    onChange(picked.has(code) ? value.filter((c) => c !== code) : [...value, code]);
  return (
    <fieldset className="onco-picker">
      <legend className="field-label">{label}</legend>
      {hint && <p className="field-hint">{hint}</p>}
      {options === null ? (
        <span className="muted">Загрузка…</span>
      ) : (
        <div className="onco-checks">
          {options.map((o) => (
            <label key={o.code} className="onco-check" title={`Код ${o.code}`}>
              <input type="checkbox" checked={picked.has(o.code)} onChange={() => toggle(o.code)} />
              {o.name}
            </label>
          ))}
        </div>
      )}
    </fieldset>
  );
}

function SearchPicker({ label, source, value, onChange, hint }: CodesPickerProps) {
  const id = useId();
  const [q, setQ] = useState('');
  const [open, setOpen] = useState(false);
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  const options = useSourceOptions(source, q, open);
  const directory = 'directory' in source ? source.directory : undefined;
  const staticOptions = 'options' in source ? source.options : undefined;

  // Names of codes picked before this page knew them (a saved list, a link).
  const unknown = useMemo(() => value.filter((c) => !names.has(c)), [value, names]);
  useEffect(() => {
    if (unknown.length === 0) return;
    if (staticOptions) {
      setNames((known) => {
        const next = new Map(known);
        for (const code of unknown) next.set(code, staticOptions.find((o) => o.code === code)?.name ?? code);
        return next;
      });
      return;
    }
    if (!directory) return;
    const controller = new AbortController();
    Promise.all(
      unknown.map((code) =>
        nsiOptions(directory, code, controller.signal, 100).then(
          (found) => [code, found.find((o) => o.code === code)?.name ?? code] as const,
          () => [code, code] as const,
        ),
      ),
    ).then((pairs) => {
      if (!controller.signal.aborted) setNames((known) => new Map([...known, ...pairs]));
    });
    return () => controller.abort();
  }, [unknown, directory, staticOptions]);

  const add = (o: CodeOption) => {
    setNames((known) => new Map(known).set(o.code, o.name));
    if (!value.includes(o.code)) onChange([...value, o.code]);
    setQ('');
  };
  return (
    <div className="field onco-picker">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {hint && <p className="field-hint">{hint}</p>}
      {value.length > 0 && (
        <ul className="onco-chips" aria-label={`${label}: выбрано`}>
          {value.map((code) => (
            <li key={code} className="onco-chip" title={`Код ${code}`}>
              {names.get(code) ?? code}
              <button
                type="button"
                className="onco-chip-remove"
                aria-label={`Убрать «${names.get(code) ?? code}»`}
                onClick={() => onChange(value.filter((c) => c !== code))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        id={id}
        type="search"
        className="input"
        placeholder="Начните вводить название или код"
        autoComplete="off"
        value={q}
        onFocus={() => setOpen(true)}
        onChange={(event) => {
          setQ(event.target.value);
          setOpen(true);
        }}
      />
      {open && options && (
        <ul className="onco-suggestions" aria-label={`${label}: варианты`}>
          {options.length === 0 && <li className="muted">Ничего не найдено</li>}
          {options
            .filter((o) => !value.includes(o.code))
            .slice(0, 12)
            .map((o) => (
              <li key={o.code}>
                <button type="button" className="link-button" title={`Код ${o.code}`} onClick={() => add(o)}>
                  {o.name}
                </button>
              </li>
            ))}
        </ul>
      )}
    </div>
  );
}
