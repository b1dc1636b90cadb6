import { useState } from 'react';
import { describeError } from '../../api/api-error';
import { changeRule, type GenerationRule } from '../../api/informing';
import type { Json } from '../../api/json';
import { formatDateTime } from '../../format/dates';

type Rule = Json<GenerationRule>;

const days = (text: string) => (/^\d{1,3}$/.test(text.trim()) ? Number(text.trim()) : Number.NaN);

/**
 * One generation rule as a row of the fund's table: on or off, the lead time and the deadline in days, saved
 * by the row's own button; the others see it read-only.
 */
export function RuleRow({
  rule,
  editable,
  made,
}: {
  rule: Rule;
  editable: boolean;
  made: number | undefined;
}) {
  const [saved, setSaved] = useState(rule);
  const [enabled, setEnabled] = useState(rule.enabled);
  const [lead, setLead] = useState(String(rule.leadDays));
  const [deadline, setDeadline] = useState(String(rule.deadlineDays));
  const [state, setState] = useState<{ kind: 'idle' | 'saving' | 'saved' } | { kind: 'error'; text: string }>(
    {
      kind: 'idle',
    },
  );
  const changed =
    enabled !== saved.enabled || days(lead) !== saved.leadDays || days(deadline) !== saved.deadlineDays;
  const invalid = [days(lead), days(deadline)].some((d) => Number.isNaN(d) || d > 366);

  async function save() {
    setState({ kind: 'saving' });
    try {
      const next = await changeRule(rule.id, { enabled, leadDays: days(lead), deadlineDays: days(deadline) });
      setSaved(next);
      setState({ kind: 'saved' });
    } catch (error) {
      setState({ kind: 'error', text: describeError(error) });
    }
  }

  return (
    <tr data-rule={rule.id}>
      <td>
        {rule.title}
        {saved.updatedBy && (
          <>
            <br />
            <span className="muted">
              изменено {formatDateTime(saved.updatedAt)}, {saved.updatedBy}
            </span>
          </>
        )}
      </td>
      <td>
        <input
          type="checkbox"
          checked={enabled}
          disabled={!editable}
          onChange={(e) => setEnabled(e.target.checked)}
          aria-label={`Правило включено: ${rule.title}`}
        />
      </td>
      <td>
        <input
          className="input informing-days"
          inputMode="numeric"
          value={lead}
          disabled={!editable}
          onChange={(e) => setLead(e.target.value)}
          aria-label={`За сколько дней до начала окна: ${rule.title}`}
        />
      </td>
      <td>
        <input
          className="input informing-days"
          inputMode="numeric"
          value={deadline}
          disabled={!editable}
          onChange={(e) => setDeadline(e.target.value)}
          aria-label={`Срок информирования в днях: ${rule.title}`}
        />
      </td>
      <td className="cell-number" data-testid="rule-made">
        {made ?? '—'}
      </td>
      {editable && (
        <td>
          <button
            type="button"
            className="button button-secondary button-small"
            disabled={!changed || invalid || state.kind === 'saving'}
            onClick={save}
          >
            Сохранить
          </button>
          {invalid && <p className="field-error">Дни: целое число от 0 до 366.</p>}
          {state.kind === 'saved' && !changed && <span className="muted"> Сохранено</span>}
          {state.kind === 'error' && (
            <p className="field-error" role="alert">
              {state.text}
            </p>
          )}
        </td>
      )}
    </tr>
  );
}
