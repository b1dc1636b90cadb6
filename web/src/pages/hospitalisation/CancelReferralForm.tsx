import { type FormEvent, useState } from 'react';
import { cancelReferral } from '../../api/hospitalisation';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { SelectField } from '../../components/SelectField';
import { type FormFailure, formFailure, optional } from './form-failure';
import { todayIso } from './hosp-dates';
import { cancelReasonLabels, codeOptions } from './hosp-labels';

interface CancelReferralFormProps {
  referralId: string;
  onDone: () => void;
  onClose: () => void;
}

/** Аннулирование направления with a reason of the canonical 1–9 list. */
export function CancelReferralForm({ referralId, onDone, onClose }: CancelReferralFormProps) {
  const [reason, setReason] = useState('');
  const [date, setDate] = useState(todayIso());
  const [comment, setComment] = useState('');
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const [saving, setSaving] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!reason) {
      setFailure({ message: 'Выберите причину аннулирования.', fields: {} });
      return;
    }
    setSaving(true);
    setFailure(null);
    try {
      await cancelReferral(referralId, { reason: Number(reason), date, comment: optional(comment) });
      onDone();
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
      aria-label="Аннулирование направления"
    >
      <div className="hosp-grid">
        <SelectField
          name="reason"
          label="Причина аннулирования"
          emptyLabel="— выберите причину —"
          options={codeOptions(cancelReasonLabels)}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          required
        />
        <Field
          name="cancelDate"
          label="Дата аннулирования"
          type="date"
          value={date}
          onChange={(e) => setDate(e.target.value)}
          error={failure?.fields.date}
        />
        <Field
          name="comment"
          label="Комментарий"
          maxLength={250}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          className="hosp-wide"
        />
      </div>
      <FormError message={failure?.message} />
      <div className="hosp-actions">
        <button type="submit" className="button button-primary" disabled={saving}>
          {saving ? 'Сохранение…' : 'Аннулировать направление'}
        </button>
        <button type="button" className="button button-secondary" onClick={onClose} disabled={saving}>
          Отмена
        </button>
      </div>
    </form>
  );
}
