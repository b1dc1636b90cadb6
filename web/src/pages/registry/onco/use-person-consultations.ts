import { type ConsultationItem, fetchConsultations } from '../../../api/consultation';
import { useMe } from '../../../auth/AuthContext';
import { useApiQuery } from '../../../hooks/useApiQuery';
import { consultationsLimit } from './timeline-entries';

export interface PersonConsultations {
  /** The reader may read consultations (their section is theirs): otherwise nothing is asked. */
  enabled: boolean;
  /** Where the reader's «Телемедицинские консультации» live. */
  sectionPath: string | undefined;
  items: readonly ConsultationItem[];
  /** The person has more consultations in the reader's scope than were fetched (the newest are shown). */
  hasMore: boolean;
  loading: boolean;
  error: unknown;
  reload: () => void;
}

const none: readonly ConsultationItem[] = [];

/**
 * The person's telemedicine consultations in the reader's scope (`GET /api/v1/consultations?personId=`), the newest
 * `consultationsLimit`, asked only when the reader has the consultations section and may read them.
 */
export function usePersonConsultations(personId: string): PersonConsultations {
  const me = useMe();
  const section = me.sections.find((s) => s.id === 'consultations' && s.available);
  const enabled = section !== undefined && (me.permissions ?? []).includes('consultation.read');
  const { data, error, loading, reload } = useApiQuery(
    `onco-person-consultations\n${personId}\n${enabled}`,
    (signal) =>
      enabled
        ? fetchConsultations({ personId, page: 1, pageSize: consultationsLimit }, signal)
        : Promise.resolve(null),
  );
  // The previous person's answer is kept while the next one loads: show none of it.
  const own = data?.items.every((c) => c.personId === personId) ? data : undefined;
  return {
    enabled,
    sectionPath: section?.path,
    items: own?.items ?? none,
    hasMore: own?.hasMore ?? false,
    loading: enabled && loading,
    error,
    reload,
  };
}
