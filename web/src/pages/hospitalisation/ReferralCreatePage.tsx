import { type FormEvent, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { createReferral } from '../../api/hospitalisation';
import type { Department } from '../../api/organisations';
import type { AffiliationAnswer } from '../../api/persons';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { PageHeader } from '../../components/PageHeader';
import { SelectField } from '../../components/SelectField';
import { StatusMessage } from '../../components/StatusMessage';
import { bedSummary, DepartmentSelect } from './DepartmentSelect';
import { type FormFailure, formFailure, optional, required, toNumber } from './form-failure';
import { addDays, todayIso } from './hosp-dates';
import { codeOptions, conditionsLabels, formLabels } from './hosp-labels';
import { referralPath, referralsRootPath } from './hosp-paths';
import { NsiCodeField } from './NsiCodeField';
import { PersonLookup } from './PersonLookup';
import { newSourceId, suggestReferralNumber } from './source-id';
import { useHospAccess } from './use-hosp-access';
import { useHospitals, useOrganisationCard } from './use-organisations';
import './hospitalisation.css';

const crumbs = [{ label: 'Направления', to: referralsRootPath }];

/** The form's fields as a registrar reads them, for messages that name a field. */
const fieldLabels: Record<string, string> = {
  patient: 'Пациент',
  number: 'Номер направления',
  date: 'Дата направления',
  form: 'Форма помощи',
  kind: 'Вид направления',
  fromDepartmentCode: 'Направившее отделение',
  doctorSnils: 'СНИЛС направившего врача',
  talonNumber: 'Номер талона ВМП',
  talonDate: 'Дата талона ВМП',
  toMoCode: 'Стационар',
  toDepartmentCode: 'Отделение стационара',
  conditions: 'Условия',
  plannedDate: 'Плановая дата госпитализации',
  profile: 'Профиль медицинской помощи',
  bedProfile: 'Профиль койки',
  diagnosis: 'Диагноз',
};
const noPatient = 'Выберите пациента из подсказок или найдите его по ЕНП.';

/** «Новое направление»: the referring МО picks the patient, the hospital and department, codes and dates. */
export function ReferralCreatePage() {
  const access = useHospAccess();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const own = useOrganisationCard(access.orgCode);
  const hospitals = useHospitals();
  const [sourceId] = useState(() => newSourceId('web-ref'));
  const [person, setPerson] = useState<AffiliationAnswer | null>(null);
  const [form, setForm] = useState(() => ({
    number: suggestReferralNumber(access.orgCode),
    date: todayIso(),
    form: '3',
    kind: 'plain' as 'plain' | 'vmp',
    fromDepartmentCode: '',
    doctorSnils: '',
    toMoCode: '',
    toDepartmentCode: '',
    conditions: '1',
    profile: '',
    bedProfile: '',
    diagnosis: '',
    plannedDate: addDays(todayIso(), 7),
    talonNumber: '',
    talonDate: '',
  }));
  const [targetDepartment, setTargetDepartment] = useState<Department | undefined>();
  const target = useOrganisationCard(form.toMoCode || undefined);
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const [saving, setSaving] = useState(false);

  const set = (name: keyof typeof form, value: string) =>
    setForm((previous) => ({ ...previous, [name]: value }));
  const bind = (name: keyof typeof form) => ({
    value: form[name],
    onChange: (event: { target: { value: string } }) => set(name, event.target.value),
  });
  const bindText = (name: keyof typeof form) => ({ ...bind(name), error: failure?.fields[name] });

  function pickTargetDepartment(code: string, department: Department | undefined) {
    setTargetDepartment(department);
    setForm((previous) => ({
      ...previous,
      toDepartmentCode: code,
      ...(department && {
        profile: String(department.profileV002),
        conditions: String(department.conditionsV006),
        bedProfile: department.beds[0] ? String(department.beds[0].bedProfileV020) : previous.bedProfile,
      }),
    }));
  }

  /** A form the server refused, with what only the form knows (no patient chosen) on top. */
  function refused(error: unknown, patientMissing: boolean): FormFailure {
    const found = formFailure(error, fieldLabels, 'Направление не выдано');
    if (!patientMissing) return found;
    const fields = { ...found.fields, patient: noPatient };
    const count = Object.keys(fields).length;
    return { fields, message: `Направление не выдано: исправьте отмеченные поля (${count}).` };
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    // Every mistake at once: the form is sent even without a patient, so the server's FLK names all the others.
    const patientMissing = !person?.person;
    setSaving(true);
    setFailure(null);
    try {
      const created = await createReferral({
        sourceId,
        number: required(form.number),
        date: required(form.date),
        form: toNumber(form.form),
        fromMoCode: access.orgCode,
        fromDepartmentCode: optional(form.fromDepartmentCode),
        toMoCode: required(form.toMoCode),
        toDepartmentCode: optional(form.toDepartmentCode),
        conditions: toNumber(form.conditions),
        profile: toNumber(form.profile),
        bedProfile: toNumber(form.bedProfile),
        diagnosis: required(form.diagnosis.toUpperCase()),
        doctorSnils: required(form.doctorSnils),
        plannedDate: required(form.plannedDate),
        kind: form.kind,
        ...(form.kind === 'vmp' && {
          vmp: { talonNumber: required(form.talonNumber), talonDate: required(form.talonDate) },
        }),
        patient: person?.person ? { enp: person.person.enp } : (undefined as never),
      });
      navigate(referralPath(created.id));
    } catch (e) {
      setFailure(refused(e, patientMissing));
    } finally {
      setSaving(false);
    }
  }

  if (!access.canSend) {
    return (
      <>
        <PageHeader title="Новое направление" crumbs={crumbs} />
        <StatusMessage kind="info">
          Направления на госпитализацию выдают медицинские организации.
        </StatusMessage>
      </>
    );
  }

  const doctorsListId = 'hosp-own-doctors';
  return (
    <>
      <PageHeader
        title="Новое направление"
        crumbs={crumbs}
        description="Направление на плановую госпитализацию (в том числе ВМП). Стационар и СМО пациента получат его сразу после сохранения."
      />
      <form className="form hosp-form" onSubmit={submit} aria-label="Новое направление" noValidate>
        <PersonLookup
          onFound={setPerson}
          initialPersonId={params.get('personId') ?? undefined}
          error={failure?.fields.patient}
        />

        <fieldset className="form-fieldset">
          <legend className="field-label">Направление</legend>
          <div className="hosp-grid">
            <Field name="number" label="Номер направления" required maxLength={16} {...bindText('number')} />
            <Field name="date" label="Дата направления" type="date" required {...bindText('date')} />
            <SelectField
              name="form"
              label="Форма помощи (V014)"
              options={codeOptions(formLabels)}
              error={failure?.fields.form}
              {...bind('form')}
            />
            <SelectField
              name="kind"
              label="Вид направления"
              options={[
                { value: 'plain', label: 'Госпитализация' },
                { value: 'vmp', label: 'Высокотехнологичная помощь (ВМП)' },
              ]}
              value={form.kind}
              onChange={(e) => set('kind', e.target.value)}
            />
            <DepartmentSelect
              name="fromDepartmentCode"
              label="Направившее отделение"
              departments={own.data?.departments}
              value={form.fromDepartmentCode}
              error={failure?.fields.fromDepartmentCode}
              onChange={(code) => set('fromDepartmentCode', code)}
            />
            <Field
              name="doctorSnils"
              label="СНИЛС направившего врача"
              placeholder="XXX-XXX-XXX YY"
              list={doctorsListId}
              required
              {...bindText('doctorSnils')}
            />
            <datalist id={doctorsListId}>
              {own.data?.doctors.map((d) => (
                <option key={d.snils} value={d.snils}>
                  {[d.fam, d.im, d.ot].filter(Boolean).join(' ')}
                </option>
              ))}
            </datalist>
          </div>
          {form.kind === 'vmp' && (
            <div className="hosp-grid">
              <Field name="talonNumber" label="Номер талона ВМП" required {...bindText('talonNumber')} />
              <Field
                name="talonDate"
                label="Дата талона ВМП"
                type="date"
                required
                {...bindText('talonDate')}
              />
            </div>
          )}
        </fieldset>

        <fieldset className="form-fieldset">
          <legend className="field-label">Куда направлен</legend>
          <div className="hosp-grid">
            <SelectField
              name="toMoCode"
              label="Стационар"
              emptyLabel={hospitals.loading ? 'Загрузка…' : '— выберите стационар —'}
              required
              options={(hospitals.data ?? []).map((h) => ({
                value: h.code,
                label: `${h.shortName} (${h.code})`,
              }))}
              value={form.toMoCode}
              error={failure?.fields.toMoCode}
              onChange={(e) => {
                set('toMoCode', e.target.value);
                pickTargetDepartment('', undefined);
              }}
            />
            <DepartmentSelect
              name="toDepartmentCode"
              label="Отделение стационара"
              departments={target.data?.departments}
              inpatientOnly
              value={form.toDepartmentCode}
              error={failure?.fields.toDepartmentCode}
              onChange={pickTargetDepartment}
            />
            <SelectField
              name="conditions"
              label="Условия (V006)"
              options={codeOptions(conditionsLabels)}
              error={failure?.fields.conditions}
              {...bind('conditions')}
            />
            <Field
              name="plannedDate"
              label="Плановая дата госпитализации"
              type="date"
              required
              {...bindText('plannedDate')}
            />
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
              hint={bedSummary(targetDepartment)}
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
        {failure && Object.keys(failure.fields).length > 0 && (
          <ul className="hosp-issues" data-testid="form-issues">
            {Object.entries(failure.fields).map(([field, message]) => (
              <li key={field}>
                {fieldLabels[field] ? `«${fieldLabels[field]}»: ` : ''}
                {message}
              </li>
            ))}
          </ul>
        )}
        <div className="hosp-actions">
          <button type="submit" className="button button-primary" disabled={saving}>
            {saving ? 'Сохранение…' : 'Выдать направление'}
          </button>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => navigate(referralsRootPath)}
          >
            Отмена
          </button>
        </div>
      </form>
    </>
  );
}
