import { useCallback, useState } from 'react';
import { useSearchParams } from 'react-router';
import { describeError } from '../../api/api-error';
import { type AuditEntry, downloadAuditCsv, fetchAuditLog } from '../../api/audit';
import { DataTable } from '../../components/data-table/DataTable';
import type { TableQuery } from '../../components/data-table/types';
import { PageHeader } from '../../components/PageHeader';
import { StatusMessage } from '../../components/StatusMessage';
import { formatCount } from '../../format/numbers';
import { auditColumns, auditFilters, auditFiltersFrom } from './audit-columns';

const entryKey = (entry: AuditEntry) => entry.id;
const pageSizes: readonly number[] = [20, 50, 100, 200];

/**
 * The audit log of the region (ТФОМС): who read or changed what, when, through which channel. Filters live in
 * the URL; «Выгрузить CSV» downloads the entries of the current filters.
 */
export function AuditLogPage() {
  const [params] = useSearchParams();
  const [cap, setCap] = useState<number | null>(null);
  const [download, setDownload] = useState<{ busy: boolean; error?: unknown }>({ busy: false });

  const load = useCallback(async (query: TableQuery, signal: AbortSignal) => {
    const page = await fetchAuditLog(query.filters, { page: query.page, pageSize: query.pageSize }, signal);
    setCap(page.totalExact ? null : page.totalCap);
    return { ...page, page: page.page ?? query.page };
  }, []);

  async function handleDownload() {
    setDownload({ busy: true });
    try {
      await downloadAuditCsv(auditFiltersFrom(params));
      setDownload({ busy: false });
    } catch (error) {
      setDownload({ busy: false, error });
    }
  }

  return (
    <>
      <PageHeader
        title="Журнал аудита"
        description="Кто, когда и через какой канал просматривал, изменял и выгружал данные. Новые записи — сверху."
        actions={
          <button
            type="button"
            className="button button-secondary"
            onClick={handleDownload}
            disabled={download.busy}
          >
            {download.busy ? 'Выгрузка…' : 'Выгрузить CSV'}
          </button>
        }
      />
      {download.error !== undefined && (
        <StatusMessage kind="error">
          Не удалось выгрузить журнал. {describeError(download.error)}
        </StatusMessage>
      )}
      {cap !== null && (
        <StatusMessage kind="info">
          Под условия подходит более {formatCount(cap)} записей: показаны первые {formatCount(cap)}. Сузьте
          период или добавьте фильтры.
        </StatusMessage>
      )}
      <DataTable
        caption="Записи журнала аудита"
        columns={auditColumns}
        filters={auditFilters}
        source="audit-log"
        load={load}
        rowKey={entryKey}
        pageSizes={pageSizes}
        testId="audit-log"
        dense
      />
    </>
  );
}
