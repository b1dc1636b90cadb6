import { getAdmission } from '../../../../shared/hospitalisation/db/queries';
import type { AdmissionView } from '../../../../shared/hospitalisation/db/views';
import { problems } from '../../../lib/problem';
import type { RestRequest } from '../../../lib/rest';

/** The stay named by the `{id}` path parameter, within the caller's scope, or a 404 problem. */
export async function stayOfPath(request: RestRequest): Promise<AdmissionView> {
  const stay = await request.db((tx) => getAdmission(tx, request.event.pathParameters?.id ?? ''));
  if (!stay) throw problems.notFound('Госпитализация не найдена или недоступна вашей организации.');
  return stay;
}
