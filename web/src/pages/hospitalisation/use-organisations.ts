import { fetchOrganisationCard, fetchOrganisations } from '../../api/organisations';
import { useApiQuery } from '../../hooks/useApiQuery';

/** The card of one organisation (departments with beds, doctors) — e.g. the user's own МО or a target hospital. */
export function useOrganisationCard(code: string | undefined) {
  return useApiQuery(`hosp-org-card\n${code ?? ''}`, (signal) =>
    code ? fetchOrganisationCard(code, signal) : Promise.resolve(undefined),
  );
}

/** The region's МО with inpatient beds (hospitals and combined МО), for the referral's target. */
export function useHospitals() {
  return useApiQuery('hosp-hospitals', async (signal) => {
    const page = await fetchOrganisations({ kind: 'MO', page: 1, pageSize: 500, sort: 'name' }, signal);
    return page.items.filter((o) => o.moKind !== 'polyclinic' && !o.dateEnd);
  });
}
