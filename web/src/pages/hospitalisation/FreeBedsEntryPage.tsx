import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { ApiError, describeError } from '../../api/api-error';
import { fetchFreeBeds, type PackageProtocol, sendFreeBeds } from '../../api/hospitalisation';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { PageHeader } from '../../components/PageHeader';
import { StatusMessage } from '../../components/StatusMessage';
import { formatDate } from '../../format/dates';
import { FreeBedsEntryTable } from './FreeBedsEntryTable';
import { plainMessage } from './form-failure';
import {
  type CountName,
  countWords,
  forecastDays,
  type Row,
  recordOf,
  rowProblems,
  rowsOf,
} from './free-beds-rows';
import { HospitalPlanNav } from './HospitalPlanNav';
import { nextWorkingDays, todayIso } from './hosp-dates';
import { PackageProtocolView } from './PackageProtocolView';
import { useHospAccess } from './use-hosp-access';
import { useOrganisationCard } from './use-organisations';
import './hospitalisation.css';

/** A row as the registrar names it: «Хирургическое отделение, профиль койки 29». */
export const rowName = (row: Row) =>
  `${row.departmentName}, профиль койки ${row.bedProfileName || row.bedProfile}`;

/** A package refused whole (nothing accepted) answers 400 with its protocol: the protocol, not an error. */
function protocolOf(error: unknown): PackageProtocol | null {
  if (error instanceof ApiError && error.status === 400 && error.problem && 'records' in error.problem) {
    return error.problem as unknown as PackageProtocol;
  }
  return null;
}

/**
 * «Ввод свободных мест»: the hospital reports today's bed picture per department × bed profile (T6). The rule the
 * counts must satisfy is stated on the page and checked as one types; a row that breaks it is marked in place and
 * the package is not sent until the rows agree — or until the registrar confirms sending with those rows
 * rejected. The server's protocol is shown on the rows it concerns.
 */
export function FreeBedsEntryPage() {
  const access = useHospAccess();
  const own = useOrganisationCard(access.isMo ? access.orgCode : undefined);
  const [date, setDate] = useState(todayIso());
  const [rows, setRows] = useState<Row[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [protocol, setProtocol] = useState<PackageProtocol | null>(null);
  const [sentKeys, setSentKeys] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const departments = own.data?.departments;
  const forecastDates = nextWorkingDays(date, forecastDays);
  const today = todayIso();
  const futureDate =
    date > today
      ? `Сведения о свободных местах подаются за сегодня или за прошедший день: ${formatDate(date)} ещё не наступило.`
      : date === ''
        ? 'Укажите дату сведений.'
        : undefined;

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

  const problems = useMemo(() => new Map((rows ?? []).map((r) => [r.key, rowProblems(r)])), [rows]);
  const invalidRows = (rows ?? []).filter((r) => (problems.get(r.key) ?? []).length > 0);

  /** The server's word on each row of the last package sent. */
  const serverIssues = useMemo(() => {
    const byRow = new Map<string, string[]>();
    for (const record of protocol?.records ?? []) {
      const key = sentKeys[record.ordinal - 1];
      if (!key || record.issues.length === 0) continue;
      byRow.set(
        key,
        record.issues.map((issue) => {
          const field = issue.field?.split('.')[0] as CountName | undefined;
          const words = field && countWords[field];
          return `${words ? `«${words}»: ` : ''}${plainMessage(issue)}`;
        }),
      );
    }
    return byRow;
  }, [protocol, sentKeys]);

  const edit = (key: string, change: (row: Row) => Row) => {
    setConfirming(false);
    setRows((current) => current?.map((r) => (r.key === key ? change(r) : r)) ?? null);
  };

  async function send() {
    if (!rows) return;
    setConfirming(false);
    setSaving(true);
    setError(null);
    setProtocol(null);
    setSentKeys(rows.map((r) => r.key));
    try {
      setProtocol(await sendFreeBeds(rows.map((r) => recordOf(r, date, access.orgCode, forecastDates))));
    } catch (e) {
      const refused = protocolOf(e);
      if (refused) setProtocol(refused);
      else setError(e);
    } finally {
      setSaving(false);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!rows || futureDate) return;
    if (invalidRows.length > 0) setConfirming(true);
    else void send();
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
      <aside className="notice hosp-rule" data-testid="free-beds-rule" aria-label="Правило согласованности">
        <p>
          <strong>Как должны сходиться числа в строке.</strong> Все числа — целые, не меньше нуля. Свободных
          мест для мужчин, для женщин, для взрослых и для детей — каждое не больше, чем «Свободно» всего
          (место может подходить и мужчинам, и женщинам, поэтому сумма «Муж.» и «Жен.» может быть больше).
          «Свободно» и прогноз — не больше коек профиля в отделении (столбец «Коек»). Строка с ошибкой
          выделяется, а сервер её отклонит.
        </p>
      </aside>
      <form
        className="form"
        onSubmit={submit}
        aria-label="Свободные места"
        data-testid="free-beds-entry"
        noValidate
      >
        <div className="hosp-inline">
          <Field
            name="reportDate"
            label="Дата сведений"
            type="date"
            max={today}
            value={date}
            error={futureDate}
            onChange={(e) => {
              setConfirming(false);
              setDate(e.target.value);
            }}
          />
        </div>
        <FreeBedsEntryTable
          rows={rows}
          forecastDates={forecastDates}
          problems={problems}
          serverIssues={serverIssues}
          onValue={(key, name, value) => edit(key, (r) => ({ ...r, values: { ...r.values, [name]: value } }))}
          onForecast={(key, index, value) =>
            edit(key, (r) => ({ ...r, forecast: r.forecast.map((f, i) => (i === index ? value : f)) }))
          }
        />
        {invalidRows.length > 0 && !confirming && (
          <p className="field-error" data-testid="free-beds-invalid-summary">
            Строк с ошибками: {invalidRows.length}. Исправьте их — пока строки не сходятся, сведения не
            отправляются.
          </p>
        )}
        {confirming && (
          <div className="form-error" role="alert" data-testid="free-beds-confirm">
            <p>
              <strong>
                Эти строки сервер отклонит ({invalidRows.length}), остальные (
                {rows.length - invalidRows.length}) будут приняты:
              </strong>
            </p>
            <ul className="hosp-issues">
              {invalidRows.map((r) => (
                <li key={r.key}>
                  {rowName(r)}: {(problems.get(r.key) ?? []).map((p) => p.message).join(' ')}
                </li>
              ))}
            </ul>
            <div className="hosp-actions">
              <button type="button" className="button button-primary" onClick={() => void send()}>
                Отправить, эти строки будут отклонены
              </button>
              <button type="button" className="button button-secondary" onClick={() => setConfirming(false)}>
                Вернуться к исправлению
              </button>
            </div>
          </div>
        )}
        <FormError message={error ? describeError(error) : null} />
        {protocol && (
          <PackageProtocolView
            protocol={protocol}
            recordName={(ordinal) => {
              const row = rows.find((r) => r.key === sentKeys[ordinal - 1]);
              return row ? rowName(row) : undefined;
            }}
            fieldName={(field) => countWords[field.split('.')[0] as CountName]}
          />
        )}
        <div className="hosp-actions">
          <button
            type="submit"
            className="button button-primary"
            disabled={saving || confirming || futureDate !== undefined}
          >
            {saving ? 'Отправка…' : 'Отправить сведения'}
          </button>
        </div>
      </form>
    </>
  );
}
