import { fetchOrganisations } from '../../api/organisations';
import { useApiQuery } from '../../hooks/useApiQuery';

export interface OrganisationName {
  code: string;
  shortName: string;
  kind: string;
}

/**
 * The region's organisations by code (МО, СМО, the fund), so that lists whose rows carry only a code show the
 * name with the code on hover. Loaded once per page.
 */
export function useOrganisationNames() {
  return useApiQuery('registry-organisation-names', async (signal) => {
    const names = new Map<string, OrganisationName>();
    for (let page = 1; page <= 20; page++) {
      const answer = await fetchOrganisations({ page, pageSize: 500, sort: 'name' }, signal);
      for (const o of answer.items) names.set(o.code, { code: o.code, shortName: o.shortName, kind: o.kind });
      if (answer.items.length < 500) break;
    }
    return names;
  });
}
