import { type FormEvent, useState } from 'react';
import {
  type Department,
  type DepartmentKind,
  departmentKindLabels,
  saveDepartment,
} from '../../api/organisations';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { SelectField } from '../../components/SelectField';
import { orNull, type SaveFailure, saveFailure, toNumber } from './form-errors';

const kindOptions = (Object.keys(departmentKindLabels) as DepartmentKind[]).map((value) => ({
  value,
  label: departmentKindLabels[value],
}));

interface BedRow {
  key: number;
  bedProfileV020: string;
  beds: string;
  bedsMale: string;
  bedsFemale: string;
  bedsChild: string;
}

interface DepartmentFormProps {
  moCode: string;
  initial?: Department;
  onSaved: () => void;
  onCancel: () => void;
}

let nextKey = 1;
const bedRow = (b?: Department['beds'][number]): BedRow => ({
  key: nextKey++,
  bedProfileV020: b ? String(b.bedProfileV020) : '',
  beds: b ? String(b.beds) : '',
  bedsMale: b ? String(b.bedsMale) : '0',
  bedsFemale: b ? String(b.bedsFemale) : '0',
  bedsChild: b ? String(b.bedsChild) : '0',
});

/** A department with its bed stock by V020 profile; saving replaces the whole bed list. */
export function DepartmentForm({ moCode, initial, onSaved, onCancel }: DepartmentFormProps) {
  const [form, setForm] = useState({
    code: initial?.code ?? '',
    name: initial?.name ?? '',
    kind: initial?.kind ?? 'inpatient',
    profileV002: initial ? String(initial.profileV002) : '',
    conditionsV006: initial ? String(initial.conditionsV006) : '1',
    dateEnd: initial?.dateEnd ?? '',
  });
  const [beds, setBeds] = useState<BedRow[]>(() => (initial?.beds ?? []).map(bedRow));
  const [failure, setFailure] = useState<SaveFailure | null>(null);
  const [saving, setSaving] = useState(false);
  const set = (name: keyof typeof form) => (event: { target: { value: string } }) =>
    setForm((previous) => ({ ...previous, [name]: event.target.value }));
  const setBed = (key: number, name: keyof Omit<BedRow, 'key'>, value: string) =>
    setBeds((rows) => rows.map((row) => (row.key === key ? { ...row, [name]: value } : row)));
  const error = (name: string) => failure?.fields[name];

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    setFailure(null);
    try {
      await saveDepartment(
        moCode,
        form.code.trim(),
        {
          name: form.name,
          kind: form.kind as DepartmentKind,
          profileV002: toNumber(form.profileV002),
          conditionsV006: toNumber(form.conditionsV006),
          dateEnd: orNull(form.dateEnd),
          beds: beds.map((b) => ({
            bedProfileV020: toNumber(b.bedProfileV020),
            beds: toNumber(b.beds),
            bedsMale: toNumber(b.bedsMale),
            bedsFemale: toNumber(b.bedsFemale),
            bedsChild: toNumber(b.bedsChild),
          })),
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
      aria-label={initial ? `Отделение ${initial.code}` : 'Новое отделение'}
    >
      <FormError message={failure?.message} />
      <div className="org-form-grid">
        {!initial && (
          <Field
            name="code"
            label="Код отделения"
            required
            value={form.code}
            onChange={set('code')}
            error={error('code')}
          />
        )}
        <Field
          name="name"
          label="Наименование отделения"
          required
          value={form.name}
          onChange={set('name')}
          error={error('name')}
          className="org-form-wide"
        />
        <SelectField
          name="kind"
          label="Вид отделения"
          options={kindOptions}
          value={form.kind}
          onChange={set('kind')}
        />
        <Field
          name="profileV002"
          label="Профиль помощи (V002)"
          inputMode="numeric"
          required
          value={form.profileV002}
          onChange={set('profileV002')}
          error={error('profileV002')}
        />
        <Field
          name="conditionsV006"
          label="Условия оказания (V006)"
          inputMode="numeric"
          required
          value={form.conditionsV006}
          onChange={set('conditionsV006')}
          error={error('conditionsV006')}
          hint="1 — стационар, 2 — дневной стационар, 3 — амбулаторно"
        />
        <Field
          name="dateEnd"
          label="Закрыто с"
          type="date"
          value={form.dateEnd}
          onChange={set('dateEnd')}
          error={error('dateEnd')}
        />
      </div>

      <fieldset className="form-fieldset org-beds">
        <legend className="field-label">Коечный фонд по профилям коек (V020)</legend>
        {error('beds') && <p className="field-error">{error('beds')}</p>}
        {beds.length === 0 && <p className="muted">Коек нет.</p>}
        {beds.map((row, i) => (
          <div key={row.key} className="org-bed-row" data-testid="bed-row">
            <Field
              name={`bedProfileV020-${i}`}
              label="Профиль койки (V020)"
              inputMode="numeric"
              value={row.bedProfileV020}
              onChange={(e) => setBed(row.key, 'bedProfileV020', e.target.value)}
              error={error(`beds.${i}.bedProfileV020`)}
            />
            <Field
              name={`beds-${i}`}
              label="Коек"
              inputMode="numeric"
              value={row.beds}
              onChange={(e) => setBed(row.key, 'beds', e.target.value)}
              error={error(`beds.${i}.beds`)}
            />
            <Field
              name={`bedsMale-${i}`}
              label="Мужских"
              inputMode="numeric"
              value={row.bedsMale}
              onChange={(e) => setBed(row.key, 'bedsMale', e.target.value)}
              error={error(`beds.${i}.bedsMale`)}
            />
            <Field
              name={`bedsFemale-${i}`}
              label="Женских"
              inputMode="numeric"
              value={row.bedsFemale}
              onChange={(e) => setBed(row.key, 'bedsFemale', e.target.value)}
              error={error(`beds.${i}.bedsFemale`)}
            />
            <Field
              name={`bedsChild-${i}`}
              label="Детских"
              inputMode="numeric"
              value={row.bedsChild}
              onChange={(e) => setBed(row.key, 'bedsChild', e.target.value)}
              error={error(`beds.${i}.bedsChild`)}
            />
            <button
              type="button"
              className="button button-secondary button-small"
              onClick={() => setBeds((rows) => rows.filter((r) => r.key !== row.key))}
            >
              Убрать
            </button>
          </div>
        ))}
        <div>
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => setBeds((rows) => [...rows, bedRow()])}
          >
            Добавить профиль коек
          </button>
        </div>
      </fieldset>

      <div className="org-form-actions">
        <button type="submit" className="button button-primary" disabled={saving}>
          {saving ? 'Сохранение…' : 'Сохранить отделение'}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel} disabled={saving}>
          Отмена
        </button>
      </div>
    </form>
  );
}
