import { type FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { type PolyclinicCaseInput, sendPolyclinicCases } from '../../api/observation';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { PageHeader } from '../../components/PageHeader';
import { NsiCodeField } from '../hospitalisation/NsiCodeField';
import { todayIso } from './observation-labels';
import { dispensaryPath, polyclinicCasesPath } from './observation-paths';
import { personField } from './protocol-errors';
import { useObservationAccess } from './use-observation-access';
import { useRecordSend } from './use-record-send';
import './observation.css';

const crumbs = [{ label: 'Случаи поликлинического обслуживания', to: polyclinicCasesPath }];
const caseFields = new Set(['dateFrom', 'dateTo', 'purpose', 'diagnosis', 'specialty', 'visits']);

const polyclinicCaseField = (issueField: string) =>
  caseFields.has(issueField) ? issueField : personField(issueField);

/**
 * An МО adds a polyclinic service case: the person by ЕНП, the case's dates, purpose (V025), diagnosis (МКБ-10),
 * specialty (V021) and number of visits. Opened from a ДН record it comes filled with the person, the diagnosis
 * and the specialty; a case in the same diagnosis block closes the visit the record owes.
 */
export function PolyclinicCaseFormPage() {
  const access = useObservationAccess();
  const [params] = useSearchParams();
  const [enp, setEnp] = useState(params.get('enp') ?? '');
  const [dateFrom, setDateFrom] = useState(todayIso());
  const [dateTo, setDateTo] = useState(todayIso());
  const [purpose, setPurpose] = useState('');
  const [diagnosis, setDiagnosis] = useState(params.get('diagnosis') ?? '');
  const [specialty, setSpecialty] = useState(params.get('specialty') ?? '');
  const [visits, setVisits] = useState('1');
  const [accepted, setAccepted] = useState<string[]>([]);
  const { sending, errors, failure, submit } = useRecordSend(
    sendPolyclinicCases,
    polyclinicCaseField,
    'Случай не принят',
  );

  if (!access.canSend) {
    return (
      <>
        <PageHeader title="Новый случай обслуживания" crumbs={crumbs} />
        <p>Случаи поликлинического обслуживания передаёт медицинская организация.</p>
      </>
    );
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const record: PolyclinicCaseInput = {
      sourceId: crypto.randomUUID(),
      patient: { enp: enp.trim() },
      dateFrom,
      dateTo,
      purpose: purpose.trim(),
      diagnosis: diagnosis.trim().toUpperCase(),
      specialty: Number(specialty),
      visits: Number(visits),
    };
    const result = await submit(record);
    if (!result) return;
    setAccepted((list) => [
      ...list,
      `ЕНП ${record.patient.enp}, ${record.diagnosis}, ${dateTo.split('-').reverse().join('.')}`,
    ]);
  }

  return (
    <>
      <PageHeader
        title="Новый случай обслуживания"
        description="Случай уходит отдельным пакетом; замечания ФЛК появятся рядом с полями."
        crumbs={crumbs}
      />
      {accepted.length > 0 && (
        <div className="notice" role="status" data-testid="case-accepted">
          Случаи приняты: {accepted.join('; ')}. <Link to={polyclinicCasesPath}>Открыть список</Link> ·{' '}
          <Link to={dispensaryPath}>Диспансерное наблюдение</Link>
        </div>
      )}
      <form className="form observation-form" onSubmit={onSubmit} noValidate aria-label="Случай обслуживания">
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
        <div className="observation-dates">
          <Field
            name="dateFrom"
            label="Дата начала"
            type="date"
            required
            value={dateFrom}
            onChange={(e) => setDateFrom(e.target.value)}
            error={errors.dateFrom}
          />
          <Field
            name="dateTo"
            label="Дата окончания"
            type="date"
            required
            value={dateTo}
            onChange={(e) => setDateTo(e.target.value)}
            error={errors.dateTo}
          />
        </div>
        <NsiCodeField
          name="purpose"
          label="Цель посещения"
          directory="V025"
          required
          value={purpose}
          onChange={setPurpose}
          error={errors.purpose}
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
        <NsiCodeField
          name="specialty"
          label="Специальность врача"
          directory="V021"
          required
          value={specialty}
          onChange={setSpecialty}
          error={errors.specialty}
        />
        <Field
          name="visits"
          label="Число посещений"
          type="number"
          min={1}
          max={366}
          value={visits}
          onChange={(e) => setVisits(e.target.value)}
          error={errors.visits}
        />
        <div>
          <button type="submit" className="button button-primary" disabled={sending}>
            {sending ? 'Отправляем…' : 'Добавить случай'}
          </button>
        </div>
      </form>
    </>
  );
}
