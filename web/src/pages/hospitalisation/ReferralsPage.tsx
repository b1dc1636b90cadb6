import { useCallback } from 'react';
import { Link, useSearchParams } from 'react-router';
import { fetchReferrals, type ReferralsQuery } from '../../api/hospitalisation';
import { DataTable } from '../../components/data-table/DataTable';
import type { TableQuery } from '../../components/data-table/types';
import { PageHeader } from '../../components/PageHeader';
import { referralNewPath, referralsRootPath } from './hosp-paths';
import { referralColumns, referralFilters } from './referral-columns';
import { type TabSpec, useCurrentTab, WorklistTabs } from './Tabs';
import { useHospAccess } from './use-hosp-access';
import { WorklistNotice } from './WorklistNotice';
import './hospitalisation.css';

const hospitalTabs: readonly TabSpec[] = [
  { id: 'sent', label: 'Отправленные' },
  { id: 'incoming', label: 'Входящие' },
  { id: 'to-admit', label: 'К госпитализации' },
  { id: 'overdue', label: 'Просроченные' },
];

/** An МО without beds only sends referrals: nothing comes in to admit. */
const polyclinicTabs: readonly TabSpec[] = [
  { id: 'sent', label: 'Отправленные' },
  { id: 'overdue', label: 'Просроченные' },
];

const readerTabs: readonly TabSpec[] = [
  { id: 'all', label: 'Все направления' },
  { id: 'overdue', label: 'Просроченные' },
];

/** What each worklist asks the API for; the filter bar's values come on top. */
const worklists: Record<string, Partial<ReferralsQuery>> = {
  sent: { direction: 'sent' },
  incoming: { direction: 'incoming' },
  'to-admit': { direction: 'incoming', status: 'issued' },
  overdue: { overdue: 'true' },
  all: { direction: 'all' },
};

/**
 * «Направления»: an МО's worklists (sent; as a hospital: incoming, to admit, overdue), an СМО's referrals of its
 * insured persons, the fund's of the region; filters in the URL; `?personId=` narrows to one person.
 */
export function ReferralsPage() {
  const access = useHospAccess();
  const [params] = useSearchParams();
  const personId = params.get('personId') ?? '';
  const worklist = params.get('worklist') ?? '';
  const tabs = access.isMo ? (access.isHospital ? hospitalTabs : polyclinicTabs) : readerTabs;
  const tab = useCurrentTab(tabs, access.isHospital ? 'incoming' : undefined);

  const load = useCallback(
    (query: TableQuery, signal: AbortSignal) => {
      const list = worklists[tab] ?? {};
      const direction = list.direction ?? (access.isHospital ? 'incoming' : access.isMo ? 'sent' : 'all');
      const f = query.filters;
      return fetchReferrals(
        {
          ...list,
          direction,
          status: f.status || list.status,
          profile: f.profile,
          moCode: f.moCode,
          dateFrom: f.dateFrom,
          dateTo: f.dateTo,
          q: f.q,
          patient: f.patient,
          personId: personId || undefined,
          worklist: worklist || undefined,
          page: query.page,
          pageSize: query.pageSize,
          sort: query.sort,
        },
        signal,
      );
    },
    [tab, personId, worklist, access.isMo, access.isHospital],
  );

  return (
    <>
      <PageHeader
        title="Направления"
        description={
          access.isMo
            ? 'Направления на госпитализацию, выданные вашей МО и адресованные ей.'
            : access.isSmo
              ? 'Направления на госпитализацию ваших застрахованных.'
              : 'Направления на госпитализацию по региону.'
        }
        actions={
          access.canSend && (
            <Link to={referralNewPath} className="button button-primary">
              Создать направление
            </Link>
          )
        }
      />
      <WorklistTabs tabs={tabs} current={tab} label="Рабочие списки направлений" />
      {worklist && <WorklistNotice allPath={referralsRootPath} />}
      {personId && (
        <div className="notice" data-testid="person-filter">
          Показаны направления одного застрахованного.{' '}
          <Link to={`${referralsRootPath}?list=${tab}`}>Показать все</Link>
        </div>
      )}
      <DataTable
        caption="Направления на госпитализацию"
        columns={referralColumns}
        filters={referralFilters}
        source={`referrals\n${tab}\n${personId}\n${worklist}`}
        load={load}
        rowKey={(r) => r.id}
        defaultSort={tab === 'to-admit' ? 'plannedDate' : '-date'}
        defaultPageSize={20}
        testId="referrals"
        dense
      />
    </>
  );
}
