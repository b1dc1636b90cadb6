import { directoryExists, listDirectories, searchRecords } from '../../../shared/nsi/db/nsi-repository';
import { nsiServiceWsdl } from '../../../shared/nsi/formats/nsi-service.wsdl';
import { dateProblem, integerProblem, maxPageNumber } from '../../../shared/platform/flk/edge-types';
import { Refusal } from '../../../shared/platform/flk/refusal';
import { getPorts } from '../../../shared/platform/ports/ports';
import { soapHandler } from '../../lib/soap';
import { soapDate, soapText } from '../../lib/soap-values';

/** `Page` / `PageSize` of a request: an integer within its bounds, or a Fault naming the element. */
function pageElement(value: unknown, name: string, max: number, fallback: number): number {
  const text = soapText(value);
  if (text === undefined) return fallback;
  const problem = integerProblem(text, 1, max);
  if (problem) throw Refusal.request(problem.code, `${name}: ${problem.message}`, name, text);
  return Number(text);
}

/** SOAP `NsiService`: the reference directories for МО and СМО systems. */
export const handler = soapHandler({
  service: 'NsiService',
  port: 'NsiPort',
  wsdl: nsiServiceWsdl,
  operations: {
    async GetDirectories() {
      const items = await listDirectories(await getPorts().sql());
      return {
        Directory: items.map((d) => ({
          Code: d.code,
          Title: d.title,
          ...(d.currentVersion ? { Version: d.currentVersion } : {}),
          ...(d.publishedAt ? { PublishedAt: d.publishedAt } : {}),
          RecordCount: d.recordCount,
        })),
      };
    },
    async GetDirectoryRecords(args) {
      const code = String(args.DirectoryCode ?? '').trim();
      // The date arrives as text (the SOAP server keeps xs:date text): `2026-02-31` is refused, not rolled over.
      const validOn = soapDate(args.ValidOn);
      const problem = validOn === undefined ? null : dateProblem(validOn);
      if (validOn !== undefined && problem) {
        throw Refusal.request(problem.code, `ValidOn: ${problem.message}`, 'ValidOn', validOn);
      }
      const page = pageElement(args.Page, 'Page', maxPageNumber, 1);
      const pageSize = pageElement(args.PageSize, 'PageSize', 1000, 100);
      const sql = await getPorts().sql();
      if (!code || !(await directoryExists(sql, code))) {
        throw Refusal.request('904', `Справочник «${code}» не найден`);
      }
      const q = args.Query === undefined ? undefined : String(args.Query);
      const result = await searchRecords(sql, { code, q, validOn, page, pageSize, sort: 'code' });
      return {
        Total: result.total,
        Page: result.page,
        PageSize: result.pageSize,
        Record: result.items.map((r) => ({
          Code: r.code,
          Name: r.name,
          DateBeg: r.dateBeg,
          ...(r.dateEnd ? { DateEnd: r.dateEnd } : {}),
        })),
      };
    },
  },
});
