import { restHandler } from '../../lib/rest';
import { describeCaller } from './describe-caller';

/** GET /api/v1/me — who is signed in and what they may open. */
export const handler = restHandler({ auth: 'user' }, async ({ caller, ports }) => ({
  body: await describeCaller(await ports.sql(), caller!),
}));
