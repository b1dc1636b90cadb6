import { hospitalisationPermissions } from '../../../../shared/hospitalisation/permissions';
import { requirePermission, restHandler } from '../../../lib/rest';
import { stayOfPath } from './stay-of-path';

/** GET /api/v1/admissions/{id} — one stay (the UI's card); outside the caller's scope it does not exist. */
export const handler = restHandler({ auth: 'user' }, async (request) => {
  requirePermission(request.caller, hospitalisationPermissions.read);
  return { body: await stayOfPath(request) };
});
