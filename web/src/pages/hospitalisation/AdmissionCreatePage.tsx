import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { createAdmission } from '../../api/hospitalisation';
import type { Department } from '../../api/organisations';
import type { AffiliationAnswer } from '../../api/persons';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { PageHeader } from '../../components/PageHeader';
import { SelectField } from '../../components/SelectField';
import { StatusMessage } from '../../components/StatusMessage';
import { bedSummary, DepartmentSelect } from './DepartmentSelect';
import { type FormFailure, formFailure, optional, toNumber } from './form-failure';
import { todayIso } from './hosp-dates';
import { codeOptions, conditionsLabels, formLabels } from './hosp-labels';
import { admissionPath, admissionsRootPath } from './hosp-paths';
import { NsiCodeField } from './NsiCodeField';
import { PersonLookup } from './PersonLookup';
import { newSourceId } from './source-id';
import { useHospAccess } from './use-hosp-access';
import { useOrganisationCard } from './use-organisations';
import './hospitalisation.css';

const crumbs = [{ label: 'Госпитализация', to: admissionsRootPath }];

/** «Экстренная госпитализация»: the hospital records an admission without a referral. */
export function AdmissionCreatePage() {
  const access = useHospAccess();
  const navigate = useNavigate();
  const own = useOrganisationCard(access.orgCode);
  const [sourceId] = useState(() => newSourceId('web-adm'));
  const [person, setPerson] = useState<AffiliationAnswer | null>(null);
  const [department, setDepartment] = useState<Department | undefined>();
  const [form, setForm] = useState({
    form: '1',
    departmentCode: '',
    conditions: '1',
    profile: '',
    bedProfile: '',
    date: todayIso(),
    time: '',
    caseNumber: '',
    diagnosis: '',
  });
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const [saving, setSaving] = useState(false);
  const set = (name: keyof typeof form, value: string) =>
    setForm((previous) => ({ ...previous, [name]: value }));
  const bind = (name: keyof typeof form) => ({
    value: form[name],
    onChange: (event: { target: { value: string } }) => set(name, event.target.value),
  });
  const bindText = (name: keyof typeof form) => ({ ...bind(name), error: failure?.fields[name] });

  function pickDepartment(code: string, picked: Department | undefined) {
    setDepartment(picked);
    setForm((previous) => ({
      ...previous,
      departmentCode: code,
      ...(picked && {
        profile: String(picked.profileV002),
        conditions: String(picked.conditionsV006),
        bedProfile: picked.beds[0] ? String(picked.beds[0].bedProfileV020) : previous.bedProfile,
      }),
    }));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!person?.person) {
      setFailure({ message: 'Найдите пациента по ЕНП.', fields: {} });
      return;
    }
    setSaving(true);
    setFailure(null);
    try {
      const created = await createAdmission({
        sourceId,
        kind: 'emergency',
        form: toNumber(form.form),
        moCode: access.orgCode,
        departmentCode: form.departmentCode,
        conditions: toNumber(form.conditions),
        profile: toNumber(form.profile),
        bedProfile: toNumber(form.bedProfile),
        date: form.date,
        time: optional(form.time),
        caseNumber: form.caseNumber.trim(),
        diagnosis: form.diagnosis.trim().toUpperCase(),
        patient: { enp: person.person.enp },
      });
      navigate(admissionPath(created.id));
    } catch (e) {
      setFailure(formFailure(e));
    } finally {
      setSaving(false);
    }
  }

  if (!access.canSend) {
    return (
      <>
        <PageHeader title="Экстренная госпитализация" crumbs={crumbs} />
        <StatusMessage kind="info">Госпитализации регистрируют стационары.</StatusMessage>
      </>
    );
  }

  return (
    <>
      <PageHeader
        title="Экстренная госпитализация"
        crumbs={crumbs}
        description="Госпитализация без направления. СМО пациента получит сведения сразу после сохранения."
      />
      <form className="form hosp-form" onSubmit={submit} aria-label="Экстренная госпитализация" noValidate>
        <PersonLookup onFound={setPerson} error={failure?.fields.patient} />
        <fieldset className="form-fieldset">
          <legend className="field-label">Госпитализация</legend>
          <div className="hosp-grid">
            <DepartmentSelect
              name="departmentCode"
              label="Отделение"
              departments={own.data?.departments}
              inpatientOnly
              required
              value={form.departmentCode}
              onChange={pickDepartment}
            />
            <SelectField
              name="form"
              label="Форма помощи (V014)"
              options={codeOptions(formLabels)}
              {...bind('form')}
            />
            <SelectField
              name="conditions"
              label="Условия (V006)"
              options={codeOptions(conditionsLabels)}
              {...bind('conditions')}
            />
            <Field name="date" label="Дата поступления" type="date" required {...bindText('date')} />
            <Field name="time" label="Время поступления" type="time" {...bindText('time')} />
            <Field name="caseNumber" label="Номер медицинской карты" required {...bindText('caseNumber')} />
          </div>
          <div className="hosp-grid">
            <NsiCodeField
              name="profile"
              label="Профиль медицинской помощи"
              directory="V002"
              required
              value={form.profile}
              onChange={(v) => set('profile', v)}
              error={failure?.fields.profile}
            />
            <NsiCodeField
              name="bedProfile"
              label="Профиль койки"
              directory="V020"
              required
              hint={bedSummary(department)}
              value={form.bedProfile}
              onChange={(v) => set('bedProfile', v)}
              error={failure?.fields.bedProfile}
            />
            <NsiCodeField
              name="diagnosis"
              label="Диагноз"
              directory="MKB10"
              required
              value={form.diagnosis}
              onChange={(v) => set('diagnosis', v)}
              error={failure?.fields.diagnosis}
            />
          </div>
        </fieldset>
        <FormError message={failure?.message} />
        <div className="hosp-actions">
          <button type="submit" className="button button-primary" disabled={saving}>
            {saving ? 'Сохранение…' : 'Зарегистрировать госпитализацию'}
          </button>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => navigate(admissionsRootPath)}
          >
            Отмена
          </button>
        </div>
      </form>
    </>
  );
}
