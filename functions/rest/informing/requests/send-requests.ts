import { informingPermissions } from '../../../../shared/informing/permissions';
import { informingSendRoute } from '../send-route';

/** POST /api/v1/informing/requests — an МО asks the persons' СМО to inform them. */
export const handler = informingSendRoute('request', informingPermissions.sendRequest);
