import { type FormEvent, useState } from 'react';
import {
  createOrganisation,
  type MoKind,
  moKindLabels,
  type OrganisationRequisites,
  updateOrganisation,
} from '../../api/organisations';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { SelectField } from '../../components/SelectField';
import { orNull, type SaveFailure, saveFailure } from './form-errors';

const moKindOptions = (Object.keys(moKindLabels) as MoKind[]).map((value) => ({
  value,
  label: moKindLabels[value],
}));
const kindOptions = [
  { value: 'MO', label: 'Медицинская организация (F003, 6 цифр)' },
  { value: 'SMO', label: 'Страховая медицинская организация (F002, 5 цифр)' },
];

interface OrganisationFormProps {
  /** The organisation to edit; a new one when absent. */
  initial?: OrganisationRequisites;
  onSaved: (code: string) => void;
  onCancel: () => void;
}

/** Create or edit an organisation's requisites; the server's FLK messages appear at their fields. */
export function OrganisationForm({ initial, onSaved, onCancel }: OrganisationFormProps) {
  const [form, setForm] = useState({
    code: initial?.code ?? '',
    kind: initial?.kind ?? 'MO',
    name: initial?.name ?? '',
    shortName: initial?.shortName ?? '',
    moKind: initial?.moKind ?? (initial ? '' : 'polyclinic'),
    okato: initial?.okato ?? '',
    inn: initial?.inn ?? '',
    ogrn: initial?.ogrn ?? '',
    kpp: initial?.kpp ?? '',
    address: initial?.address ?? '',
    phone: initial?.phone ?? '',
    dateBeg: initial?.dateBeg ?? '',
    dateEnd: initial?.dateEnd ?? '',
  });
  const [failure, setFailure] = useState<SaveFailure | null>(null);
  const [saving, setSaving] = useState(false);
  const set = (name: keyof typeof form) => (event: { target: { value: string } }) =>
    setForm((previous) => ({ ...previous, [name]: event.target.value }));
  const error = (name: string) => failure?.fields[name];
  const isMo = form.kind === 'MO';

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    setFailure(null);
    const body = {
      name: form.name,
      shortName: form.shortName,
      moKind: isMo ? ((orNull(form.moKind) as MoKind | null) ?? null) : null,
      okato: orNull(form.okato),
      inn: orNull(form.inn),
      ogrn: orNull(form.ogrn),
      kpp: orNull(form.kpp),
      address: orNull(form.address),
      phone: orNull(form.phone),
      dateBeg: form.dateBeg,
      dateEnd: orNull(form.dateEnd),
    };
    try {
      if (initial) await updateOrganisation(initial.code, body);
      else await createOrganisation({ ...body, code: form.code.trim(), kind: form.kind as 'MO' | 'SMO' });
      onSaved(initial?.code ?? form.code.trim());
    } catch (e) {
      setFailure(saveFailure(e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <form
      className="form org-form"
      onSubmit={submit}
      aria-label={initial ? 'Реквизиты организации' : 'Новая организация'}
    >
      <FormError message={failure?.message} />
      <div className="org-form-grid">
        {!initial && (
          <>
            <SelectField
              name="kind"
              label="Вид организации"
              options={kindOptions}
              value={form.kind}
              onChange={set('kind')}
            />
            <Field
              name="code"
              label="Код"
              required
              value={form.code}
              onChange={set('code')}
              error={error('code')}
            />
          </>
        )}
        <Field
          name="name"
          label="Полное наименование"
          required
          value={form.name}
          onChange={set('name')}
          error={error('name')}
          className="org-form-wide"
        />
        <Field
          name="shortName"
          label="Краткое наименование"
          required
          value={form.shortName}
          onChange={set('shortName')}
          error={error('shortName')}
        />
        {isMo && (
          <SelectField
            name="moKind"
            label="Вид МО"
            options={moKindOptions}
            value={form.moKind}
            onChange={set('moKind')}
            emptyLabel="Не указан"
          />
        )}
        <Field
          name="inn"
          label="ИНН"
          inputMode="numeric"
          value={form.inn}
          onChange={set('inn')}
          error={error('inn')}
        />
        <Field
          name="ogrn"
          label="ОГРН"
          inputMode="numeric"
          value={form.ogrn}
          onChange={set('ogrn')}
          error={error('ogrn')}
        />
        <Field name="kpp" label="КПП" value={form.kpp} onChange={set('kpp')} error={error('kpp')} />
        <Field
          name="okato"
          label="ОКАТО"
          inputMode="numeric"
          value={form.okato}
          onChange={set('okato')}
          error={error('okato')}
        />
        <Field
          name="address"
          label="Адрес"
          value={form.address}
          onChange={set('address')}
          error={error('address')}
          className="org-form-wide"
        />
        <Field
          name="phone"
          label="Телефон"
          value={form.phone}
          onChange={set('phone')}
          error={error('phone')}
        />
        <Field
          name="dateBeg"
          label="Включена в реестр"
          type="date"
          required
          value={form.dateBeg}
          onChange={set('dateBeg')}
          error={error('dateBeg')}
        />
        <Field
          name="dateEnd"
          label="Исключена из реестра"
          type="date"
          value={form.dateEnd}
          onChange={set('dateEnd')}
          error={error('dateEnd')}
        />
      </div>
      {failure?.fields.moKind && <p className="field-error">{failure.fields.moKind}</p>}
      <div className="org-form-actions">
        <button type="submit" className="button button-primary" disabled={saving}>
          {saving ? 'Сохранение…' : 'Сохранить'}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel} disabled={saving}>
          Отмена
        </button>
      </div>
    </form>
  );
}
