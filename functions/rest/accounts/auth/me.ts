import { restHandler } from '../../../lib/rest';
import { describeCaller } from './describe-caller';

/** GET /api/v1/me — who is signed in and what they may open and do. */
export const handler = restHandler({ auth: 'user' }, async ({ caller, db }) => ({
  body: await db((tx) => describeCaller(tx, caller!)),
}));
