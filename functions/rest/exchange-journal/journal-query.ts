import * as z from 'zod';
import { registered } from '../../../shared/areas';
import type { Caller } from '../../../shared/platform/access/caller';
import {
  type JournalFilter,
  journalChannels,
  journalStatuses,
} from '../../../shared/platform/exchange/journal-source';
import { isoDate, pageNumber, pageSize, queryInt } from '../../../shared/platform/flk/edge-types';

/** Every area's packages, as the journal lists them. */
export const journalSources = registered.exchangeJournal;

/** Empty query values mean "no filter". */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' || v === undefined ? undefined : v), schema.optional());

const kinds = journalSources.flatMap((s) => Object.keys(s.kinds));

export const JournalFilterQuery = z.object({
  from: optional(isoDate),
  to: optional(isoDate),
  sender: optional(
    z.string().regex(/^[0-9A-Za-z]{1,12}$/, 'Код организации — до 12 цифр или латинских букв'),
  ),
  channel: optional(z.enum(journalChannels)),
  kind: optional(z.string().refine((k) => kinds.includes(k), 'Неизвестный вид пакета')),
  status: optional(z.enum(journalStatuses)),
});

export const JournalListQuery = JournalFilterQuery.extend({
  page: pageNumber(),
  pageSize: pageSize(200, 25),
});

/** `?days=` of the silent organisations: 1 … 365, 3 by default. */
export const SilentQuery = z.object({ days: queryInt(1, 365).default(3) });

/** The `{id}` of a journal entry (`hosp-15`): checked by the journal itself, clipped for messages. */
export const entryIdOf = (raw: string | undefined) => (raw ?? '').slice(0, 40);

/**
 * An organisation sees only what it sent (row-level security): its own code as the sender, stated in the query
 * too, so each source reads its (sender, received) index instead of the region's packages. Another sender asked
 * for stays asked for, and finds nothing. The fund's query is as given.
 */
export function ownScope<Q extends JournalFilter>(who: Caller, query: Q): Q {
  return who.orgKind === 'TFOMS' ? query : { ...query, sender: query.sender ?? who.orgCode };
}
