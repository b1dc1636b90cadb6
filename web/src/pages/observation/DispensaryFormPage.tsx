import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { type DispensaryInput, sendDispensary } from '../../api/observation';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { PageHeader } from '../../components/PageHeader';
import { SelectField } from '../../components/SelectField';
import { NsiCodeField } from '../hospitalisation/NsiCodeField';
import { statusInLabels, todayIso } from './observation-labels';
import { dispensaryPath } from './observation-paths';
import { personField, visitIndex } from './protocol-errors';
import { useObservationAccess } from './use-observation-access';
import { useRecordSend } from './use-record-send';
import { newWindow, VisitWindowsField, type WindowDraft } from './VisitWindowsField';
import './observation.css';

const crumbs = [{ label: 'Диспансерное наблюдение', to: dispensaryPath }];
const statusOptions = Object.entries(statusInLabels).map(([value, label]) => ({ value, label }));

/** The form's field of an FLK issue of a ДН record (`visits[i]` is `visit-i`). */
function dispensaryField(issueField: string): string | undefined {
  const window = visitIndex(issueField);
  if (window !== undefined) return `visit-${window}`;
  if (issueField === 'dateOut' || issueField === 'dateIn') return 'dateIn'; // PREV.DN.DATES: start after today
  if (['diagnosis', 'statusIn', 'specialty'].includes(issueField)) return issueField;
  return personField(issueField);
}

/**
 * An МО puts a person on dispensary observation: ЕНП, diagnosis (МКБ-10), the day observation begins, whether the
 * disease was known before, the observing specialty (V021) and the planned visit windows. The record goes as a
 * package of its own; the server's FLK answers each mistake next to its field.
 */
export function DispensaryFormPage() {
  const access = useObservationAccess();
  const [enp, setEnp] = useState('');
  const [diagnosis, setDiagnosis] = useState('');
  const [dateIn, setDateIn] = useState(todayIso());
  const [statusIn, setStatusIn] = useState('1');
  const [specialty, setSpecialty] = useState('');
  const [windows, setWindows] = useState<WindowDraft[]>([newWindow()]);
  const [accepted, setAccepted] = useState<{ line: string; warnings: string[] }[]>([]);
  const { sending, errors, failure, submit } = useRecordSend(
    sendDispensary,
    dispensaryField,
    'Запись не принята',
  );

  if (!access.canSend) {
    return (
      <>
        <PageHeader title="Постановка на диспансерное наблюдение" crumbs={crumbs} />
        <p>На диспансерное наблюдение ставит медицинская организация.</p>
      </>
    );
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const record: DispensaryInput = {
      sourceId: crypto.randomUUID(),
      patient: { enp: enp.trim() },
      diagnosis: diagnosis.trim().toUpperCase(),
      dateIn,
      statusIn: Number(statusIn) as 1 | 2,
      specialty: Number(specialty),
      visits: windows.map((w) => ({ from: w.from, to: w.to })),
    };
    const result = await submit(record);
    if (!result) return;
    setAccepted((list) => [
      ...list,
      { line: `ЕНП ${record.patient.enp}, ${record.diagnosis}`, warnings: result.warnings },
    ]);
    setEnp('');
    setDiagnosis('');
    setWindows([newWindow()]);
  }

  const windowErrors = Object.fromEntries(
    Object.entries(errors).flatMap(([field, message]) =>
      field.startsWith('visit-') ? [[Number(field.slice(6)), message]] : [],
    ),
  );
  return (
    <>
      <PageHeader
        title="Постановка на диспансерное наблюдение"
        description="Запись уходит отдельным пакетом; замечания ФЛК появятся рядом с полями."
        crumbs={crumbs}
      />
      {accepted.length > 0 && (
        <div className="notice" role="status" data-testid="dispensary-accepted">
          Поставлены на учёт: {accepted.map((a) => a.line).join('; ')}.{' '}
          {accepted.flatMap((a) => a.warnings).join(' ')} <Link to={dispensaryPath}>Открыть список</Link>
        </div>
      )}
      <form className="form observation-form" onSubmit={onSubmit} noValidate aria-label="Постановка на учёт">
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
        <NsiCodeField
          name="diagnosis"
          label="Диагноз"
          directory="MKB10"
          required
          value={diagnosis}
          onChange={setDiagnosis}
          error={errors.diagnosis}
        />
        <Field
          name="dateIn"
          label="Дата постановки на учёт"
          type="date"
          required
          value={dateIn}
          onChange={(e) => setDateIn(e.target.value)}
          error={errors.dateIn}
        />
        <SelectField
          name="statusIn"
          label="Статус при постановке"
          options={statusOptions}
          value={statusIn}
          onChange={(e) => setStatusIn(e.target.value)}
          error={errors.statusIn}
        />
        <NsiCodeField
          name="specialty"
          label="Специальность врача"
          directory="V021"
          required
          value={specialty}
          onChange={setSpecialty}
          error={errors.specialty}
        />
        <VisitWindowsField windows={windows} onChange={setWindows} errors={windowErrors} />
        <div>
          <button type="submit" className="button button-primary" disabled={sending}>
            {sending ? 'Отправляем…' : 'Поставить на учёт'}
          </button>
        </div>
      </form>
    </>
  );
}
