import { type FormEvent, useState } from 'react';
import { type AdmissionView, admitByReferral, type ReferralView } from '../../api/hospitalisation';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { DepartmentSelect } from './DepartmentSelect';
import { type FormFailure, formFailure, optional } from './form-failure';
import { todayIso } from './hosp-dates';
import { useOrganisationCard } from './use-organisations';

interface AdmitReferralFormProps {
  referral: ReferralView;
  onDone: (admission: AdmissionView) => void;
  onClose: () => void;
}

/** «Госпитализировать»: the hospital records the planned admission by this referral. */
export function AdmitReferralForm({ referral, onDone, onClose }: AdmitReferralFormProps) {
  const own = useOrganisationCard(referral.toMoCode);
  const [form, setForm] = useState({
    departmentCode: referral.toDepartmentCode ?? '',
    date: todayIso(),
    time: '',
    caseNumber: '',
    diagnosis: referral.diagnosis,
  });
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const [saving, setSaving] = useState(false);
  const bind = (name: keyof typeof form) => ({
    value: form[name],
    onChange: (event: { target: { value: string } }) =>
      setForm((previous) => ({ ...previous, [name]: event.target.value })),
    error: failure?.fields[name],
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    setFailure(null);
    try {
      onDone(
        await admitByReferral(referral.id, {
          departmentCode: form.departmentCode,
          date: form.date,
          time: optional(form.time),
          caseNumber: form.caseNumber.trim(),
          diagnosis: optional(form.diagnosis.toUpperCase()),
        }),
      );
    } catch (e) {
      setFailure(formFailure(e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <form
      noValidate
      className="form hosp-form hosp-action-form"
      onSubmit={submit}
      aria-label="Госпитализация по направлению"
    >
      <div className="hosp-grid">
        <DepartmentSelect
          name="departmentCode"
          label="Отделение"
          departments={own.data?.departments}
          inpatientOnly
          required
          value={form.departmentCode}
          onChange={(code) => setForm((previous) => ({ ...previous, departmentCode: code }))}
        />
        <Field name="admitDate" label="Дата госпитализации" type="date" required {...bind('date')} />
        <Field name="time" label="Время" type="time" {...bind('time')} />
        <Field name="caseNumber" label="Номер медицинской карты" required {...bind('caseNumber')} />
        <Field name="admitDiagnosis" label="Диагноз при поступлении (МКБ-10)" {...bind('diagnosis')} />
      </div>
      <FormError message={failure?.message} />
      <div className="hosp-actions">
        <button type="submit" className="button button-primary" disabled={saving}>
          {saving ? 'Сохранение…' : 'Подтвердить госпитализацию'}
        </button>
        <button type="button" className="button button-secondary" onClick={onClose} disabled={saving}>
          Отмена
        </button>
      </div>
    </form>
  );
}
