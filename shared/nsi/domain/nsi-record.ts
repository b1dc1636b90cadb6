import * as z from 'zod';
import { isoDate } from '../../platform/flk/edge-types';
import { flkError } from '../../platform/flk/issue';
import { Refusal } from '../../platform/flk/refusal';
import { isIsoDate } from '../../platform/formats/iso-date';

/** One dated version of a directory record, as every channel returns it. */
export const NsiRecord = z.object({
  code: z.string().min(1),
  name: z.string(),
  dateBeg: isoDate,
  dateEnd: isoDate.nullable(),
  parentCode: z.string().nullable(),
  attrs: z.record(z.string(), z.string()),
});
export type NsiRecord = z.infer<typeof NsiRecord>;

/** Header of a publication: version and publication date. */
export interface NsiPublication {
  version: string;
  publishedAt: string | null;
}

/** FFOMS dates are `ДД.ММ.ГГГГ`; returns ISO `YYYY-MM-DD`, or null for an empty or malformed value. */
export function parseRuDate(value: string | undefined): string | null {
  if (!value) return null;
  const m = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(value.trim());
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(value.trim());
  const date = m ? `${m[3]}-${m[2]}-${m[1]}` : iso ? `${iso[1]}-${iso[2]}-${iso[3]}` : null;
  // A date that looks like one but is not in the calendar (31.02.2020) refuses the publication, not the database.
  if (date && !isIsoDate(date)) {
    throw Refusal.invalid(
      [
        flkError(
          'NSI.DATE',
          '904',
          `Неверная дата в справочнике: ${value.trim().slice(0, 20)} — такой даты нет в календаре`,
          undefined,
          value,
        ),
      ],
      'Публикация справочника содержит несуществующую дату',
    );
  }
  return date;
}

/** Start of validity when a publication gives none. */
export const openStart = '1900-01-01';
