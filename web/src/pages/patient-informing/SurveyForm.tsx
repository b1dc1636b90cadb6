import { type FormEvent, useState } from 'react';
import { describeError } from '../../api/api-error';
import { type InformingProtocol, refusedProtocol } from '../../api/informing';
import { type Questionnaires, type SurveyInput, sendSurveys } from '../../api/patient-informing';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { SelectField } from '../../components/SelectField';
import { todayIso } from '../informing/informing-labels';
import { sexOptions } from './patient-informing-labels';
import { placeSurveyIssues } from './survey-form-errors';
import { useOrganisationOptions } from './use-organisation-options';

interface SurveyFormProps {
  questionnaires: Questionnaires;
  /** The protocol of the accepted survey and its date. */
  onSent: (protocol: InformingProtocol, date: string) => void;
  onCancel: () => void;
}

type Condition = SurveyInput['condition'];

/** The answers a form asks for are complete: one per question of the condition's questionnaire. */
function missingAnswers(questions: readonly { code: string }[], answers: Record<string, string>) {
  return Object.fromEntries(
    questions.filter((q) => !answers[q.code]).map((q) => [`answers.${q.code}`, 'Выберите ответ.']),
  );
}

/**
 * «Новая анкета»: one survey of an insured person on the care of an МО — the МО, the care condition (it decides the
 * questions), the date, the respondent's ЕНП if they gave themselves, age and sex, and one answer per question on
 * the scale. Sent as a package of its own; the server's FLK answers each mistake next to its field.
 */
export function SurveyForm({ questionnaires, onSent, onCancel }: SurveyFormProps) {
  const moOptions = useOrganisationOptions('MO');
  const [moCode, setMoCode] = useState('');
  const [condition, setCondition] = useState<Condition>(1);
  const [date, setDate] = useState(todayIso());
  const [enp, setEnp] = useState('');
  const [age, setAge] = useState('');
  const [sex, setSex] = useState('');
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [sending, setSending] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);

  /** A corrected field loses its mark. */
  const edited = (field: string) =>
    setErrors((current) => {
      if (!(field in current)) return current;
      const { [field]: _dropped, ...rest } = current;
      return rest;
    });

  const questionnaire = questionnaires.conditions.find((c) => c.condition === condition);
  const questions = questionnaire?.questions ?? [];
  const scale = questionnaires.scale.map((s) => ({ value: String(s.score), label: s.name }));
  const conditionOptions = questionnaires.conditions.map((c) => ({
    value: String(c.condition),
    label: c.name,
  }));

  function record(): SurveyInput {
    return {
      sourceId: `web-${crypto.randomUUID()}`,
      moCode,
      condition,
      date,
      answers: Object.fromEntries(questions.map((q) => [q.code, Number(answers[q.code])])),
      ...(enp.trim() ? { patient: { enp: enp.trim() } } : {}),
      ...(age.trim() ? { age: Number(age) } : {}),
      ...(sex ? { sex: Number(sex) as 1 | 2 } : {}),
    };
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const missing = {
      ...(moCode ? {} : { moCode: 'Выберите медицинскую организацию.' }),
      ...missingAnswers(questions, answers),
    };
    if (Object.keys(missing).length > 0) {
      setErrors(missing);
      setFailure('Анкета не отправлена: заполните отмеченные поля.');
      return;
    }
    setSending(true);
    setErrors({});
    setFailure(null);
    try {
      onSent(await sendSurveys(crypto.randomUUID(), [record()]), date);
    } catch (error) {
      const protocol = refusedProtocol(error);
      if (!protocol) {
        setFailure(describeError(error));
      } else {
        const placed = placeSurveyIssues(protocol);
        setErrors(placed.byField);
        setFailure(
          placed.unplaced.length > 0
            ? `Анкета не принята: ${placed.unplaced.join(' ')}`
            : 'Анкета не принята: исправьте отмеченные поля.',
        );
      }
    } finally {
      setSending(false);
    }
  }

  return (
    <form
      className="panel form patient-informing-survey-form"
      onSubmit={onSubmit}
      aria-label="Новая анкета"
      noValidate
    >
      <h2 className="panel-title">Новая анкета</h2>
      <FormError message={failure} />
      <div className="patient-informing-survey-facts">
        <SelectField
          name="moCode"
          label="Медицинская организация"
          emptyLabel="не выбрана"
          options={moOptions}
          value={moCode}
          onChange={(e) => {
            setMoCode(e.target.value);
            edited('moCode');
          }}
          error={errors.moCode}
        />
        <SelectField
          name="condition"
          label="Условия оказания помощи"
          options={conditionOptions}
          value={String(condition)}
          onChange={(e) => {
            setCondition(Number(e.target.value) as Condition);
            setAnswers({});
            setErrors({});
          }}
          error={errors.condition}
        />
        <Field
          name="date"
          label="Дата опроса"
          type="date"
          required
          value={date}
          onChange={(e) => {
            setDate(e.target.value);
            edited('date');
          }}
          error={errors.date}
        />
        <Field
          name="enp"
          label="ЕНП респондента"
          hint="Если гражданин назвал себя; иначе анкета анонимная"
          inputMode="numeric"
          maxLength={16}
          value={enp}
          onChange={(e) => {
            setEnp(e.target.value);
            edited('enp');
          }}
          error={errors.enp}
        />
        <Field
          name="age"
          label="Возраст"
          type="number"
          min={14}
          max={120}
          value={age}
          onChange={(e) => {
            setAge(e.target.value);
            edited('age');
          }}
          error={errors.age}
        />
        <SelectField
          name="sex"
          label="Пол"
          emptyLabel="не указан"
          options={sexOptions}
          value={sex}
          onChange={(e) => {
            setSex(e.target.value);
            edited('sex');
          }}
          error={errors.sex}
        />
      </div>
      <fieldset className="form-fieldset" data-testid="survey-questions">
        <legend className="field-label">Вопросы анкеты — {(questionnaire?.name ?? '').toLowerCase()}</legend>
        {errors.answers && <p className="field-error">{errors.answers}</p>}
        <div className="patient-informing-questions">
          {questions.map((q) => (
            <SelectField
              key={`${condition}:${q.code}`}
              name={`answers.${q.code}`}
              label={q.text}
              emptyLabel="ответ не выбран"
              options={scale}
              value={answers[q.code] ?? ''}
              onChange={(e) => {
                setAnswers((a) => ({ ...a, [q.code]: e.target.value }));
                edited(`answers.${q.code}`);
              }}
              error={errors[`answers.${q.code}`]}
            />
          ))}
        </div>
      </fieldset>
      <div className="informing-panel-actions">
        <button type="submit" className="button button-primary" disabled={sending}>
          {sending ? 'Отправляем…' : 'Отправить анкету'}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          Отмена
        </button>
      </div>
    </form>
  );
}
