import { fetchOrganisationCard } from '../../api/organisations';
import { useApiQuery } from '../../hooks/useApiQuery';

export interface DistrictChoice {
  code: string;
  doctorName: string | null;
}

/** The open districts of each МО asked for in this session (the card is read once per МО, not per page). */
const known = new Map<string, Promise<DistrictChoice[]>>();

function districtsOf(moCode: string): Promise<DistrictChoice[]> {
  let districts = known.get(moCode);
  if (!districts) {
    districts = fetchOrganisationCard(moCode).then((card) =>
      card.districts
        .filter((d) => d.dateEnd === null)
        .map((d) => ({ code: d.code, doctorName: d.doctorName })),
    );
    districts.catch(() => known.delete(moCode));
    known.set(moCode, districts);
  }
  return districts;
}

const none = () => Promise.resolve(undefined);

/** The districts (участки) of an МО by code, from its card; none while no МО is named. */
export function useDistricts(moCode: string | undefined): DistrictChoice[] | undefined {
  const valid = moCode !== undefined && /^\d{6}$/.test(moCode);
  const card = useApiQuery(`districts\n${valid ? moCode : ''}`, () => (valid ? districtsOf(moCode) : none()));
  return valid ? card.data : undefined;
}
