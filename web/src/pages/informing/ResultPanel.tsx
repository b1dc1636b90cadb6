import { type FormEvent, useState } from 'react';
import { describeError } from '../../api/api-error';
import {
  type InformingProtocol,
  type InformingRequest,
  refusedProtocol,
  sendResults,
} from '../../api/informing';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { SelectField } from '../../components/SelectField';
import { formatCount } from '../../format/numbers';
import { methodOptions, outcomeOptions, stepOptions, todayIso } from './informing-labels';
import { useInformingAccess } from './use-informing-access';

/** What was sent: the protocol and, by the records' source ids, the requests they were for. */
export interface SentResults {
  protocol: InformingProtocol;
  requests: ReadonlyMap<string, InformingRequest>;
}

interface ResultPanelProps {
  requests: readonly InformingRequest[];
  onDone: (sent: SentResults) => void;
  onCancel: () => void;
}

/**
 * «Отметить результат»: one informing result — method, step, outcome, date, operator — for each selected request,
 * sent as one package of results; the protocol (with the FLK messages of refused records) is the caller's to show.
 */
export function ResultPanel({ requests, onDone, onCancel }: ResultPanelProps) {
  const access = useInformingAccess();
  const [method, setMethod] = useState('3');
  const [step, setStep] = useState('1');
  const [outcome, setOutcome] = useState('1');
  const [date, setDate] = useState(todayIso());
  const [operator, setOperator] = useState(access.fullName);
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSending(true);
    setFailure(null);
    const bySource = new Map<string, InformingRequest>();
    const records = requests.map((r) => {
      const sourceId = `web-${crypto.randomUUID()}`;
      bySource.set(sourceId, r);
      return {
        sourceId,
        requestId: r.id,
        date,
        method: Number(method),
        step: Number(step),
        outcome: Number(outcome),
        ...(operator.trim() ? { operator: operator.trim() } : {}),
      };
    });
    try {
      onDone({ protocol: await sendResults(`web-${crypto.randomUUID()}`, records), requests: bySource });
    } catch (error) {
      const protocol = refusedProtocol(error);
      if (protocol) onDone({ protocol, requests: bySource });
      else setFailure(describeError(error));
    } finally {
      setSending(false);
    }
  }

  return (
    <form className="panel informing-panel" onSubmit={onSubmit} aria-label="Отметить результат" noValidate>
      <h2 className="panel-title">Результат информирования: заявок {formatCount(requests.length)}</h2>
      <FormError message={failure} />
      <div className="informing-panel-fields">
        <SelectField
          name="method"
          label="Способ"
          options={methodOptions}
          value={method}
          onChange={(e) => setMethod(e.target.value)}
        />
        <SelectField
          name="step"
          label="Этап"
          options={stepOptions}
          value={step}
          onChange={(e) => setStep(e.target.value)}
        />
        <SelectField
          name="outcome"
          label="Результат"
          options={outcomeOptions}
          value={outcome}
          onChange={(e) => setOutcome(e.target.value)}
        />
        <Field
          name="date"
          label="Дата информирования"
          type="date"
          required
          value={date}
          onChange={(e) => setDate(e.target.value)}
        />
        <Field
          name="operator"
          label="Кто информировал"
          maxLength={200}
          value={operator}
          onChange={(e) => setOperator(e.target.value)}
        />
      </div>
      <div className="informing-panel-actions">
        <button type="submit" className="button button-primary" disabled={sending}>
          {sending ? 'Отправляем…' : 'Отправить результаты'}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          Отмена
        </button>
      </div>
    </form>
  );
}
