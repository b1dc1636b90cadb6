import { queryAffiliation } from '../../shared/db/person/affiliation-query';
import { can } from '../../shared/domain/access/permissions';
import { hasIdentifiers, type IdentityInput } from '../../shared/domain/identity/identity-input';
import { erzServiceWsdl } from '../../shared/formats/soap/erz/erz-service.wsdl';
import { SoapClientFault, soapCaller, soapDb, soapHandler } from '../lib/soap';
import { soapDate, soapText } from '../lib/soap-values';

const dateOrFault = (value: unknown, field: string) => {
  const date = soapDate(value);
  if (date === 'invalid') throw new SoapClientFault('903', `Неверная дата ${field}: ожидается ГГГГ-ММ-ДД`);
  return date;
};

/**
 * SOAP `ErzService`: the regional segment of ЕРЗ. `GetInsuranceAffiliation` answers whether and where a person
 * is insured (by ЕНП, by СНИЛС, or by ФИО + birth date [+ document]) for МО, СМО and ТФОМС systems.
 */
export const handler = soapHandler({
  service: 'ErzService',
  port: 'ErzPort',
  wsdl: erzServiceWsdl,
  operations: {
    async GetInsuranceAffiliation(args) {
      if (!can(soapCaller(), 'persons.query-affiliation')) {
        throw new SoapClientFault('AUTH-403', 'Учётной записи не разрешён запрос страховой принадлежности');
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
        throw new SoapClientFault('902', 'Укажите ЕНП, СНИЛС или фамилию, имя и дату рождения');
      }
      const answer = await soapDb((tx) => queryAffiliation(tx, input));
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
