import { informingPermissions } from '../../../../shared/informing/permissions';
import { informingSendRoute } from '../send-route';

/** POST /api/v1/informing/results — an СМО records what it did about its requests. */
export const handler = informingSendRoute('result', informingPermissions.sendResult);
