import { useState } from 'react';
import { describeError } from '../../api/api-error';
import { type ObservationProtocol, refusedProtocol } from '../../api/observation';
import { fieldErrors } from './protocol-errors';

/** The warnings of an accepted record, for the reader. */
const warningsOf = (protocol: ObservationProtocol) =>
  (protocol.records[0]?.issues ?? []).filter((i) => i.severity === 'warning').map((i) => i.message);

/**
 * Sends one record as a package of its own and places what the server's FLK says about it next to the form's
 * fields (`fieldOf` names the form's field of an issue); what no field shows becomes the form's error.
 */
export function useRecordSend<R>(
  send: (packageId: string, records: R[]) => Promise<ObservationProtocol>,
  fieldOf: (issueField: string) => string | undefined,
  refusedText: string,
) {
  const [sending, setSending] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);

  /** The accepted record's id and warnings, or null when it was refused (the errors are shown then). */
  async function submit(record: R): Promise<{ id: string; warnings: string[] } | null> {
    setSending(true);
    setErrors({});
    setFailure(null);
    try {
      const protocol = await send(`web-${crypto.randomUUID()}`, [record]);
      return { id: protocol.records[0]?.id ?? '', warnings: warningsOf(protocol) };
    } catch (error) {
      const protocol = refusedProtocol(error);
      if (!protocol) {
        setFailure(describeError(error));
        return null;
      }
      const found = fieldErrors(protocol, fieldOf);
      setErrors(found.byField);
      setFailure(
        found.unplaced.length > 0
          ? `${refusedText}: ${found.unplaced.join(' ')}`
          : `${refusedText}: исправьте отмеченные поля.`,
      );
      return null;
    } finally {
      setSending(false);
    }
  }

  return { sending, errors, failure, submit };
}
