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

/**
 * A record a channel already found wrong in its own structure (an unknown or repeated SOAP element, say):
 * handed to the package processor in the record's place, it is rejected with these issues — counted in the
 * package and kept in its stored protocol exactly as the channel answers it; nothing of it is stored.
 */
export class RejectedByChannel {
  constructor(
    readonly sourceId: string | null,
    readonly issues: readonly FlkIssue[],
  ) {}
}

/**
 * A record a channel already read into the kind's canonical record with the kind's own schema (a file reader
 * does, with its format checks): handed to the package processor in the record's place, it is not parsed again.
 */
export class ValidatedRecord<R = unknown> {
  constructor(readonly record: R) {}
}
