import { type FormEvent, useId, useState } from 'react';
import { describeError } from '../../api/api-error';
import { type AssignOutcome, assignRequests, type InformingRequest } from '../../api/informing';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { formatCount } from '../../format/numbers';
import { useRepresentatives } from './use-representatives';

interface AssignPanelProps {
  requests: readonly InformingRequest[];
  onDone: (outcome: AssignOutcome) => void;
  onCancel: () => void;
}

/**
 * «Назначить представителю»: the selected requests go to one representative of the СМО, chosen from the list
 * (an administrator sees every representative; a representative, themselves) or typed as a user name.
 */
export function AssignPanel({ requests, onDone, onCancel }: AssignPanelProps) {
  const representatives = useRepresentatives();
  const listId = useId();
  const [assignee, setAssignee] = useState(representatives[0]?.username ?? '');
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  async function submit(name: string | null) {
    setSending(true);
    setFailure(null);
    try {
      onDone(
        await assignRequests(
          requests.map((r) => r.id),
          name,
        ),
      );
    } catch (error) {
      setFailure(describeError(error));
    } finally {
      setSending(false);
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = assignee.trim();
    if (!name) {
      setFailure('Укажите имя пользователя представителя.');
      return;
    }
    void submit(name);
  }

  return (
    <form
      className="panel informing-panel"
      onSubmit={onSubmit}
      aria-label="Назначить представителю"
      noValidate
    >
      <h2 className="panel-title">Назначить представителю: заявок {formatCount(requests.length)}</h2>
      <FormError message={failure} />
      <Field
        name="assignee"
        label="Представитель СМО"
        hint="Имя пользователя сотрудника вашей СМО: выберите из списка или введите"
        list={listId}
        autoComplete="off"
        value={assignee}
        onChange={(e) => setAssignee(e.target.value)}
      />
      <datalist id={listId}>
        {representatives.map((r) => (
          <option key={r.username} value={r.username}>
            {r.fullName}
          </option>
        ))}
      </datalist>
      <div className="informing-panel-actions">
        <button type="submit" className="button button-primary" disabled={sending}>
          {sending ? 'Назначаем…' : 'Назначить'}
        </button>
        <button
          type="button"
          className="button button-secondary"
          disabled={sending}
          onClick={() => submit(null)}
        >
          Снять назначение
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          Отмена
        </button>
      </div>
    </form>
  );
}
