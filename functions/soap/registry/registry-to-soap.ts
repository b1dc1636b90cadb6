import { zipSync } from 'fflate';
import type { RegistryImport, RegistryProgress } from '../../../shared/registry/db/registry-journal';
import type { ProtocolGroup } from '../../../shared/registry/db/registry-protocol';
import type { RegistryFinding } from '../../../shared/registry/domain/findings';
import {
  maxInlineProtocolBytes,
  maxProtocolFindings,
} from '../../../shared/registry/formats/registry-service.wsdl';

/**
 * The answers of RegistryService from the area's records, each in its WSDL type's sequence order
 * (shared/registry/formats/registry-service.wsdl.ts); absent values are left out.
 */

export function statusToSoap(
  entry: RegistryImport,
  progress: RegistryProgress | null,
  groups: readonly ProtocolGroup[],
) {
  const counts = entry.counts;
  return {
    ImportId: entry.id,
    Status: entry.status,
    FileName: entry.fileName ?? '',
    PackageName: entry.packageName,
    ReceivedAt: entry.receivedAt,
    FinishedAt: entry.finishedAt,
    DuplicateOf: entry.duplicateOf,
    Counts: counts
      ? {
          Cases: counts.cases ?? 0,
          Accepted: counts.accepted ?? 0,
          Rejected: counts.rejected ?? 0,
          Persons: counts.persons ?? 0,
          Services: counts.services ?? 0,
          Onco: counts.onco ?? 0,
        }
      : undefined,
    Progress: progress
      ? { BytesTotal: progress.bytesTotal, BytesRead: progress.bytesRead, CasesRead: progress.casesRead }
      : undefined,
    Error: entry.error,
    Group: groups.map((g) => ({
      Code: g.code,
      Rule: g.rule,
      BasEl: g.basEl,
      Field: g.field,
      Severity: g.severity,
      Message: g.message,
      Count: g.count,
    })),
  };
}

export function findingToSoap(f: RegistryFinding) {
  return {
    Code: f.code,
    Rule: f.rule,
    Severity: f.severity,
    Field: f.field,
    Value: f.value,
    Message: f.message,
    File: f.file,
    BasEl: f.basEl,
    N_ZAP: f.nZap,
    IDCASE: f.idcase,
    SL_ID: f.slId,
    IDSERV: f.idserv,
    ID_PAC: f.idPac,
  };
}

/**
 * The V-file inline: the FLK_P XML as it is when it fits the answer, else zipped (FLK_P compresses ~10–20×),
 * else neither, with a note saying where to get it — a SOAP answer leaves the function within Lambda's 6 MB.
 */
export function protocolToSoap(
  importId: number,
  file: { fileName: string; bytes: Uint8Array },
): { Protocol?: string; ProtocolZip?: string; Note?: string } {
  if (file.bytes.length <= maxInlineProtocolBytes) {
    return { Protocol: Buffer.from(file.bytes).toString('base64') };
  }
  const zipped = zipSync({ [file.fileName]: file.bytes }, { level: 6 });
  if (zipped.length <= maxInlineProtocolBytes) {
    return { ProtocolZip: Buffer.from(zipped).toString('base64') };
  }
  return {
    Note:
      'Протокол ФЛК слишком велик для ответа SOAP: получите V-файл через REST ' +
      `(GET /api/v1/registries/${importId}/protocol); первые ${maxProtocolFindings} замечаний — в элементах Error`,
  };
}
