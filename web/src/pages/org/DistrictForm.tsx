import { type FormEvent, useState } from 'react';
import {
  type District,
  type DistrictKind,
  type Doctor,
  districtKindLabels,
  saveDistrict,
} from '../../api/organisations';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { SelectField } from '../../components/SelectField';
import { orNull, type SaveFailure, saveFailure } from './form-errors';

const kindOptions = (Object.keys(districtKindLabels) as DistrictKind[]).map((value) => ({
  value,
  label: districtKindLabels[value],
}));

interface DistrictFormProps {
  moCode: string;
  doctors: readonly Doctor[];
  initial?: District;
  onSaved: () => void;
  onCancel: () => void;
}

/** A district (участок) of the МО with its doctor, chosen among the МО's doctors. */
export function DistrictForm({ moCode, doctors, initial, onSaved, onCancel }: DistrictFormProps) {
  const [form, setForm] = useState({
    code: initial?.code ?? '',
    kind: initial?.kind ?? 'therapeutic',
    doctorSnils: initial?.doctorSnils ?? doctors[0]?.snils ?? '',
    dateEnd: initial?.dateEnd ?? '',
  });
  const [remote, setRemote] = useState(initial?.remote ?? false);
  const [failure, setFailure] = useState<SaveFailure | null>(null);
  const [saving, setSaving] = useState(false);
  const set = (name: keyof typeof form) => (event: { target: { value: string } }) =>
    setForm((previous) => ({ ...previous, [name]: event.target.value }));
  const doctorOptions = doctors.map((d) => ({
    value: d.snils,
    label: `${[d.fam, d.im, d.ot].filter(Boolean).join(' ')} (${d.snils})`,
  }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    setFailure(null);
    try {
      await saveDistrict(
        moCode,
        form.code.trim(),
        {
          kind: form.kind as DistrictKind,
          doctorSnils: form.doctorSnils,
          dateEnd: orNull(form.dateEnd),
          remote,
        },
        !initial,
      );
      onSaved();
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
      aria-label={initial ? `Участок ${initial.code}` : 'Новый участок'}
    >
      <FormError message={failure?.message} />
      {doctors.length === 0 && (
        <p className="muted">Сначала добавьте врачей МО: у участка должен быть врач.</p>
      )}
      <div className="org-form-grid">
        {!initial && (
          <Field
            name="code"
            label="Номер участка"
            required
            value={form.code}
            onChange={set('code')}
            error={failure?.fields.code}
          />
        )}
        <SelectField
          name="kind"
          label="Вид участка"
          options={kindOptions}
          value={form.kind}
          onChange={set('kind')}
        />
        <SelectField
          name="doctorSnils"
          label="Участковый врач"
          options={doctorOptions}
          value={form.doctorSnils}
          onChange={set('doctorSnils')}
          className="org-form-wide"
        />
        <Field
          name="dateEnd"
          label="Закрыт с"
          type="date"
          value={form.dateEnd}
          onChange={set('dateEnd')}
          error={failure?.fields.dateEnd}
        />
        <label className="checkbox org-form-wide">
          <input
            type="checkbox"
            name="remote"
            checked={remote}
            onChange={(e) => setRemote(e.target.checked)}
          />{' '}
          Отдалённый участок (выезды мобильных бригад)
        </label>
      </div>
      {failure?.fields.doctorSnils && <p className="field-error">{failure.fields.doctorSnils}</p>}
      <div className="org-form-actions">
        <button type="submit" className="button button-primary" disabled={saving || doctors.length === 0}>
          {saving ? 'Сохранение…' : 'Сохранить участок'}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel} disabled={saving}>
          Отмена
        </button>
      </div>
    </form>
  );
}
