import { queryAffiliation } from '../../../shared/person/db/affiliation-query';
import { importErzPersons } from '../../../shared/person/db/erz-import';
import { hasIdentifiers, type IdentityInput } from '../../../shared/person/domain/identity-input';
import { erzServiceWsdl } from '../../../shared/person/formats/erz-service.wsdl';
import { personPermissions } from '../../../shared/person/permissions';
import { can } from '../../../shared/platform/access/permissions';
import { parsePackageHeader } from '../../../shared/platform/exchange/package-header';
import { dateProblem } from '../../../shared/platform/flk/edge-types';
import type { FlkIssue } from '../../../shared/platform/flk/issue';
import { Refusal } from '../../../shared/platform/flk/refusal';
import { getPorts } from '../../../shared/platform/ports/ports';
import { assertOwnSender, soapDb, soapHandler, soapRecords } from '../../lib/soap';
import { soapDate, soapText } from '../../lib/soap-values';
import { erzPersonFromSoap, withStructureFindings } from './erz-person-from-soap';

/** A date of the request as sent (never rolled over): absent → undefined; not a real day → a Fault. */
const dateOrFault = (value: unknown, field: string) => {
  const date = soapDate(value);
  const problem = date === undefined ? null : dateProblem(date);
  if (problem) throw Refusal.request(problem.code, `Неверная дата ${field}: ${problem.message}`, field, date);
  return date;
};

/**
 * SOAP `ErzService`: the regional segment of ЕРЗ. `GetInsuranceAffiliation` answers whether and where a person
 * is insured (by ЕНП, by СНИЛС, or by ФИО + birth date [+ document]) for МО, СМО and ТФОМС systems;
 * `SendErzExtract` lets the fund's РС ЕРЗ system send an extract inline, answered with the per-record protocol.
 */
export const handler = soapHandler({
  service: 'ErzService',
  port: 'ErzPort',
  wsdl: erzServiceWsdl,
  operations: {
    async SendErzExtract(args, call) {
      const caller = call.caller;
      if (!can(caller, personPermissions.importErz)) {
        throw Refusal.forbidden('Учётной записи не разрешена загрузка выписок ЕРЗ');
      }
      const raw = (args.Header ?? {}) as Record<string, unknown>;
      const { packageId, senderCode } = parsePackageHeader({
        packageId: soapText(raw.PackageId) ?? '',
        senderCode: soapText(raw.SenderCode) ?? '',
      });
      assertOwnSender(call, senderCode);
      // A person whose XML does not fit the WSDL's ErzPerson (an unknown or repeated element …) is handed to the
      // import as `null`: rejected there (counted, nothing stored); its protocol entry names the structure issues.
      const { records, issues } = soapRecords(call, args, 'Person');
      const persons = records.map((p, i) => (issues[i]!.length > 0 ? null : erzPersonFromSoap(p, i + 1)));
      const result = withStructureFindings(
        await importErzPersons(await getPorts().sql(), persons, caller, {
          packageId,
          fileName: `SOAP ${packageId.slice(0, 64)}`,
        }),
        records,
        issues,
      );
      const counts = result.counts;
      return {
        PackageId: packageId,
        Status: packageStatus(result.status, counts),
        Total: counts?.total ?? persons.length,
        Accepted: counts?.accepted ?? 0,
        Rejected: counts?.rejected ?? (result.status === 'rejected' ? persons.length : 0),
        Created: counts?.created ?? 0,
        Updated: counts?.updated ?? 0,
        Record: [
          ...result.packageFindings.map((f) => ({
            RecordId: '',
            Ordinal: 0,
            Status: 'rejected',
            Error: [soapError(f)],
          })),
          ...result.protocol.map((r) => ({
            RecordId: r.recordId ?? '',
            Ordinal: r.ordinal,
            Status: r.status,
            Error: r.findings.map(soapError),
          })),
        ],
      };
    },
    async GetInsuranceAffiliation(args, call) {
      if (!can(call.caller, personPermissions.queryAffiliation)) {
        throw Refusal.forbidden('Учётной записи не разрешён запрос страховой принадлежности');
      }
      const input: IdentityInput = {
        enp: soapText(args.Enp),
        snils: soapText(args.Snils),
        fam: soapText(args.Fam),
        im: soapText(args.Im),
        ot: soapText(args.Ot),
        birthDate: dateOrFault(args.BirthDate, 'BirthDate'),
        docSer: soapText(args.DocSer),
        docNum: soapText(args.DocNum),
        onDate: dateOrFault(args.OnDate, 'OnDate'),
      };
      if (!hasIdentifiers(input)) {
        throw Refusal.request('902', 'Укажите ЕНП, СНИЛС или фамилию, имя и дату рождения');
      }
      const answer = await soapDb(call, (tx) => queryAffiliation(tx, input));
      return {
        Outcome: answer.outcome,
        Message: answer.message,
        ...(answer.method ? { Method: answer.method } : {}),
        ...(answer.person
          ? {
              Person: {
                Enp: answer.person.enp,
                Fam: answer.person.fam,
                Im: answer.person.im,
                ...(answer.person.ot ? { Ot: answer.person.ot } : {}),
                BirthDate: answer.person.birthDate,
                Sex: answer.person.sex,
              },
            }
          : {}),
        ...(answer.policy
          ? {
              Policy: {
                PolicyType: answer.policy.policyType,
                Number: answer.policy.number,
                SmoCode: answer.policy.smoCode,
                ...(answer.policy.smoName ? { SmoName: answer.policy.smoName } : {}),
                DateBeg: answer.policy.dateBeg,
                ...(answer.policy.dateEnd ? { DateEnd: answer.policy.dateEnd } : {}),
              },
            }
          : {}),
        ...(answer.attachment
          ? {
              Attachment: {
                MoCode: answer.attachment.moCode,
                ...(answer.attachment.moName ? { MoName: answer.attachment.moName } : {}),
                ...(answer.attachment.districtCode ? { DistrictCode: answer.attachment.districtCode } : {}),
                ...(answer.attachment.since ? { Since: answer.attachment.since } : {}),
              },
            }
          : {}),
        Error: answer.issues.map((i) => ({
          Code: i.code,
          Rule: i.rule,
          Severity: i.severity,
          ...(i.field ? { Field: i.field } : {}),
          ...(i.value ? { Value: i.value } : {}),
          Message: i.message,
        })),
      };
    },
  },
});

function soapError(f: FlkIssue) {
  return {
    Code: f.code,
    Rule: f.rule,
    Severity: f.severity,
    ...(f.field ? { Field: f.field } : {}),
    ...(f.value ? { Value: f.value } : {}),
    Message: f.message,
  };
}

/** The package status of ARCHITECTURE §2: accepted, partially accepted, rejected; or a recognised duplicate. */
function packageStatus(
  status: 'done' | 'rejected' | 'duplicate',
  counts: { accepted: number; rejected: number } | null,
): string {
  if (status !== 'done') return status;
  if (!counts || counts.accepted === 0) return 'rejected';
  return counts.rejected > 0 ? 'partially_accepted' : 'accepted';
}
