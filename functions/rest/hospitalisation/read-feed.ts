import { z } from 'zod';
import { BadCursorError, feedNames, readFeed } from '../../../shared/hospitalisation/db/feeds';
import { hospitalisationPermissions } from '../../../shared/hospitalisation/permissions';
import { problems } from '../../lib/problem';
import { parseQuery, requirePermission, restHandler } from '../../lib/rest';
import { optional } from './query-schemas';

const Query = z.object({
  cursor: optional(z.string().regex(/^\d{1,18}$/, 'Курсор — число из ответа предыдущего запроса')),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  sent: optional(z.enum(['true', 'false']).transform((v) => v === 'true')),
});

/** GET /api/v1/hospitalisation/feeds/{feed} — incremental reads by a "changed since" cursor. */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db, requestId }) => {
  const who = requirePermission(caller, hospitalisationPermissions.read);
  const feed = event.pathParameters?.feed ?? '';
  if (!(feedNames as readonly string[]).includes(feed)) {
    throw problems.notFound(`Неизвестная лента «${feed.slice(0, 32)}»: ${feedNames.join(', ')}.`);
  }
  const query = parseQuery(event, Query);
  try {
    return {
      body: await db((tx) =>
        readFeed(tx, { ...who, requestId }, feed as (typeof feedNames)[number], {
          cursor: query.cursor,
          limit: query.limit,
          sent: query.sent,
        }),
      ),
    };
  } catch (error) {
    if (error instanceof BadCursorError)
      throw problems.invalid([{ code: '904', field: 'cursor', message: 'Неверный курсор' }]);
    throw error;
  }
});
