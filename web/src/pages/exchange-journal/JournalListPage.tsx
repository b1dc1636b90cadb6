import { useCallback } from 'react';
import { Link } from 'react-router';
import { fetchJournal } from '../../api/exchange-journal';
import { useMe } from '../../auth/AuthContext';
import { DataTable } from '../../components/data-table/DataTable';
import type { TableQuery } from '../../components/data-table/types';
import { PageHeader } from '../../components/PageHeader';
import { journalColumns, journalFilters } from './journal-columns';
import { silentPath } from './journal-labels';
import './exchange-journal.css';

/**
 * «Журнал обмена»: every package of every area and channel (SOAP, REST, the web UI, files), newest first, with
 * its status and counts; filters and pages in the URL. The fund sees the region's, an organisation its own.
 */
export function JournalListPage() {
  const me = useMe();
  const load = useCallback((query: TableQuery, signal: AbortSignal) => {
    const f = query.filters;
    return fetchJournal(
      {
        from: f.from,
        to: f.to,
        sender: f.sender,
        channel: f.channel,
        kind: f.kind,
        status: f.status,
        page: query.page,
        pageSize: query.pageSize,
      },
      signal,
    );
  }, []);
  const fund = me.organisation.kind === 'TFOMS';
  return (
    <>
      <PageHeader
        title="Журнал обмена"
        description={
          fund
            ? 'Пакеты всех участников по всем каналам: SOAP, REST, веб-интерфейс и файлы.'
            : 'Пакеты вашей организации по всем каналам: SOAP, REST, веб-интерфейс и файлы.'
        }
        actions={
          fund && (
            <Link to={silentPath} className="button">
              Молчащие организации
            </Link>
          )
        }
      />
      <DataTable
        caption="Пакеты обмена"
        columns={journalColumns}
        filters={journalFilters}
        source="exchange-journal"
        load={load}
        rowKey={(e) => e.id}
        defaultPageSize={20}
        testId="exchange-journal"
      />
    </>
  );
}
