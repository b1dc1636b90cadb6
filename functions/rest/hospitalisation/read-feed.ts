import * as z from 'zod';
import { feedNames, readFeedPage } from '../../../shared/hospitalisation/db/feeds';
import { hospitalisationPermissions } from '../../../shared/hospitalisation/permissions';
import { defaultFeedLimit, maxFeedLimit } from '../../../shared/platform/exchange/feed';
import { queryInt } from '../../../shared/platform/flk/edge-types';
import { problems } from '../../lib/problem';
import { parseQuery, requirePermission, restHandler } from '../../lib/rest';
import { optional } from './query-schemas';

const Query = z.object({
  cursor: optional(z.string().regex(/^\d{1,18}$/, 'Курсор — число из ответа предыдущего запроса')),
  limit: queryInt(1, maxFeedLimit).default(defaultFeedLimit),
  sent: optional(z.enum(['true', 'false']).transform((v) => v === 'true')),
});

/** GET /api/v1/hospitalisation/feeds/{feed} — incremental reads by a "changed since" cursor. */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, ports, requestId }) => {
  const who = requirePermission(caller, hospitalisationPermissions.read);
  const feed = event.pathParameters?.feed ?? '';
  if (!(feedNames as readonly string[]).includes(feed)) {
    throw problems.notFound(`Неизвестная лента «${feed.slice(0, 32)}»: ${feedNames.join(', ')}.`);
  }
  const query = parseQuery(event, Query);
  return {
    body: await readFeedPage(await ports.sql(), { ...who, requestId }, feed as (typeof feedNames)[number], {
      cursor: query.cursor,
      limit: query.limit,
      sent: query.sent,
    }),
  };
});
