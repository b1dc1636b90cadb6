import { useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import {
  type AssignOutcome,
  fetchRequests,
  type InformingRequest,
  type RequestWorklist,
} from '../../api/informing';
import { DataTable } from '../../components/data-table/DataTable';
import type { FilterSpec, TableQuery } from '../../components/data-table/types';
import { PageHeader } from '../../components/PageHeader';
import { formatCount } from '../../format/numbers';
import { WorklistNotice } from '../hospitalisation/WorklistNotice';
import { AssignPanel } from './AssignPanel';
import { InformingNav } from './InformingNav';
import { reasonOptions, statusOptions } from './informing-labels';
import { requestsPath } from './informing-paths';
import { ResultPanel, type SentResults } from './ResultPanel';
import { ResultsProtocol } from './ResultsProtocol';
import { requestColumns } from './request-columns';
import { useInformingAccess } from './use-informing-access';
import './informing.css';

const worklists: readonly RequestWorklist[] = ['due-today', 'overdue'];
const worklistTitles: Record<RequestWorklist, string> = {
  'due-today': 'К информированию сегодня',
  overdue: 'Просроченные заявки',
};

/** The СМО sees its open requests unless it asks for others; everyone else sees all states unless filtered. */
function filterSpecs(isSmo: boolean): FilterSpec[] {
  return [
    isSmo
      ? {
          kind: 'select',
          name: 'status',
          label: 'Состояние',
          emptyLabel: 'не исполненные',
          options: [{ value: 'all', label: 'все' }, ...statusOptions.filter((o) => o.value !== 'open')],
        }
      : { kind: 'select', name: 'status', label: 'Состояние', emptyLabel: 'все', options: statusOptions },
    { kind: 'select', name: 'reason', label: 'Повод', emptyLabel: 'все', options: reasonOptions },
    {
      kind: 'select',
      name: 'overdue',
      label: 'Срок',
      emptyLabel: 'любой',
      options: [{ value: 'true', label: 'просроченные' }],
    },
    ...(isSmo
      ? [
          {
            kind: 'select',
            name: 'assignee',
            label: 'Представитель',
            emptyLabel: 'все',
            options: [{ value: 'me', label: 'мои' }],
          } as const,
        ]
      : []),
  ];
}

function statusOf(isSmo: boolean, value: string | undefined): string | undefined {
  if (!isSmo) return value || undefined;
  return value === 'all' ? undefined : value || 'open';
}

type Panel = 'assign' | 'result' | null;

/**
 * «Заявки на информирование»: the СМО's worklist — its open requests by deadline, the overdue marked, filters,
 * a selection to assign to a representative or to record one result for all; the МО's sent requests with their
 * state; the fund's all. A home-page count opens it with `?worklist=`.
 */
export function RequestsListPage() {
  const access = useInformingAccess();
  const [params] = useSearchParams();
  const worklistParam = params.get('worklist');
  const worklist = worklists.find((w) => w === worklistParam);
  const [selected, setSelected] = useState<ReadonlyMap<string, InformingRequest>>(new Map());
  const [pageRows, setPageRows] = useState<readonly InformingRequest[]>([]);
  const [panel, setPanel] = useState<Panel>(null);
  const [changes, setChanges] = useState(0);
  const [assigned, setAssigned] = useState<AssignOutcome | null>(null);
  const [sent, setSent] = useState<SentResults | null>(null);

  const toggle = useCallback((request: InformingRequest) => {
    setSelected((current) => {
      const next = new Map(current);
      if (next.has(request.id)) next.delete(request.id);
      else next.set(request.id, request);
      return next;
    });
  }, []);
  const filters = useMemo(() => filterSpecs(access.isSmo), [access.isSmo]);
  const columns = useMemo(
    () =>
      requestColumns({
        ...(access.canWork ? { selection: { isSelected: (id: string) => selected.has(id), toggle } } : {}),
        withSender: !access.isMo,
        withSmo: !access.isSmo,
        personLinks: access.canOpenPersons,
      }),
    [access.canWork, access.isMo, access.isSmo, access.canOpenPersons, selected, toggle],
  );
  const load = useCallback(
    async (query: TableQuery, signal: AbortSignal) => {
      const page = await fetchRequests(
        {
          status: statusOf(access.isSmo, query.filters.status),
          reason: query.filters.reason || undefined,
          overdue: query.filters.overdue || undefined,
          assignee: query.filters.assignee || undefined,
          worklist,
          page: query.page,
          pageSize: query.pageSize,
        },
        signal,
      );
      setPageRows(page.items);
      return page;
    },
    [access.isSmo, worklist],
  );

  const chosen = [...selected.values()];
  const openOnPage = pageRows.filter((r) => r.status === 'open');
  const finish = () => {
    setPanel(null);
    setSelected(new Map());
    setChanges((n) => n + 1);
  };

  return (
    <>
      <PageHeader
        title={worklist ? worklistTitles[worklist] : 'Заявки на информирование'}
        description={
          access.isSmo
            ? 'Заявки на информирование ваших застрахованных: сначала те, у которых срок истекает раньше.'
            : access.isMo
              ? 'Заявки вашей МО на информирование пациентов: что сделала СМО и чем закончилось.'
              : 'Заявки на информирование застрахованных лиц региона и их исполнение страховыми организациями.'
        }
      />
      <InformingNav />
      {worklist && <WorklistNotice allPath={requestsPath} />}
      {assigned && (
        <div className="notice" role="status" data-testid="assign-outcome">
          {assigned.assignee
            ? `Назначено представителю ${assigned.assignee}: ${formatCount(assigned.assigned.length)}.`
            : `Назначение снято: ${formatCount(assigned.assigned.length)}.`}
          {assigned.unchanged.length > 0 &&
            ` Не изменено (закрыты или не ваши): ${formatCount(assigned.unchanged.length)}.`}
        </div>
      )}
      {sent && <ResultsProtocol sent={sent} />}
      {access.canWork && (
        <div className="informing-bulk" data-testid="informing-bulk">
          <span aria-live="polite">Выбрано заявок: {formatCount(chosen.length)}</span>
          <button
            type="button"
            className="button button-secondary button-small"
            disabled={openOnPage.length === 0}
            onClick={() =>
              setSelected((current) => new Map([...current, ...openOnPage.map((r) => [r.id, r] as const)]))
            }
          >
            Выбрать все на странице
          </button>
          <button
            type="button"
            className="button button-secondary button-small"
            disabled={chosen.length === 0}
            onClick={() => setSelected(new Map())}
          >
            Снять выбор
          </button>
          <button
            type="button"
            className="button button-primary button-small"
            disabled={chosen.length === 0}
            onClick={() => setPanel('assign')}
          >
            Назначить представителю
          </button>
          <button
            type="button"
            className="button button-primary button-small"
            disabled={chosen.length === 0}
            onClick={() => setPanel('result')}
          >
            Отметить результат
          </button>
        </div>
      )}
      {panel === 'assign' && chosen.length > 0 && (
        <AssignPanel
          requests={chosen}
          onCancel={() => setPanel(null)}
          onDone={(outcome) => {
            setAssigned(outcome);
            setSent(null);
            finish();
          }}
        />
      )}
      {panel === 'result' && chosen.length > 0 && (
        <ResultPanel
          requests={chosen}
          onCancel={() => setPanel(null)}
          onDone={(result) => {
            setSent(result);
            setAssigned(null);
            finish();
          }}
        />
      )}
      <DataTable
        caption="Заявки на информирование"
        columns={columns}
        filters={filters}
        source={`informing-requests\n${worklist ?? ''}\n${changes}`}
        load={load}
        rowKey={(r) => r.id}
        defaultPageSize={50}
        testId="informing-requests"
        dense
      />
    </>
  );
}
