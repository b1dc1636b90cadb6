import { type FormEvent, useState } from 'react';
import { describeError } from '../../api/api-error';
import { type AffiliationAnswer, type AffiliationRequest, queryAffiliation } from '../../api/persons';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { formatDate } from '../../format/dates';
import { fullName } from './person-format';

const fields: { name: keyof AffiliationRequest; label: string; type?: string; placeholder?: string }[] = [
  { name: 'enp', label: 'ЕНП', placeholder: '16 цифр' },
  { name: 'snils', label: 'СНИЛС', placeholder: 'XXX-XXX-XXX YY' },
  { name: 'fam', label: 'Фамилия' },
  { name: 'im', label: 'Имя' },
  { name: 'ot', label: 'Отчество' },
  { name: 'birthDate', label: 'Дата рождения', type: 'date' },
  { name: 'onDate', label: 'На дату', type: 'date' },
];

/** «Проверка страховой принадлежности»: by ЕНП, by СНИЛС, or by ФИО + birth date (the ЕРЗ ZP1 idea). */
export function AffiliationPanel() {
  const [request, setRequest] = useState<AffiliationRequest>({});
  const [answer, setAnswer] = useState<AffiliationAnswer | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setAnswer(null);
    try {
      setAnswer(await queryAffiliation(request));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <details className="panel" data-testid="affiliation">
      <summary className="panel-title">Проверка страховой принадлежности</summary>
      <form className="form" onSubmit={submit}>
        <div className="filter-bar">
          {fields.map((f) => (
            <Field
              key={f.name}
              name={f.name}
              label={f.label}
              type={f.type ?? 'text'}
              placeholder={f.placeholder}
              value={request[f.name] ?? ''}
              onChange={(e) => setRequest({ ...request, [f.name]: e.target.value || undefined })}
            />
          ))}
        </div>
        <button type="submit" className="button button-primary" disabled={busy}>
          Проверить
        </button>
      </form>
      <FormError message={error ? describeError(error) : null} />
      {answer && (
        <div className="notice" role="status" data-testid="affiliation-answer">
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
              Полис {answer.policy.number}, СМО {answer.policy.smoName ?? ''} ({answer.policy.smoCode}), с{' '}
              {formatDate(answer.policy.dateBeg)}
              {answer.policy.dateEnd ? ` по ${formatDate(answer.policy.dateEnd)}` : ''}
            </p>
          )}
          {answer.attachment && (
            <p>
              Прикреплён к {answer.attachment.moName ?? ''} ({answer.attachment.moCode}), участок{' '}
              {answer.attachment.districtCode ?? '—'}
            </p>
          )}
          {answer.issues.map((i) => (
            <p key={i.rule}>Предупреждение: {i.message}</p>
          ))}
        </div>
      )}
    </details>
  );
}
