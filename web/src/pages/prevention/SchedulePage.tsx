import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import {
  fetchSchedule,
  fetchScheduleGaps,
  type ScheduleFilter,
  type ScheduleGapRow,
  type ScheduleSlot,
} from '../../api/prevention';
import { useMe } from '../../auth/AuthContext';
import { PageHeader } from '../../components/PageHeader';
import { SelectField } from '../../components/SelectField';
import { StatusMessage } from '../../components/StatusMessage';
import { formatDate } from '../../format/dates';
import { formatMonth } from '../../format/months';
import { gapLabels, kindLabels, methodLabels, monthFromNow } from './schedule-labels';
import './prevention.css';

const weekdays = ['вс', 'пн', 'вт', 'ср', 'чт', 'пт', 'сб'];
const weekday = (iso: string) => weekdays[new Date(`${iso}T00:00:00Z`).getUTCDay()];
const options = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

/**
 * Every МО's published exam slots in date order, with evening, Saturday and mobile-team hours marked at a glance
 * and the address of each mobile-team stop; the months an МО offers no evening or Saturday hours.
 */
export function SchedulePage() {
  const me = useMe();
  const canPublish =
    me.organisation.kind === 'MO' && (me.permissions ?? []).includes('prevention.schedule.send');
  const [filter, setFilter] = useState<ScheduleFilter>(
    me.organisation.kind === 'MO' ? { moCode: me.organisation.code } : {},
  );
  const [state, setState] = useState<{ items?: ScheduleSlot[]; error?: string }>({});
  const [gaps, setGaps] = useState<ScheduleGapRow[]>();

  useEffect(() => {
    const abort = new AbortController();
    setState({});
    fetchSchedule(filter, abort.signal)
      .then((page) => setState({ items: page.items }))
      .catch((error: unknown) => {
        if (!abort.signal.aborted)
          setState({ error: (error as Error).message || 'Не удалось загрузить график' });
      });
    return () => abort.abort();
  }, [filter]);

  useEffect(() => {
    const abort = new AbortController();
    fetchScheduleGaps(monthFromNow(0), monthFromNow(1), abort.signal)
      .then((answer) => setGaps(answer.items))
      .catch(() => setGaps(undefined));
    return () => abort.abort();
  }, []);

  const set = (key: keyof ScheduleFilter) => (value: string) =>
    setFilter((f) => ({ ...f, [key]: value === '' ? undefined : value }));
  const shownGaps = (gaps ?? []).filter((g) => !filter.moCode || g.moCode === filter.moCode);

  return (
    <>
      <PageHeader
        title="Графики медосмотров"
        description="Когда и где медицинские организации проводят диспансеризацию и профилактические осмотры: вечерние часы, субботы и выезды мобильных бригад с адресами."
        actions={
          canPublish ? (
            <Link className="button button-primary" to="/schedules/new">
              Опубликовать время приёма
            </Link>
          ) : undefined
        }
      />
      <form className="filter-bar" aria-label="Отбор" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label className="field-label" htmlFor="schedule-mo">
            Код МО
          </label>
          <input
            id="schedule-mo"
            className="input"
            value={filter.moCode ?? ''}
            onChange={(e) => set('moCode')(e.target.value.trim())}
            placeholder="все"
            inputMode="numeric"
            maxLength={6}
          />
        </div>
        <SelectField
          name="kind"
          label="Мероприятие"
          options={options(kindLabels)}
          emptyLabel="все"
          value={filter.kind ?? ''}
          onChange={(e) => set('kind')(e.target.value)}
        />
        <SelectField
          name="method"
          label="Способ"
          options={options(methodLabels)}
          emptyLabel="все"
          value={filter.method ?? ''}
          onChange={(e) => set('method')(e.target.value)}
        />
        <label className="schedule-check">
          <input
            type="checkbox"
            checked={filter.evening === 'true'}
            onChange={(e) => set('evening')(e.target.checked ? 'true' : '')}
          />{' '}
          вечерние часы
        </label>
        <label className="schedule-check">
          <input
            type="checkbox"
            checked={filter.saturday === 'true'}
            onChange={(e) => set('saturday')(e.target.checked ? 'true' : '')}
          />{' '}
          суббота
        </label>
      </form>
      {state.error && <StatusMessage kind="error">{state.error}</StatusMessage>}
      {!state.items && !state.error && <StatusMessage kind="loading">Загружаем график…</StatusMessage>}
      {state.items && state.items.length === 0 && (
        <StatusMessage kind="empty">На ближайшие три месяца время приёма не опубликовано.</StatusMessage>
      )}
      {state.items && state.items.length > 0 && (
        <table className="table schedule-table" data-testid="schedule">
          <caption>Опубликованное время приёма на ближайшие три месяца</caption>
          <thead>
            <tr>
              <th scope="col">Дата</th>
              <th scope="col">Часы</th>
              <th scope="col">Медицинская организация</th>
              <th scope="col">Мероприятие</th>
              <th scope="col">Где</th>
              <th scope="col">Телефоны</th>
            </tr>
          </thead>
          <tbody>
            {state.items.map((slot) => (
              <tr key={slot.id} data-testid="schedule-slot">
                <td>
                  {formatDate(slot.date)}, {weekday(slot.date)}
                  {slot.saturday && <span className="badge badge-saturday">суббота</span>}
                </td>
                <td>
                  {slot.timeFrom}–{slot.timeTo}
                  {slot.evening && <span className="badge badge-evening">вечер</span>}
                </td>
                <td>
                  <span title={`Код ${slot.moCode}`}>{slot.moName}</span>
                </td>
                <td>{kindLabels[slot.kind] ?? slot.kind}</td>
                <td>
                  {slot.method !== 1 && (
                    <span className="badge badge-mobile">{methodLabels[String(slot.method)]}</span>
                  )}
                  {slot.method === 1 ? 'В МО' : ''}
                  {slot.address && <div className="slot-address">{slot.address}</div>}
                  {slot.capacity !== null && <div className="field-hint">мест: {slot.capacity}</div>}
                </td>
                <td>{slot.phones.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {shownGaps.length > 0 && (
        <section aria-labelledby="schedule-gaps" className="schedule-gaps" data-testid="schedule-gaps">
          <h2 id="schedule-gaps">Пробелы в графиках</h2>
          <ul>
            {shownGaps.slice(0, 50).map((g) => (
              <li key={`${g.moCode}-${g.month}`}>
                <span title={`Код ${g.moCode}`}>{g.moName}</span>, {formatMonth(g.month)}:{' '}
                {g.missing.map((m) => gapLabels[m] ?? m).join(', ')}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
