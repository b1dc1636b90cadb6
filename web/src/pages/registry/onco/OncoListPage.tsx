import { useCallback, useEffect, useMemo, useState } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { describeError } from '../../../api/api-error';
import {
  exportOncoPersons,
  type OncoCriteriaInput,
  type OncoListSort,
  searchOncoPersons,
} from '../../../api/onco';
import { useMe } from '../../../auth/AuthContext';
import { DataTable } from '../../../components/data-table/DataTable';
import type { TableQuery } from '../../../components/data-table/types';
import { PageHeader } from '../../../components/PageHeader';
import { StatusMessage } from '../../../components/StatusMessage';
import { useOrganisationNames } from '../use-organisation-names';
import { CriteriaBuilder } from './CriteriaBuilder';
import {
  conditionCount,
  type EditGroup,
  emptyCriteria,
  fromCriteria,
  toCriteria,
  treeProblems,
} from './criteria-model';
import { oncoPersonColumns } from './onco-columns';
import { oncoPersonPath } from './onco-paths';
import { SavedLists } from './SavedLists';
import '../registry.css';
import './onco.css';

const pageSizes = [25, 50, 100, 200] as const;
const emptyInput: OncoCriteriaInput = { kind: 'group', op: 'and', sameCase: false, conditions: [] };

/** The criteria a link carries (`?c=<json>`), or none. */
function criteriaOfLink(text: string | null): OncoCriteriaInput {
  if (!text) return emptyInput;
  try {
    const parsed = JSON.parse(text) as OncoCriteriaInput;
    return parsed && typeof parsed === 'object' && parsed.kind === 'group' ? parsed : emptyInput;
  } catch {
    return emptyInput;
  }
}

/**
 * «Онкорегистр»: the list builder. The criteria (conditions in AND/OR groups) are edited above, applied with
 * «Найти» into the link (`?c=`), so a list can be sent to a colleague; the persons of the register within the
 * organisation's scope follow with the timeliness of their path. Criteria are saved by name, shared within the
 * organisation, and the list exported as CSV or XLSX.
 */
export function OncoListPage() {
  const [params, setParams] = useSearchParams();
  const personId = params.get('personId');
  if (personId && /^\d+$/.test(personId)) return <Navigate to={oncoPersonPath(personId)} replace />;
  return <ListBuilder params={params} setParams={setParams} />;
}

function ListBuilder({
  params,
  setParams,
}: {
  params: URLSearchParams;
  setParams: ReturnType<typeof useSearchParams>[1];
}) {
  const me = useMe();
  const canSave = me.permissions?.includes('onco.lists.save') ?? false;
  const names = useOrganisationNames();
  const link = params.get('c');
  const applied = useMemo(() => criteriaOfLink(link), [link]);
  const [draft, setDraft] = useState<EditGroup>(() => fromCriteria(applied));
  const [showProblems, setShowProblems] = useState(false);
  const [notice, setNotice] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);
  const [exporting, setExporting] = useState<'csv' | 'xlsx' | null>(null);

  // Another link (back, forward, a saved list opened): the builder shows its criteria.
  useEffect(() => {
    setDraft(fromCriteria(applied));
    setShowProblems(false);
  }, [applied]);

  const problems = useMemo(() => treeProblems(draft), [draft]);

  const apply = (criteria: EditGroup) => {
    if (treeProblems(criteria).size > 0) {
      setShowProblems(true);
      setNotice({ kind: 'error', text: 'Исправьте отмеченные условия отбора.' });
      return;
    }
    setNotice(null);
    setShowProblems(false);
    const input = toCriteria(criteria);
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (input.conditions.length === 0) next.delete('c');
      else next.set('c', JSON.stringify(input));
      next.delete('page');
      return next;
    });
  };

  const load = useCallback(
    (query: TableQuery, signal: AbortSignal) =>
      searchOncoPersons(
        {
          criteria: applied,
          page: query.page,
          pageSize: query.pageSize,
          sort: (query.sort as OncoListSort | undefined) ?? '-lastDate',
        },
        signal,
      ),
    [applied],
  );

  const download = async (format: 'csv' | 'xlsx') => {
    setExporting(format);
    setNotice(null);
    try {
      const sort = (params.get('sort') as OncoListSort | null) ?? '-lastDate';
      const file = await exportOncoPersons(format, { criteria: applied, sort });
      setNotice({ kind: 'info', text: `Список выгружен в файл ${file}.` });
    } catch (error) {
      setNotice({ kind: 'error', text: `Не удалось выгрузить список. ${describeError(error)}` });
    } finally {
      setExporting(null);
    }
  };

  const copyLink = async () => {
    try {
      await navigator.clipboard.writeText(window.location.href);
      setNotice({ kind: 'info', text: 'Ссылка на список с условиями скопирована.' });
    } catch {
      setNotice({ kind: 'info', text: `Ссылка на список: ${window.location.href}` });
    }
  };

  const appliedCount = conditionCount(fromCriteria(applied));
  return (
    <>
      <PageHeader
        title="Онкорегистр"
        description="Лица с подозрением на ЗНО или установленным ЗНО по всем случаям всех МО региона: отбор по условиям, сроки оказания помощи, выгрузка."
      />
      <section className="panel" aria-labelledby="onco-criteria-title">
        <h2 id="onco-criteria-title" className="panel-title">
          Условия отбора
        </h2>
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            apply(draft);
          }}
          aria-label="Условия отбора"
        >
          <CriteriaBuilder
            root={draft}
            onChange={setDraft}
            problems={showProblems ? problems : new Map()}
            organisations={names.data}
          />
          <div className="registry-actions">
            <button type="submit" className="button button-primary">
              Найти
            </button>
            <button
              type="button"
              className="button button-secondary"
              onClick={() => {
                const empty = emptyCriteria();
                setDraft(empty);
                apply(empty);
              }}
            >
              Сбросить условия
            </button>
          </div>
        </form>
        {notice && (
          <StatusMessage kind={notice.kind === 'error' ? 'error' : 'info'}>{notice.text}</StatusMessage>
        )}
      </section>
      <SavedLists
        criteria={applied}
        canSave={canSave}
        onOpen={(criteria) => {
          const group = fromCriteria(criteria);
          setDraft(group);
          apply(group);
        }}
      />
      <section className="panel" aria-labelledby="onco-results-title">
        <h2 id="onco-results-title" className="panel-title">
          Список{appliedCount > 0 ? ` по условиям (${appliedCount})` : ': весь онкорегистр'}
        </h2>
        <div className="registry-actions">
          <button
            type="button"
            className="button"
            onClick={() => download('csv')}
            disabled={exporting !== null}
          >
            {exporting === 'csv' ? 'Выгрузка…' : 'Выгрузить CSV'}
          </button>
          <button
            type="button"
            className="button"
            onClick={() => download('xlsx')}
            disabled={exporting !== null}
          >
            {exporting === 'xlsx' ? 'Выгрузка…' : 'Выгрузить XLSX'}
          </button>
          <button type="button" className="button button-secondary" onClick={copyLink}>
            Скопировать ссылку
          </button>
          <span className="muted">
            Сроки: от подозрения до диагноза — не более 10 рабочих дней, от диагноза до начала лечения — не
            более 7 рабочих дней.
          </span>
        </div>
        <DataTable
          caption="Лица онкорегистра"
          columns={oncoPersonColumns}
          source={`onco-persons\n${link ?? ''}`}
          load={load}
          rowKey={(r) => r.person.id}
          defaultSort="-lastDate"
          pageSizes={pageSizes}
          defaultPageSize={25}
          testId="onco-persons"
          dense
        />
      </section>
    </>
  );
}
