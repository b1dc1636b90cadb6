import { informingPermissions } from '../../../../shared/informing/permissions';
import { informingSendRoute } from '../send-route';

/** POST /api/v1/informing/surveys — an СМО records surveys of insured persons on the quality of care. */
export const handler = informingSendRoute('survey', informingPermissions.sendResult);
