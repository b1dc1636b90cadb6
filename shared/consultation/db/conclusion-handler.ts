import type { ExchangeContext, KindHandler } from '../../platform/exchange/package-processor';
import { checkConclusion, consultationKey, type KnownConsultation } from '../domain/consultation-rules';
import { ConclusionRecord } from '../domain/records';

const jsonRows = (rows: readonly Record<string, unknown>[]): string => JSON.stringify(rows);

/**
 * Conclusions of the consulting МО: each for a request addressed to it (row-level security shows it those), written
 * onto the consultation in one statement — the date, the diagnosis, the conclusion and recommendations; done.
 */
export const conclusionHandler: Omit<
  KindHandler<ExchangeContext, ConclusionRecord, KnownConsultation | null>,
  'permission'
> = {
  schema: ConclusionRecord,
  keys: (c) => [`conclusion:${c.sourceId}`, `consultation:${consultationKey(c)}`],
  async check(ctx, who, records) {
    const [row] = await ctx.tx<{ today: string; found: (KnownConsultation & { key: string })[] }[]>`
      select current_date::text as today,
        (select coalesce(json_agg(json_build_object(
                  'key', c.requesting_mo_code || '/' || c.source_id, 'id', c.id::text,
                  'requestDate', c.request_date, 'status', c.status, 'personId', c.person_id::text,
                  'conclusionSourceId', c.conclusion_source_id)), '[]')
         from unnest(${records.map((r) => r.request.requestingMoCode)}::text[],
                     ${records.map((r) => r.request.sourceId)}::text[]) q(mo, source_id)
         join consultation.consultation c
           on c.sender_code = q.mo and c.source_id = q.source_id and c.consulting_mo_code = ${who.orgCode}) as found`;
    const facts = {
      rules: ctx.rules,
      today: row!.today,
      consultations: new Map(row!.found.map((c) => [c.key, c])),
    };
    return records.map((c) => checkConclusion(facts, c));
  },
  async write(ctx, who, items) {
    const rows = items.map(({ record: c, facts }, ord) => ({
      ord,
      id: facts!.id,
      source_id: c.sourceId,
      consult_date: c.consultDate,
      diagnosis: c.diagnosis ?? null,
      conclusion: c.conclusion,
      recommendations: c.recommendations ?? null,
    }));
    const stored = await ctx.tx<{ id: string }[]>`
      update consultation.consultation c
        set status = 'done', consult_date = t.consult_date, conclusion_diagnosis = t.diagnosis,
            conclusion = t.conclusion, recommendations = t.recommendations, conclusion_source_id = t.source_id,
            updated_at = now(), change_seq = nextval('consultation.change_seq')
      from json_to_recordset(${jsonRows(rows)}::text::json) as t(
        ord int, id bigint, source_id text, consult_date date, diagnosis text, conclusion text, recommendations text)
      where c.id = t.id and c.consulting_mo_code = ${who.orgCode}
      returning c.id::text`;
    const written = new Set(stored.map((r) => r.id));
    return { ids: items.map(({ facts }) => (written.has(facts!.id) ? facts!.id : null)) };
  },
};
