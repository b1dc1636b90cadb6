import * as z from 'zod';
import type { FlkIssue } from '../../../../shared/platform/flk/issue';
import { Refusal } from '../../../../shared/platform/flk/refusal';
import {
  importPreventionFile,
  type PreventionFileProtocol,
  preventionFileFamily,
} from '../../../../shared/prevention/db/file-import';
import { writeOshibPr } from '../../../../shared/prevention/formats/plan-list/oshib-pr-writer';
import { preventionPermissions } from '../../../../shared/prevention/permissions';
import { parseQuery, requirePermission, restHandler } from '../../../lib/rest';
import { readUpload } from '../../../lib/upload';
import { optional } from '../query-schemas';

const Query = z.object({ answer: optional(z.enum(['json', 'file'])) });

/** The error answer `OSHIB_PR` of a plan list: every record's errors, or the file's when it was refused. */
function answerFile(
  fileName: string,
  rows: { nomerZ?: string; sourceId?: string | null; issues: readonly FlkIssue[] }[],
) {
  return writeOshibPr(fileName, new Date().toISOString().slice(0, 10), rows);
}

function answerRows(protocol: PreventionFileProtocol) {
  return protocol.records.filter((r) => r.issues.length > 0);
}

/**
 * POST /api/v1/prevention/files — an МО uploads a prevention file (docs/formats/prevention-files.md) as the raw
 * body, its name in `x-file-name`: a plan list `PROF_M…_YYMMN.xml` or a ГИС ОМС ДН file `GST…`/`GPT…` (a ZIP).
 * The file is imported at once: 200 with the protocol of every record (400 when every record was rejected); a
 * file that cannot be read is a 400 problem and stores nothing. A plan list's answer also carries its error
 * answer `OSHIB_PR` (`answerFile`, base64), or is that file itself with `?answer=file`.
 */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, ports, requestId }) => {
  const who = requirePermission(caller, preventionPermissions.sendPlan);
  const { answer } = parseQuery(event, Query);
  const upload = readUpload(event, { what: 'файл плана (PROF) или ДН ГИС ОМС (GST, GPT)' });
  const planList = preventionFileFamily(upload.fileName) === 'plan-list';
  let protocol: PreventionFileProtocol;
  try {
    protocol = await importPreventionFile(await ports.sql(), { ...who, requestId }, upload);
  } catch (error) {
    if (!(planList && answer === 'file' && error instanceof Refusal && error.reason !== 'forbidden'))
      throw error;
    const file = answerFile(upload.fileName, [{ issues: error.issues }]);
    return { status: 400, raw: Buffer.from(file.bytes), headers: fileHeaders(file.fileName) };
  }
  const status = protocol.status === 'rejected' ? 400 : 200;
  if (!planList) return { status, body: protocol };
  const file = answerFile(upload.fileName, answerRows(protocol));
  if (answer === 'file') {
    return {
      status,
      raw: Buffer.from(file.bytes),
      headers: {
        ...fileHeaders(file.fileName),
        'x-accepted': String(protocol.accepted),
        'x-rejected': String(protocol.rejected),
      },
    };
  }
  return {
    status,
    body: {
      ...protocol,
      answerFile: { fileName: file.fileName, base64: Buffer.from(file.bytes).toString('base64') },
    },
  };
});

function fileHeaders(fileName: string) {
  return {
    'content-type': 'application/xml; charset=windows-1251',
    'content-disposition': `attachment; filename="${fileName}"`,
  };
}
