import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../api/api-error';
import { type SchedulePackageProtocol, sendSchedule } from '../../api/prevention';
import { useMe } from '../../auth/AuthContext';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { PageHeader } from '../../components/PageHeader';
import { SelectField } from '../../components/SelectField';
import { kindLabels, methodLabels } from './schedule-labels';
import './prevention.css';

const options = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

/** The fields of a slot in the sender's words (the protocol names them so). */
const fieldNames: Record<string, string> = {
  date: 'Дата',
  timeFrom: 'Начало',
  timeTo: 'Окончание',
  method: 'Способ',
  address: 'Адрес',
  departmentCode: 'Подразделение',
  capacity: 'Число мест',
  kind: 'Мероприятие',
};

/**
 * An МО publishes a slot of its exam schedule: date and hours (evening hours last past 18:00), the examination,
 * and how — at the МО, a mobile team to a remote district or delivery of citizens, the latter two with the
 * address of the stop. The server's FLK answers each mistake next to its field.
 */
export function SlotFormPage() {
  const me = useMe();
  const [method, setMethod] = useState('1');
  const [sending, setSending] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [published, setPublished] = useState<string[]>([]);

  if (me.organisation.kind !== 'MO' || !(me.permissions ?? []).includes('prevention.schedule.send')) {
    return (
      <>
        <PageHeader
          title="Публикация времени приёма"
          crumbs={[{ label: 'Графики медосмотров', to: '/schedules' }]}
        />
        <p>Время приёма публикует медицинская организация.</p>
      </>
    );
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const capacity = text('capacity');
    const record = {
      sourceId: crypto.randomUUID(),
      moCode: me.organisation.code,
      kind: text('kind') as 'DVN',
      date: text('date'),
      timeFrom: text('timeFrom'),
      timeTo: text('timeTo'),
      method: Number(method) as 1,
      ...(text('address') ? { address: text('address') } : {}),
      ...(text('departmentCode') ? { departmentCode: text('departmentCode') } : {}),
      ...(capacity ? { capacity: Number(capacity) } : {}),
      ...(text('comment') ? { comment: text('comment') } : {}),
    };
    setSending(true);
    setErrors({});
    setFailure(null);
    try {
      await sendSchedule(`web-${crypto.randomUUID()}`, [record]);
      setPublished((list) => [...list, `${record.date} ${record.timeFrom}–${record.timeTo}`]);
      event.currentTarget?.reset();
      setMethod('1');
    } catch (error) {
      const protocol =
        error instanceof ApiError && error.status === 400 && error.problem && 'records' in error.problem
          ? (error.problem as unknown as SchedulePackageProtocol)
          : undefined;
      const issues = protocol?.records?.[0]?.issues ?? [];
      if (issues.length > 0) {
        const byField: Record<string, string> = {};
        for (const issue of issues) {
          const field = issue.field ?? '';
          byField[field] = byField[field] ? `${byField[field]} ${issue.message}` : issue.message;
        }
        setErrors(byField);
        const unplaced = issues.filter((i) => !i.field || !fieldNames[i.field]).map((i) => i.message);
        setFailure(
          unplaced.length ? unplaced.join(' ') : 'Время приёма не опубликовано: исправьте отмеченные поля.',
        );
      } else {
        setFailure((error as Error).message || 'Не удалось опубликовать время приёма');
      }
    } finally {
      setSending(false);
    }
  }

  return (
    <>
      <PageHeader
        title="Публикация времени приёма"
        description="Вечерние часы — приём после 18:00; для выезда мобильной бригады и доставки граждан укажите адрес."
        crumbs={[{ label: 'Графики медосмотров', to: '/schedules' }]}
      />
      {published.length > 0 && (
        <div className="notice" role="status" data-testid="slot-published">
          Опубликовано: {published.join('; ')}. <Link to="/schedules">Открыть график</Link>
        </div>
      )}
      <form className="form" onSubmit={submit} noValidate aria-label="Время приёма">
        <FormError message={failure} />
        <SelectField
          name="kind"
          label="Мероприятие"
          options={options(kindLabels)}
          defaultValue="DVN"
          error={errors.kind}
        />
        <Field name="date" label="Дата" type="date" required error={errors.date} />
        <Field name="timeFrom" label="Начало" type="time" required error={errors.timeFrom} />
        <Field name="timeTo" label="Окончание" type="time" required error={errors.timeTo} />
        <SelectField
          name="method"
          label="Способ"
          options={options(methodLabels)}
          value={method}
          onChange={(e) => setMethod(e.target.value)}
          error={errors.method}
        />
        {method !== '1' && (
          <Field
            name="address"
            label="Адрес"
            hint="Место стоянки бригады или сбора граждан"
            required
            error={errors.address}
          />
        )}
        <Field name="departmentCode" label="Подразделение (код)" error={errors.departmentCode} />
        <Field name="capacity" label="Число мест" type="number" min={1} error={errors.capacity} />
        <Field name="comment" label="Комментарий" error={errors.comment} />
        <button type="submit" className="button button-primary" disabled={sending}>
          {sending ? 'Публикуем…' : 'Опубликовать'}
        </button>
      </form>
    </>
  );
}
