import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { describeError } from '../../api/api-error';
import { type InformingReason, type RequestInput, refusedProtocol, sendRequests } from '../../api/informing';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { PageHeader } from '../../components/PageHeader';
import { SelectField } from '../../components/SelectField';
import { InformingNav } from './InformingNav';
import { addDays, reasonOptions, todayIso } from './informing-labels';
import { requestPath, requestsPath } from './informing-paths';
import { placeIssues } from './request-form-errors';
import { useInformingAccess } from './use-informing-access';
import './informing.css';

const crumbs = [{ label: 'Заявки на информирование', to: requestsPath }];

/**
 * «Новая заявка»: an МО asks the person's СМО to inform the person — ЕНП, reason, the window to act in, the
 * deadline, a comment. The request goes as a package of its own; the server's FLK answers each mistake next to
 * its field (a person without a policy today has no СМО to ask).
 */
export function NewRequestPage() {
  const access = useInformingAccess();
  const today = todayIso();
  const [enp, setEnp] = useState('');
  const [reason, setReason] = useState<InformingReason>('OTHER');
  const [windowFrom, setWindowFrom] = useState(today);
  const [windowTo, setWindowTo] = useState(addDays(today, 30));
  const [deadline, setDeadline] = useState(addDays(today, 14));
  const [comment, setComment] = useState('');
  const [sending, setSending] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [accepted, setAccepted] = useState<{ id: string; enp: string }[]>([]);

  if (!access.canSendRequest) {
    return (
      <>
        <PageHeader title="Новая заявка на информирование" crumbs={crumbs} />
        <InformingNav />
        <p>Заявки на информирование пациентов направляет медицинская организация.</p>
      </>
    );
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSending(true);
    setErrors({});
    setFailure(null);
    const record: RequestInput = {
      sourceId: `web-${crypto.randomUUID()}`,
      patient: { enp: enp.trim() },
      reason,
      deadline,
      ...(windowFrom ? { windowFrom } : {}),
      ...(windowTo ? { windowTo } : {}),
      ...(comment.trim() ? { comment: comment.trim() } : {}),
    };
    try {
      const protocol = await sendRequests(`web-${crypto.randomUUID()}`, [record]);
      setAccepted((list) => [...list, { id: protocol.records[0]?.id ?? '', enp: record.patient.enp ?? '' }]);
      setEnp('');
      setComment('');
    } catch (error) {
      const protocol = refusedProtocol(error);
      if (!protocol) {
        setFailure(describeError(error));
      } else {
        const placed = placeIssues(protocol);
        setErrors(placed.byField);
        setFailure(
          placed.unplaced.length > 0
            ? `Заявка не принята: ${placed.unplaced.join(' ')}`
            : 'Заявка не принята: исправьте отмеченные поля.',
        );
      }
    } finally {
      setSending(false);
    }
  }

  return (
    <>
      <PageHeader
        title="Новая заявка на информирование"
        description="Заявка уйдёт в СМО, где застрахован гражданин; замечания ФЛК появятся рядом с полями."
        crumbs={crumbs}
      />
      <InformingNav />
      {accepted.length > 0 && (
        <div className="notice" role="status" data-testid="request-accepted">
          Заявки направлены в СМО:{' '}
          {accepted.map((a, i) => (
            <span key={a.id}>
              {i > 0 && ', '}
              <Link to={requestPath(a.id)}>ЕНП {a.enp}</Link>
            </span>
          ))}
          .
        </div>
      )}
      <form className="form informing-form" onSubmit={onSubmit} noValidate aria-label="Новая заявка">
        <FormError message={failure} />
        <Field
          name="enp"
          label="ЕНП"
          hint="16 цифр"
          inputMode="numeric"
          maxLength={16}
          required
          value={enp}
          onChange={(e) => setEnp(e.target.value)}
          error={errors.enp}
        />
        <SelectField
          name="reason"
          label="Повод"
          options={reasonOptions}
          value={reason}
          onChange={(e) => setReason(e.target.value as InformingReason)}
          error={errors.reason}
        />
        <div className="informing-window">
          <Field
            name="windowFrom"
            label="Окно: с"
            type="date"
            value={windowFrom}
            onChange={(e) => setWindowFrom(e.target.value)}
            error={errors.windowFrom}
          />
          <Field
            name="windowTo"
            label="Окно: по"
            type="date"
            value={windowTo}
            onChange={(e) => setWindowTo(e.target.value)}
            error={errors.windowTo}
          />
        </div>
        <Field
          name="deadline"
          label="Проинформировать до"
          type="date"
          required
          value={deadline}
          onChange={(e) => setDeadline(e.target.value)}
          error={errors.deadline}
        />
        <Field
          name="comment"
          label="Комментарий"
          maxLength={500}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          error={errors.comment}
        />
        <div>
          <button type="submit" className="button button-primary" disabled={sending}>
            {sending ? 'Отправляем…' : 'Направить в СМО'}
          </button>
        </div>
      </form>
    </>
  );
}
