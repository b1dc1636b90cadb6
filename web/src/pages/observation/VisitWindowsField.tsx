import { Field } from '../../components/Field';

export interface WindowDraft {
  key: string;
  from: string;
  to: string;
}

export const newWindow = (): WindowDraft => ({ key: crypto.randomUUID(), from: '', to: '' });

/**
 * The planned visit windows of a ДН record (DN_PLAN PLAN_DATE_START..PLAN_DATE_END): each a «с — по» pair that
 * can be removed, and a button to add one. `errors` holds the server's word on a window by its index.
 */
export function VisitWindowsField({
  windows,
  onChange,
  errors,
}: {
  windows: readonly WindowDraft[];
  onChange: (windows: WindowDraft[]) => void;
  errors: Readonly<Record<number, string>>;
}) {
  const set = (key: string, change: Partial<WindowDraft>) =>
    onChange(windows.map((w) => (w.key === key ? { ...w, ...change } : w)));
  return (
    <fieldset className="form-fieldset observation-windows" data-testid="visit-windows">
      <legend className="field-label">Плановые посещения</legend>
      {windows.length === 0 && <p className="field-hint">Окна плановых посещений не заданы.</p>}
      {windows.map((w, i) => (
        <fieldset key={w.key} className="observation-window" aria-label={`Окно ${i + 1}`}>
          <Field
            name={`visit-from-${i}`}
            label="С"
            type="date"
            required
            value={w.from}
            onChange={(e) => set(w.key, { from: e.target.value })}
            error={errors[i]}
          />
          <Field
            name={`visit-to-${i}`}
            label="По"
            type="date"
            required
            value={w.to}
            onChange={(e) => set(w.key, { to: e.target.value })}
          />
          <button
            type="button"
            className="button button-secondary"
            onClick={() => onChange(windows.filter((other) => other.key !== w.key))}
            aria-label={`Удалить окно ${i + 1}`}
          >
            Удалить
          </button>
        </fieldset>
      ))}
      <div>
        <button
          type="button"
          className="button button-secondary"
          onClick={() => onChange([...windows, newWindow()])}
        >
          Добавить окно посещения
        </button>
      </div>
    </fieldset>
  );
}
