import { directoryExists, listDirectories, searchRecords } from '../../../shared/nsi/db/nsi-repository';
import { nsiServiceWsdl } from '../../../shared/nsi/formats/nsi-service.wsdl';
import { Refusal } from '../../../shared/platform/flk/refusal';
import { getPorts } from '../../../shared/platform/ports/ports';
import { soapCaller, soapHandler } from '../../lib/soap';

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const isoDay = (d: Date) => (Number.isNaN(d.getTime()) ? 'invalid' : d.toISOString().slice(0, 10));

/** SOAP `NsiService`: the reference directories for МО and СМО systems. */
export const handler = soapHandler({
  service: 'NsiService',
  port: 'NsiPort',
  wsdl: nsiServiceWsdl,
  operations: {
    async GetDirectories() {
      soapCaller();
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
      soapCaller();
      const code = String(args.DirectoryCode ?? '').trim();
      // node-soap parses xs:date into a Date (UTC midnight); a raw string arrives when the type is not applied.
      const raw = args.ValidOn;
      const validOn =
        raw === undefined ? undefined : raw instanceof Date ? isoDay(raw) : String(raw).slice(0, 10);
      if (validOn !== undefined && !isoDate.test(validOn)) {
        throw Refusal.request('904', `Неверная дата ValidOn: ${validOn}`);
      }
      const page = Number(args.Page ?? 1);
      const pageSize = Number(args.PageSize ?? 100);
      if (
        !Number.isInteger(page) ||
        page < 1 ||
        !Number.isInteger(pageSize) ||
        pageSize < 1 ||
        pageSize > 1000
      ) {
        throw Refusal.request('904', 'Page должен быть ≥ 1, PageSize — от 1 до 1000');
      }
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
