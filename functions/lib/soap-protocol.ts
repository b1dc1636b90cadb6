import type { FlkIssue } from '../../shared/platform/flk/issue';

/** A package protocol of the platform's package processor as every Send… operation answers it (the WSDLs' Protocol type). */
export interface ProtocolLike {
  packageId: string;
  status: string;
  total: number;
  accepted: number;
  rejected: number;
  records: readonly {
    ordinal: number;
    sourceId: string | null;
    status: string;
    id?: string | null;
    issues: readonly FlkIssue[];
  }[];
}

/** One FLK finding as a SOAP `Error` element, in the order of the `FlkError` sequence. */
export function flkErrorToSoap(i: FlkIssue) {
  return {
    Code: i.code,
    Rule: i.rule,
    Severity: i.severity,
    ...(i.field ? { Field: i.field } : {}),
    ...(i.value !== undefined && i.value !== '' ? { Value: i.value } : {}),
    Message: i.message,
  };
}

/** `PackageProtocol` → the `Protocol` element of every Send… response. */
export function protocolToSoap(p: ProtocolLike) {
  return {
    Protocol: {
      PackageId: p.packageId,
      Status: p.status,
      Total: p.total,
      Accepted: p.accepted,
      Rejected: p.rejected,
      Record: p.records.map((r) => ({
        Ordinal: r.ordinal,
        SourceId: r.sourceId ?? '',
        Status: r.status,
        ...(r.id ? { Id: String(r.id) } : {}),
        Error: r.issues.map(flkErrorToSoap),
      })),
    },
  };
}
