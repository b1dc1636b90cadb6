import { fetchOrganisations, type OrganisationListItem } from '../../api/organisations';
import type { SelectOption } from '../../components/SelectField';
import { useApiQuery } from '../../hooks/useApiQuery';

type Kind = 'MO' | 'SMO';

const optionOf = (o: OrganisationListItem): SelectOption => ({
  value: o.code,
  label: `${o.shortName} (${o.code})`,
});

/**
 * The region's working МО or СМО as select options, by name (the survey's МО, the fund's СМО filter); nothing
 * is loaded while `enabled` is false.
 */
export function useOrganisationOptions(kind: Kind, enabled = true): readonly SelectOption[] {
  const { data } = useApiQuery(`patient-informing-orgs\n${kind}\n${enabled}`, async (signal) => {
    if (!enabled) return [];
    const page = await fetchOrganisations({ kind, page: 1, pageSize: 500, sort: 'name' }, signal);
    return page.items.filter((o) => !o.dateEnd).map(optionOf);
  });
  return data ?? noOptions;
}

const noOptions: readonly SelectOption[] = [];
