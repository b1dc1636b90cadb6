import { type FormEvent, useEffect, useState } from 'react';
import { describeError } from '../../api/api-error';
import {
  type FreeBedsInput,
  type FreeBedsView,
  fetchFreeBeds,
  type PackageProtocol,
  sendFreeBeds,
} from '../../api/hospitalisation';
import type { Department } from '../../api/organisations';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { PageHeader } from '../../components/PageHeader';
import { StatusMessage } from '../../components/StatusMessage';
import { TableScroll } from '../../components/TableScroll';
import { formatDate } from '../../format/dates';
import { toNumber } from './form-failure';
import { HospitalPlanNav } from './HospitalPlanNav';
import { nextWorkingDays, todayIso } from './hosp-dates';
import { PackageProtocolView } from './PackageProtocolView';
import { useHospAccess } from './use-hosp-access';
import { useOrganisationCard } from './use-organisations';
import './hospitalisation.css';

const counts = [
  ['occupiedAtStart', 'Занято на начало'],
  ['admitted', 'Поступило'],
  ['discharged', 'Выбыло'],
  ['plannedToday', 'План на день'],
  ['freeTotal', 'Свободно'],
  ['freeMale', 'Муж.'],
  ['freeFemale', 'Жен.'],
  ['freeAdult', 'Взр.'],
  ['freeChild', 'Дет.'],
] as const;
type CountName = (typeof counts)[number][0];
const forecastDays = 3;

interface Row {
  key: string;
  departmentCode: string;
  departmentName: string;
  conditions: number;
  profile: number;
  bedProfile: number;
  bedProfileName: string;
  values: Record<CountName, string>;
  forecast: string[];
}

function rowsOf(departments: readonly Department[], reported: readonly FreeBedsView[]): Row[] {
  return departments
    .filter((d) => !d.dateEnd && (d.kind === 'inpatient' || d.kind === 'day_hospital'))
    .flatMap((d) =>
      d.beds.map((b) => {
        const last = reported.find(
          (r) =>
            r.departmentCode === d.code &&
            r.bedProfile === b.bedProfileV020 &&
            r.conditions === d.conditionsV006,
        );
        const value = (v: number) => String(v);
        return {
          key: `${d.code}-${b.bedProfileV020}-${d.conditionsV006}`,
          departmentCode: d.code,
          departmentName: d.name,
          conditions: d.conditionsV006,
          profile: d.profileV002,
          bedProfile: b.bedProfileV020,
          bedProfileName: b.bedProfileName ?? '',
          values: last
            ? {
                occupiedAtStart: value(last.occupiedAtStart),
                admitted: value(last.admitted),
                discharged: value(last.discharged),
                plannedToday: value(last.plannedToday),
                freeTotal: value(last.freeTotal),
                freeMale: value(last.freeMale),
                freeFemale: value(last.freeFemale),
                freeAdult: value(last.freeAdult),
                freeChild: value(last.freeChild),
              }
            : {
                occupiedAtStart: '0',
                admitted: '0',
                discharged: '0',
                plannedToday: '0',
                freeTotal: value(b.beds),
                freeMale: value(b.bedsMale),
                freeFemale: value(b.bedsFemale),
                freeAdult: value(b.beds - b.bedsChild),
                freeChild: value(b.bedsChild),
              },
          forecast: Array.from({ length: forecastDays }, (_, i) =>
            last?.forecast[i] ? String(last.forecast[i].free) : '',
          ),
        };
      }),
    );
}

