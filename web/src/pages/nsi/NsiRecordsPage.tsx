import { useCallback } from 'react';
import { Link, useParams } from 'react-router';
import { fetchNsiDirectories, fetchNsiRecords } from '../../api/nsi';
import type { NsiRecord } from '../../api/types';
import { DataTable } from '../../components/data-table/DataTable';
import type { TableQuery } from '../../components/data-table/types';
import { PageHeader } from '../../components/PageHeader';
import { formatDate } from '../../format/dates';
import { formatCount } from '../../format/numbers';
import { useApiQuery } from '../../hooks/useApiQuery';
import { NsiVersionsPanel } from './NsiVersionsPanel';
import { nsiRootPath } from './nsi-paths';
import { nsiRecordColumns, nsiRecordFilters } from './nsi-record-columns';

const crumbs = [{ label: 'Справочники', to: nsiRootPath }];
const recordKey = (record: NsiRecord) => `${record.code}\n${record.dateBeg ?? ''}`;

/** One directory: its records (searchable, by validity date, sortable, paged) and its versions. */
export function NsiRecordsPage() {
  const code = useParams().code ?? '';
  const directories = useApiQuery('nsi-directories', fetchNsiDirectories);
  const directory = directories.data?.items.find((item) => item.code === code);
  const unknown = directories.data !== undefined && directory === undefined;

  const load = useCallback(
    (query: TableQuery, signal: AbortSignal) =>
      fetchNsiRecords(
        code,
        {
          q: query.filters.q,
          validOn: query.filters.validOn,
          page: query.page,
          pageSize: query.pageSize,
          sort: query.sort,
        },
        signal,
      ),
    [code],
  );

  if (unknown) {
    return (
      <>
        <PageHeader title={`Справочник ${code}`} crumbs={crumbs} />
        <div className="notice" role="alert">
          <p>
            Справочник с кодом «{code}» не найден. Выберите справочник из <Link to={nsiRootPath}>списка</Link>
            .
          </p>
        </div>
      </>
    );
  }

  return (
    <>
      <PageHeader
        title={directory?.title ?? `Справочник ${code}`}
        crumbs={crumbs}
        description={
          directory && (
            <>
              Код <strong>{directory.code}</strong> · действующая версия {directory.currentVersion}
              {directory.publishedAt && ` от ${formatDate(directory.publishedAt)}`} · записей{' '}
              {formatCount(directory.recordCount)}
            </>
          )
        }
      />
      <DataTable
        key={code}
        caption={`Записи справочника ${code}`}
        columns={nsiRecordColumns}
        filters={nsiRecordFilters}
        source={`nsi-records\n${code}`}
        load={load}
        rowKey={recordKey}
        defaultSort="code"
        testId="nsi-records"
      />
      <NsiVersionsPanel key={code} code={code} currentVersion={directory?.currentVersion} />
    </>
  );
}
