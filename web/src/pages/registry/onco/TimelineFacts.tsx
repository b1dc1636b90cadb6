import type { ReactNode } from 'react';
import { formatDate } from '../../../format/dates';

export interface Fact {
  /** The field group (`data-testid="onco-group-<id>"`). */
  id?: string;
  label: string;
  value: ReactNode;
}

/** Label–value pairs in a dense grid; empty values are left out. */
export function Facts({
  facts,
  className = 'onco-facts',
}: {
  facts: readonly (Fact | null | false)[];
  className?: string;
}) {
  const shown = facts.filter(
    (f): f is Fact => Boolean(f) && (f as Fact).value !== null && (f as Fact).value !== undefined,
  );
  if (shown.length === 0) return null;
  return (
    <dl className={className}>
      {shown.map((f) => (
        <div key={f.label} data-testid={f.id ? `onco-group-${f.id}` : undefined}>
          <dt>{f.label}</dt>
          <dd>{f.value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A day, or a span of days: `01.03.2026 — 05.03.2026`. */
export const period = (from: string, to: string) =>
  from === to ? formatDate(from) : `${formatDate(from)} — ${formatDate(to)}`;
