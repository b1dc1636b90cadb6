import type { FlkIssue } from '../flk/issue';

/** One record's outcome in a package protocol (ARCHITECTURE §2): its id, status and FLK issues. */
export interface RecordProtocol {
  ordinal: number;
  sourceId: string | null;
  status: 'accepted' | 'rejected';
  /** The stored record's id when accepted. */
  id?: string;
  issues: FlkIssue[];
}

/** A package's answer on every channel: SOAP response, REST body, T-file protocol. */
export interface PackageProtocol<K extends string = string> {
  packageId: string;
  kind: K;
  status: 'accepted' | 'partially_accepted' | 'rejected' | 'duplicate';
  total: number;
  accepted: number;
  rejected: number;
  records: RecordProtocol[];
}

export function packageStatus(accepted: number, total: number): PackageProtocol['status'] {
  return accepted === total ? 'accepted' : accepted === 0 ? 'rejected' : 'partially_accepted';
}
