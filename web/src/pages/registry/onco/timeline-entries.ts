/**
 * The person's timeline as the onco page shows it: the register's cases and the telemedicine consultations (another
 * area, fetched by the page itself) in one date order. Pure: no I/O, no React.
 */

/** A case or a consultation in the timeline, with the date it is ordered by. */
export type TimelineEntry<C, K> =
  | { kind: 'case'; date: string; item: C }
  | { kind: 'consultation'; date: string; item: K };

/** How many of the person's consultations the page asks for at once (the route's largest page). */
export const consultationsLimit = 200;

/** The consultation's diagnoses: the one it was asked about, and the consultant's, once concluded. */
interface ConsultationDiagnoses {
  diagnosis: string;
  conclusionDiagnosis: string | null;
}

/**
 * An МКБ-10 code the register counts as oncological: ЗНО C00–C97 and D00–D09 — the register's own test
 * (shared/registry/domain/onco-diagnosis.ts `isZno`, `registry.is_zno`) — and Z03.1 «наблюдение при подозрении на
 * злокачественную опухоль», the diagnosis-code form of the register's suspicion of ЗНО (DS_ONK=1).
 */
export function isOncoDiagnosisCode(code: string | null | undefined): boolean {
  if (!code) return false;
  const ds = code.trim().toUpperCase();
  const match = /^([CD])(\d)(\d)/.exec(ds);
  if (match) {
    const n = Number(match[2]) * 10 + Number(match[3]);
    return match[1] === 'C' ? n <= 97 : n <= 9;
  }
  return /^Z03\.1/.test(ds);
}

/** A consultation about an oncological diagnosis: the one asked about or the consultant's. */
export function isOncoConsultation(c: ConsultationDiagnoses): boolean {
  return isOncoDiagnosisCode(c.diagnosis) || isOncoDiagnosisCode(c.conclusionDiagnosis);
}

/**
 * The consultations a view of the timeline shows: all of them with every case (`all`), the oncological ones with
 * the onco cases (`onco`), none with the «Онкология» profile's cases (a consultation has no profile).
 */
export function consultationsOfView<K extends ConsultationDiagnoses>(view: string, items: readonly K[]): K[] {
  if (view === 'all') return [...items];
  if (view === 'onco') return items.filter(isOncoConsultation);
  return [];
}

/**
 * Cases (by their first day) and consultations (by their request date) in one ascending order. The cases keep the
 * server's order; on the same day a case comes before a consultation, and consultations of one day follow their
 * ids (the order they were recorded in).
 */
export function timelineEntries<
  C extends { dateFrom: string },
  K extends { requestDate: string; id: string },
>(cases: readonly C[], consultations: readonly K[]): TimelineEntry<C, K>[] {
  const asked = [...consultations].sort(
    (a, b) => a.requestDate.localeCompare(b.requestDate) || Number(a.id) - Number(b.id),
  );
  const entries: TimelineEntry<C, K>[] = [];
  let next = 0;
  for (const c of cases) {
    while (next < asked.length && asked[next]!.requestDate < c.dateFrom) {
      entries.push({ kind: 'consultation', date: asked[next]!.requestDate, item: asked[next]! });
      next++;
    }
    entries.push({ kind: 'case', date: c.dateFrom, item: c });
  }
  for (; next < asked.length; next++) {
    entries.push({ kind: 'consultation', date: asked[next]!.requestDate, item: asked[next]! });
  }
  return entries;
}
