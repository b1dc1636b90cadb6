import { type FormEvent, useRef, useState } from 'react';
import { Link } from 'react-router';
import { describeError } from '../../api/api-error';
import type { DraftPlanEntry, PreventionKind } from '../../api/prevention';
import { PageHeader } from '../../components/PageHeader';
import { SelectField } from '../../components/SelectField';
import { StatusMessage } from '../../components/StatusMessage';
import { formatCount } from '../../format/numbers';
import { CheckupNav } from './CheckupNav';
import { checkupKindLabels, kindOptions, planYears } from './checkup-labels';
import { checkupsRootPath, planFilePath } from './checkup-paths';
import { DraftTable } from './DraftTable';
import { loadWholeDraft, maxDraftRows, type PlanSendOutcome, sendDraft } from './draft-plan';
import { PlanSendProtocol } from './PlanSendProtocol';
import { useCheckupAccess } from './use-checkup-access';
import './checkups.css';

type Stage =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'ready'; year: string; planKind: PreventionKind; truncated: boolean }
  | { kind: 'sending'; year: string; planKind: PreventionKind; sent: number };

/**
 * «Проект списка»: an МО draws the draft plan list of a year and examination from its attached persons, takes
 * people off it or moves them to another month, and sends it as its plan; the protocol says what was accepted
 * and why any entry was rejected, and the rejected entries stay in the table to correct or remove.
 */
export function DraftPlanPage() {
  const access = useCheckupAccess();
  const years = planYears().map(String);
  const [choice, setChoice] = useState<{ year: string; kind: PreventionKind }>({
    year: years[1]!,
    kind: 'DVN',
  });
  const [stage, setStage] = useState<Stage>({ kind: 'idle' });
  const [rows, setRows] = useState<DraftPlanEntry[]>([]);
  const [outcome, setOutcome] = useState<PlanSendOutcome | null>(null);
  const abort = useRef<AbortController | null>(null);

  if (!access.canSendPlan) {
    return (
      <>
        <PageHeader title="Проект списка" crumbs={[{ label: 'Медосмотры', to: checkupsRootPath }]} />
        <p>Проект списка формирует медицинская организация.</p>
      </>
    );
  }

  async function draw(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setStage({ kind: 'loading' });
    setOutcome(null);
    try {
      const draft = await loadWholeDraft(choice.year, choice.kind, controller.signal);
      setRows(draft.rows);
      setStage({ kind: 'ready', year: choice.year, planKind: choice.kind, truncated: draft.truncated });
    } catch (error) {
      if (!controller.signal.aborted) setStage({ kind: 'failed', message: describeError(error) });
    }
  }

  async function send() {
    if (stage.kind !== 'ready' || rows.length === 0) return;
    const { year, planKind } = stage;
    setStage({ kind: 'sending', year, planKind, sent: 0 });
    try {
      const result = await sendDraft(rows, (sent) => setStage({ kind: 'sending', year, planKind, sent }));
      setOutcome(result);
      setRows((all) => all.filter((r) => !result.acceptedIds.has(r.sourceId)));
      setStage({ kind: 'ready', year, planKind, truncated: false });
    } catch (error) {
      setStage({ kind: 'failed', message: `План не отправлен. ${describeError(error)}` });
    }
  }

  const busy = stage.kind === 'loading' || stage.kind === 'sending';
  const shownKind = stage.kind === 'ready' || stage.kind === 'sending' ? stage : undefined;
  const remove = (sourceId: string) => setRows((all) => all.filter((r) => r.sourceId !== sourceId));
  const setMonth = (sourceId: string, month: number) =>
    setRows((all) => all.map((r) => (r.sourceId === sourceId ? { ...r, months: [month] } : r)));

  return (
    <>
      <PageHeader
        title="Проект списка"
        description="Проект плана на год из прикреплённых граждан, которым по возрасту положено мероприятие и которые его ещё не прошли и не включены в план. Уберите лишних, измените месяц и отправьте план."
      />
      <CheckupNav />
      <form className="filter-bar" aria-label="Проект списка" onSubmit={draw}>
        <SelectField
          name="year"
          label="Год"
          options={years.map((y) => ({ value: y, label: y }))}
          value={choice.year}
          onChange={(e) => setChoice((c) => ({ ...c, year: e.target.value }))}
        />
        <SelectField
          name="kind"
          label="Мероприятие"
          options={kindOptions}
          value={choice.kind}
          onChange={(e) => setChoice((c) => ({ ...c, kind: e.target.value as PreventionKind }))}
        />
        <div className="filter-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            Сформировать проект списка
          </button>
        </div>
      </form>
      {choice.kind === 'UDVN' && (
        <p className="field-hint">
          Углублённую диспансеризацию МО планирует сама: в проект по возрасту такие граждане не попадают.
        </p>
      )}
      {stage.kind === 'loading' && <StatusMessage kind="loading">Формируем проект списка…</StatusMessage>}
      {stage.kind === 'failed' && <StatusMessage kind="error">{stage.message}</StatusMessage>}
      {outcome && (
        <PlanSendProtocol
          outcome={outcome}
          planPath={`${checkupsRootPath}?year=${shownKind?.year ?? ''}&kind=${shownKind?.planKind ?? ''}`}
        />
      )}
      {shownKind && (
        <section className="panel" aria-labelledby="draft-heading" data-testid="draft-panel">
          <div className="checkup-draft-head">
            <h2 id="draft-heading" className="panel-title">
              {checkupKindLabels[shownKind.planKind]}, {shownKind.year}: в проекте{' '}
              <span data-testid="draft-count">{formatCount(rows.length)}</span>
            </h2>
            <button
              type="button"
              className="button button-primary"
              disabled={busy || rows.length === 0}
              onClick={send}
            >
              {stage.kind === 'sending'
                ? `Отправляем… ${formatCount(stage.sent)} из ${formatCount(rows.length)}`
                : 'Отправить план'}
            </button>
          </div>
          {stage.kind === 'ready' && stage.truncated && (
            <StatusMessage kind="info">
              Показаны первые {formatCount(maxDraftRows)} граждан: остальных отправьте{' '}
              <Link to={planFilePath}>файлом плана</Link>.
            </StatusMessage>
          )}
          {rows.length === 0 ? (
            <StatusMessage kind="empty">
              {outcome ? 'Все граждане проекта включены в план.' : 'В проект никто не попал.'}{' '}
              <Link to={checkupsRootPath}>Открыть план</Link>
            </StatusMessage>
          ) : (
            <DraftTable
              rows={rows}
              problems={outcome?.problems ?? new Map()}
              onRemove={remove}
              onMonth={setMonth}
              disabled={busy}
            />
          )}
        </section>
      )}
    </>
  );
}