/** «Ввод свободных мест»: the hospital reports today's bed picture per department × bed profile (T6). */
export function FreeBedsEntryPage() {
  const access = useHospAccess();
  const own = useOrganisationCard(access.isMo ? access.orgCode : undefined);
  const [date, setDate] = useState(todayIso());
  const [rows, setRows] = useState<Row[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [protocol, setProtocol] = useState<PackageProtocol | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const departments = own.data?.departments;
  const forecastDates = nextWorkingDays(date, forecastDays);

  useEffect(() => {
    if (!departments) return;
    const controller = new AbortController();
    fetchFreeBeds({ moCode: access.orgCode }, controller.signal).then(
      (answer) => setRows(rowsOf(departments, answer.items)),
      (e: unknown) => {
        if (!controller.signal.aborted) {
          setLoadError(e);
          setRows(rowsOf(departments, []));
        }
      },
    );
    return () => controller.abort();
  }, [departments, access.orgCode]);

  const setValue = (key: string, name: CountName, value: string) =>
    setRows(
      (current) =>
        current?.map((r) => (r.key === key ? { ...r, values: { ...r.values, [name]: value } } : r)) ?? null,
    );
  const setForecast = (key: string, index: number, value: string) =>
    setRows(
      (current) =>
        current?.map((r) =>
          r.key === key ? { ...r, forecast: r.forecast.map((f, i) => (i === index ? value : f)) } : r,
        ) ?? null,
    );

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!rows) return;
    setSaving(true);
    setError(null);
    setProtocol(null);
    const records: FreeBedsInput[] = rows.map((r) => ({
      // One stable id per hospital × department × bed profile × conditions × day: re-entry updates the report.
      sourceId: `fb-${r.departmentCode}-${r.bedProfile}-${r.conditions}-${date}`,
      date,
      moCode: access.orgCode,
      departmentCode: r.departmentCode,
      conditions: r.conditions,
      bedProfile: r.bedProfile,
      profile: r.profile,
      ...(Object.fromEntries(counts.map(([name]) => [name, toNumber(r.values[name])])) as Record<
        CountName,
        number
      >),
      forecast: r.forecast.flatMap((free, i) =>
        free.trim() === '' || !forecastDates[i] ? [] : [{ date: forecastDates[i], free: toNumber(free) }],
      ),
    }));
    try {
      setProtocol(await sendFreeBeds(records));
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  }

  const header = (
    <>
      <PageHeader
        title="Ввод свободных мест"
        description="Сведения о коечном фонде вашего стационара на дату: по отделениям и профилям коек. Повторный ввод за ту же дату заменяет прежние сведения."
      />
      <HospitalPlanNav />
    </>
  );
  if (!access.canSend) {
    return (
      <>
        {header}
        <StatusMessage kind="info">Свободные места вводят стационары.</StatusMessage>
      </>
    );
  }
  if (own.error !== undefined) {
    return (
      <>
        {header}
        <StatusMessage kind="error" onRetry={own.reload}>
          Не удалось загрузить отделения. {describeError(own.error)}
        </StatusMessage>
      </>
    );
  }
  if (!rows) {
    return (
      <>
        {header}
        <StatusMessage kind="loading">Загрузка отделений…</StatusMessage>
      </>
    );
  }
  if (rows.length === 0) {
    return (
      <>
        {header}
        <StatusMessage kind="empty">В вашей МО нет стационарных отделений с койками.</StatusMessage>
      </>
    );
  }

  return (
    <>
      {header}
      {loadError !== null && (
        <StatusMessage kind="info">
          Прежние сведения не загрузились: поля заполнены по коечному фонду.
        </StatusMessage>
      )}
      <form className="form" onSubmit={submit} aria-label="Свободные места" data-testid="free-beds-entry">
        <div className="hosp-inline">
          <Field
            name="reportDate"
            label="Дата сведений"
            type="date"
            value={date}
            onChange={(e) => setDate(e.target.value)}
          />
        </div>
        <TableScroll labelledBy="free-beds-entry-caption">
          <table className="table table-compact hosp-entry-table">
            <caption id="free-beds-entry-caption" className="visually-hidden">
              Свободные места по отделениям
            </caption>
            <thead>
              <tr>
                <th scope="col">Отделение</th>
                <th scope="col">Профиль койки</th>
                {counts.map(([name, label]) => (
                  <th key={name} scope="col">
                    {label}
                  </th>
                ))}
                {forecastDates.map((d) => (
                  <th key={d} scope="col">
                    Прогноз {formatDate(d).slice(0, 5)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key} data-testid="free-beds-row">
                  <th scope="row">
                    {r.departmentName} <span className="muted">({r.departmentCode})</span>
                  </th>
                  <td>
                    {r.bedProfileName} ({r.bedProfile})
                  </td>
                  {counts.map(([name, label]) => (
                    <td key={name}>
                      <input
                        className="input hosp-count"
                        inputMode="numeric"
                        aria-label={`${label}: ${r.departmentName}, профиль ${r.bedProfile}`}
                        value={r.values[name]}
                        onChange={(e) => setValue(r.key, name, e.target.value)}
                      />
                    </td>
                  ))}
                  {forecastDates.map((d, i) => (
                    <td key={d}>
                      <input
                        className="input hosp-count"
                        inputMode="numeric"
                        aria-label={`Прогноз на ${formatDate(d)}: ${r.departmentName}, профиль ${r.bedProfile}`}
                        value={r.forecast[i] ?? ''}
                        onChange={(e) => setForecast(r.key, i, e.target.value)}
                      />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
        <FormError message={error ? describeError(error) : null} />
        <div className="hosp-actions">
          <button type="submit" className="button button-primary" disabled={saving}>
            {saving ? 'Отправка…' : 'Отправить сведения'}
          </button>
        </div>
      </form>
      {protocol && <PackageProtocolView protocol={protocol} />}
    </>
  );
}
