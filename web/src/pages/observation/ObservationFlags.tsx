import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';

export interface Flag {
  /** The query-string name: `1` on, `0` off, absent its default. */
  name: string;
  label: string;
  defaultOn: boolean;
}

/** A checkbox's state as the URL holds it. */
export function flagOn(params: URLSearchParams, flag: Flag): boolean {
  const value = params.get(flag.name);
  return value === null ? flag.defaultOn : value === '1';
}

/**
 * Checkboxes that narrow a list, kept in the URL beside the table's own page and filters (a change starts again
 * from the first page).
 */
export function ObservationFlags({ flags, label }: { flags: readonly Flag[]; label: string }) {
  const [params, setParams] = useSearchParams();
  // The router applies a new URL as a transition: the boxes show the reader's click at once meanwhile.
  const [clicked, setClicked] = useState<Record<string, boolean>>({});
  const search = params.toString();
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new query string is what ends the wait.
  useEffect(() => setClicked({}), [search]);
  const toggle = (flag: Flag, on: boolean) => {
    setClicked((previous) => ({ ...previous, [flag.name]: on }));
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (on === flag.defaultOn) next.delete(flag.name);
      else next.set(flag.name, on ? '1' : '0');
      next.delete('page');
      return next;
    });
  };
  return (
    <fieldset className="observation-flags" aria-label={label}>
      {flags.map((flag) => (
        <label key={flag.name} className="observation-flag">
          <input
            type="checkbox"
            name={flag.name}
            checked={clicked[flag.name] ?? flagOn(params, flag)}
            onChange={(event) => toggle(flag, event.target.checked)}
          />{' '}
          {flag.label}
        </label>
      ))}
    </fieldset>
  );
}
