import { type FormEvent, useState } from 'react';
import { type Doctor, saveDoctor } from '../../api/organisations';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { orNull, type SaveFailure, saveFailure, toNumber } from './form-errors';

interface DoctorFormProps {
  moCode: string;
  initial?: Doctor;
  onSaved: () => void;
  onCancel: () => void;
}

/** A doctor of the МО: СНИЛС (checked by the server), name, specialty (V021). */
export function DoctorForm({ moCode, initial, onSaved, onCancel }: DoctorFormProps) {
  const [form, setForm] = useState({
    snils: initial?.snils ?? '',
    fam: initial?.fam ?? '',
    im: initial?.im ?? '',
    ot: initial?.ot ?? '',
    specialtyV021: initial ? String(initial.specialtyV021) : '',
  });
  const [failure, setFailure] = useState<SaveFailure | null>(null);
  const [saving, setSaving] = useState(false);
  const set = (name: keyof typeof form) => (event: { target: { value: string } }) =>
    setForm((previous) => ({ ...previous, [name]: event.target.value }));
  const error = (name: string) => failure?.fields[name];

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    setFailure(null);
    try {
      await saveDoctor(
        moCode,
        form.snils.trim(),
        { fam: form.fam, im: form.im, ot: orNull(form.ot), specialtyV021: toNumber(form.specialtyV021) },
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
    <form className="form org-form" onSubmit={submit} aria-label={initial ? 'Врач' : 'Новый врач'}>
      <FormError message={failure?.message} />
      <div className="org-form-grid">
        {!initial && (
          <Field
            name="snils"
            label="СНИЛС"
            placeholder="XXX-XXX-XXX YY"
            required
            value={form.snils}
            onChange={set('snils')}
            error={error('snils')}
          />
        )}
        <Field
          name="fam"
          label="Фамилия"
          required
          value={form.fam}
          onChange={set('fam')}
          error={error('fam')}
        />
        <Field name="im" label="Имя" required value={form.im} onChange={set('im')} error={error('im')} />
        <Field name="ot" label="Отчество" value={form.ot} onChange={set('ot')} error={error('ot')} />
        <Field
          name="specialtyV021"
          label="Специальность (V021)"
          inputMode="numeric"
          required
          value={form.specialtyV021}
          onChange={set('specialtyV021')}
          error={error('specialtyV021')}
        />
      </div>
      <div className="org-form-actions">
        <button type="submit" className="button button-primary" disabled={saving}>
          {saving ? 'Сохранение…' : 'Сохранить врача'}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel} disabled={saving}>
          Отмена
        </button>
      </div>
    </form>
  );
}
