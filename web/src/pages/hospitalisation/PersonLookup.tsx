import { type FormEvent, useState } from 'react';
import { describeError } from '../../api/api-error';
import { type AffiliationAnswer, queryAffiliation } from '../../api/persons';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { formatDate } from '../../format/dates';
import { fullName } from '../person/person-format';

interface PersonLookupProps {
  /** The person found and identified in the region's register, or null while there is none. */
  onFound: (answer: AffiliationAnswer | null) => void;
}

/** Finds the patient by ЕНП with the insurance-affiliation query and shows policy and attachment. */
export function PersonLookup({ onFound }: PersonLookupProps) {
  const [enp, setEnp] = useState('');
  const [answer, setAnswer] = useState<AffiliationAnswer | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function find(event?: FormEvent) {
    event?.preventDefault();
    setBusy(true);
    setError(null);
    setAnswer(null);
    onFound(null);
    try {
      const found = await queryAffiliation({ enp: enp.trim() });
      setAnswer(found);
      onFound(found.outcome === 'identified' ? found : null);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <fieldset className="form-fieldset hosp-person" data-testid="person-lookup">
      <legend className="field-label">Пациент</legend>
      <div className="hosp-inline">
        <Field
          name="enp"
          label="ЕНП пациента"
          placeholder="16 цифр"
          inputMode="numeric"
          value={enp}
          onChange={(e) => setEnp(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') void find(e);
          }}
        />
        <button
          type="button"
          className="button button-secondary"
          disabled={busy || enp.trim() === ''}
          onClick={() => void find()}
        >
          Найти
        </button>
      </div>
      <FormError message={error ? describeError(error) : null} />
      {answer && (
        <div className="notice" role="status" data-testid="person-found">
          <p>
            <strong>{answer.message}</strong>
          </p>
          {answer.person && (
            <p>
              {fullName(answer.person)}, {formatDate(answer.person.birthDate)}, ЕНП {answer.person.enp}
            </p>
          )}
          {answer.policy && (
            <p>
              СМО {answer.policy.smoName ?? ''} ({answer.policy.smoCode}), полис {answer.policy.number}
            </p>
          )}
          {answer.attachment && (
            <p>
              Прикреплён к {answer.attachment.moName ?? ''} ({answer.attachment.moCode})
            </p>
          )}
        </div>
      )}
    </fieldset>
  );
}
