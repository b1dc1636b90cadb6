import type { ReactNode } from 'react';

/** A label–value list of a card (the `details-list` style of the person card). */
export function DetailsList({ rows, testId }: { rows: readonly [string, ReactNode][]; testId?: string }) {
  return (
    <dl className="details-list" data-testid={testId}>
      {rows.map(([label, value]) => (
        <div key={label} className="details-row">
          <dt>{label}</dt>
          <dd>{value === null || value === undefined || value === '' ? '—' : value}</dd>
        </div>
      ))}
    </dl>
  );
}
