import type { Coded, OrgRef, Timeliness } from '../../../api/onco';
import { oncoStepLabels, timelinessStatusLabels } from '../../../api/onco';
import { formatDate } from '../../../format/dates';
import { formatMonth } from '../../../format/months';

/** A code with its НСИ name: the name, the code (and the directory) on hover; the code when НСИ has no name. */
export function CodedName({ value, directory }: { value: Coded | null | undefined; directory?: string }) {
  if (!value) return <span className="muted">—</span>;
  if (!value.name) return <span className="cell-code">{value.code}</span>;
  return (
    <span title={directory ? `${directory}: код ${value.code}` : `Код ${value.code}`} data-code={value.code}>
      {/* Some НСИ names end with the publication's «;» */}
      {value.name.replace(/[\s;]+$/, '')}
    </span>
  );
}

/** An organisation by its short name, the code on hover. */
export function OrgName({ value }: { value: OrgRef | null | undefined }) {
  if (!value) return <span className="muted">—</span>;
  if (!value.name) return <span className="cell-code">{value.code}</span>;
  return (
    <span title={`Код ${value.code}`} data-code={value.code}>
      {value.name}
    </span>
  );
}

/** Several organisations, comma-separated. */
export function OrgNames({ values }: { values: readonly OrgRef[] }) {
  if (values.length === 0) return <span className="muted">—</span>;
  return (
    <>
      {values.map((o, i) => (
        <span key={o.code}>
          {i > 0 && ', '}
          <OrgName value={o} />
        </span>
      ))}
    </>
  );
}

const unitNames = { working: 'раб. дн.', calendar: 'дн.' } as const;

/**
 * A step's timeliness as a flag: in time, late, waiting, overdue — the days against the limit in words and on
 * hover, with the step's dates.
 */
export function TimelinessFlag({
  value,
  compact = false,
}: {
  value: Timeliness | null | undefined;
  compact?: boolean;
}) {
  if (!value) return <span className="muted">—</span>;
  const unit = unitNames[value.unit];
  const span = `${value.days} ${unit} при норме ${value.limit} ${unit}`;
  const dates = `${formatDate(value.from)} — ${value.to ? formatDate(value.to) : 'не выполнено'}`;
  return (
    <span
      className={`onco-flag onco-flag-${value.status}`}
      title={`${oncoStepLabels[value.step]}: ${timelinessStatusLabels[value.status]}, ${span} (${dates})`}
      data-status={value.status}
      data-testid="onco-timeliness"
    >
      {compact ? `${value.days} ${unit}` : `${timelinessStatusLabels[value.status]}: ${value.days} ${unit}`}
    </span>
  );
}

export function personName(p: { fam: string; im: string; ot: string | null }): string {
  return [p.fam, p.im, p.ot].filter(Boolean).join(' ');
}

export const sexTitles: Record<number, string> = { 1: 'мужской', 2: 'женский' };

const moneyFormat = new Intl.NumberFormat('ru-RU', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function formatMoney(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const n = Number(value);
  return Number.isFinite(n) ? `${moneyFormat.format(n)} ₽` : String(value);
}

export function formatPeriodText(period: string): string {
  return formatMonth(period);
}
