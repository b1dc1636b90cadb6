import { z } from 'zod';
import { isoDate } from '../../platform/flk/edge-types';

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
  if (m) return `${m[3]}-${m[2]}-${m[1]}`;
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(value.trim());
  return iso ? `${iso[1]}-${iso[2]}-${iso[3]}` : null;
}

/** Start of validity when a publication gives none. */
export const openStart = '1900-01-01';
