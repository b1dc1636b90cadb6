import { useState } from 'react';
import { describeError } from '../../api/api-error';
import { fetchRules, generateNow } from '../../api/informing';
import { PageHeader } from '../../components/PageHeader';
import { StatusMessage } from '../../components/StatusMessage';
import { TableScroll } from '../../components/TableScroll';
import { formatDate } from '../../format/dates';
import { formatCount } from '../../format/numbers';
import { useApiQuery } from '../../hooks/useApiQuery';
import { InformingNav } from './InformingNav';
import { RuleRow } from './RuleRow';
import { useInformingAccess } from './use-informing-access';
import './informing.css';

type Run = Awaited<ReturnType<typeof generateNow>>;

/**
 * «Правила формирования»: the rules that make informing requests from what the system holds (plans, stage 2,
 * ДН visits, planned hospitalisations). The fund switches and tunes each, and runs them now with «Сформировать
 * заявки сейчас», which says how many requests each rule made (a second run makes none for the same facts).
 */
export function RulesPage() {
  const access = useInformingAccess();
  const { data, error, reload } = useApiQuery('informing-rules', fetchRules);
  const [run, setRun] = useState<Run | null>(null);
  const [running, setRunning] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const made = new Map(run?.rules.map((r) => [r.ruleId, r.made]) ?? []);

  async function generate() {
    setRunning(true);
    setFailure(null);
    try {
      setRun(await generateNow());
    } catch (e) {
      setFailure(describeError(e));
    } finally {
      setRunning(false);
    }
  }

  return (
    <>
      <PageHeader
        title="Правила формирования заявок"
        description="Заявки на информирование, которые система формирует сама: по планам медосмотров, направлениям на II этап, диспансерному наблюдению и плановым госпитализациям."
        actions={
          access.canManageRules && (
            <button type="button" className="button button-primary" disabled={running} onClick={generate}>
              {running ? 'Формируем…' : 'Сформировать заявки сейчас'}
            </button>
          )
        }
      />
      <InformingNav />
      {failure && <StatusMessage kind="error">Не удалось сформировать заявки. {failure}</StatusMessage>}
      {run && (
        <div className="notice" role="status" data-testid="generation-run" data-made={run.made}>
          Заявки на {formatDate(run.date)} сформированы: всего {formatCount(run.made)}
          {run.rules.length === 0 && ' — ни одно правило не включено'}.
        </div>
      )}
      {error !== undefined && (
        <StatusMessage kind="error" onRetry={reload}>
          Не удалось загрузить правила. {describeError(error)}
        </StatusMessage>
      )}
      {!data && error === undefined && <StatusMessage kind="loading">Загрузка правил…</StatusMessage>}
      {data && (
        <TableScroll labelledBy="rules-caption">
          <table className="table" data-testid="informing-rules">
            <caption id="rules-caption" className="visually-hidden">
              Правила формирования заявок на информирование
            </caption>
            <thead>
              <tr>
                <th scope="col">Правило</th>
                <th scope="col">Включено</th>
                <th scope="col">За сколько дней</th>
                <th scope="col">Срок, дней</th>
                <th scope="col" className="cell-number">
                  Сформировано
                </th>
                {access.canManageRules && <th scope="col">Действия</th>}
              </tr>
            </thead>
            <tbody>
              {data.items.map((rule) => (
                <RuleRow
                  key={rule.id}
                  rule={rule}
                  editable={access.canManageRules}
                  made={made.get(rule.id)}
                />
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}
