import { useEffect, useState } from 'react';
import { fetchNsiRecords } from '../../api/nsi';

/** V021 is one short directory: its names are read once per page and kept by code. */
const pageSize = 500;

/**
 * The names of the medical specialties (V021) by code, valid today, for lists that carry only the code; empty
 * until they arrive (or if they cannot be read: the code is shown then).
 */
export function useSpecialtyNames(): ReadonlyMap<string, string> {
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  useEffect(() => {
    const controller = new AbortController();
    const today = new Date().toISOString().slice(0, 10);
    fetchNsiRecords('V021', { validOn: today, page: 1, pageSize, sort: 'code' }, controller.signal).then(
      (page) => setNames(new Map(page.items.map((r) => [r.code, r.name]))),
      () => undefined,
    );
    return () => controller.abort();
  }, []);
  return names;
}

/** «Терапия (76)», or the code alone while the name is unknown. */
export function specialtyText(names: ReadonlyMap<string, string>, code: number): string {
  const name = names.get(String(code));
  return name ? `${name} (${code})` : String(code);
}
