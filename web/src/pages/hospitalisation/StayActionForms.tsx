import { type FormEvent, useState } from 'react';
import { type AdmissionView, dischargeAdmission, moveAdmission } from '../../api/hospitalisation';
import type { Department } from '../../api/organisations';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { SelectField } from '../../components/SelectField';
import { DepartmentSelect } from './DepartmentSelect';
import { type FormFailure, formFailure, toNumber } from './form-failure';
import { todayIso } from './hosp-dates';
import { codeOptions, dischargeOutcomeLabels } from './hosp-labels';
import { NsiCodeField } from './NsiCodeField';

interface StayFormProps {
  admission: AdmissionView;
  onDone: (admission: AdmissionView) => void;
  onClose: () => void;
}

function Actions({ saving, label, onClose }: { saving: boolean; label: string; onClose: () => void }) {
  return (
    <div className="hosp-actions">
      <button type="submit" className="button button-primary" disabled={saving}>
        {saving ? 'Сохранение…' : label}
      </button>
      <button type="button" className="button button-secondary" onClick={onClose} disabled={saving}>
        Отмена
      </button>
    </div>
  );
}

/** Выписка: date and outcome of the stay. */
export function DischargeForm({ admission, onDone, onClose }: StayFormProps) {
  const [date, setDate] = useState(todayIso());
  const [outcome, setOutcome] = useState('1');
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const [saving, setSaving] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    setFailure(null);
    try {
      onDone(await dischargeAdmission(admission.id, { date, outcome: toNumber(outcome) }));
    } catch (e) {
      setFailure(formFailure(e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <form noValidate className="form hosp-form hosp-action-form" onSubmit={submit} aria-label="Выписка">
      <div className="hosp-grid">
        <Field
          name="dischargeDate"
          label="Дата выписки"
          type="date"
          required
          value={date}
          onChange={(e) => setDate(e.target.value)}
          error={failure?.fields.date}
        />
        <SelectField
          name="outcome"
          label="Исход"
          options={codeOptions(dischargeOutcomeLabels)}
          value={outcome}
          onChange={(e) => setOutcome(e.target.value)}
        />
      </div>
      <FormError message={failure?.message} />
      <Actions saving={saving} label="Выписать" onClose={onClose} />
    </form>
  );
}

/** Перевод в другое отделение той же больницы. */
export function MovementForm({
  admission,
  departments,
  onDone,
  onClose,
}: StayFormProps & { departments: readonly Department[] | undefined }) {
  const [form, setForm] = useState({ departmentCode: '', profile: '', bedProfile: '', date: todayIso() });
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const [saving, setSaving] = useState(false);
  const set = (name: keyof typeof form, value: string) =>
    setForm((previous) => ({ ...previous, [name]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    setFailure(null);
    try {
      onDone(
        await moveAdmission(admission.id, {
          departmentCode: form.departmentCode,
          profile: toNumber(form.profile),
          bedProfile: toNumber(form.bedProfile),
          date: form.date,
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
      aria-label="Перевод в другое отделение"
    >
      <div className="hosp-grid">
        <DepartmentSelect
          name="moveDepartment"
          label="Отделение"
          departments={departments}
          inpatientOnly
          required
          value={form.departmentCode}
          onChange={(code, d) =>
            setForm((previous) => ({
              ...previous,
              departmentCode: code,
              ...(d && {
                profile: String(d.profileV002),
                bedProfile: d.beds[0] ? String(d.beds[0].bedProfileV020) : previous.bedProfile,
              }),
            }))
          }
        />
        <NsiCodeField
          name="moveProfile"
          label="Профиль"
          directory="V002"
          value={form.profile}
          onChange={(v) => set('profile', v)}
          error={failure?.fields.profile}
        />
        <NsiCodeField
          name="moveBedProfile"
          label="Профиль койки"
          directory="V020"
          value={form.bedProfile}
          onChange={(v) => set('bedProfile', v)}
          error={failure?.fields.bedProfile}
        />
        <Field
          name="moveDate"
          label="Дата перевода"
          type="date"
          value={form.date}
          onChange={(e) => set('date', e.target.value)}
          error={failure?.fields.date}
        />
      </div>
      <FormError message={failure?.message} />
      <Actions saving={saving} label="Перевести" onClose={onClose} />
    </form>
  );
}
