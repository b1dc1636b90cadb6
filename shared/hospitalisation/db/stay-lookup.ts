import type { Tx } from '../../platform/db/connection';

export interface StayFacts {
  id: string;
  admittedOn: string;
  dischargedOn: string | null;
  dischargeSourceId: string | null;
  referralId: string | null;
  personId: string;
  moCode: string;
  referringMoCode: string | null;
  smoCode: string | null;
}

/** The hospital's own stay by the id it gave it (RLS: only the caller's hospital's stays). */
export async function findOwnStay(tx: Tx, senderCode: string, sourceId: string): Promise<StayFacts | null> {
  const [row] = await tx<StayFacts[]>`
    select id::text, admitted_on as "admittedOn", discharged_on as "dischargedOn",
           discharge_source_id as "dischargeSourceId", referral_id::text as "referralId",
           person_id::text as "personId", mo_code as "moCode", referring_mo_code as "referringMoCode",
           smo_code as "smoCode"
    from hosp.stay where sender_code = ${senderCode} and source_id = ${sourceId} and mo_code = ${senderCode}`;
  return row ?? null;
}
