import { useCallback, useState } from 'react';
import { type ErzImport, fetchErzImports, isErzImportRunning } from '../../../api/erz';
import { DataTable } from '../../../components/data-table/DataTable';
import type { TableQuery } from '../../../components/data-table/types';
import { PageHeader } from '../../../components/PageHeader';
import { useRefreshWhile } from '../../../hooks/use-refresh-while';
import { ErzUploadForm } from './ErzUploadForm';
import { erzImportColumns, erzImportFilters } from './erz-columns';
import { useCanImportErz } from './use-erz-access';
import './erz.css';

const importKey = (item: ErzImport) => String(item.id);

/**
 * «Выписки ЕРЗ»: upload of extracts of the regional segment of ЕРЗ (fund administrator) and the journal of
 * imports with their status and counts; the list refreshes itself while an import is queued or running.
 */
export function ErzImportsPage() {
  const canImport = useCanImportErz();
  const [running, setRunning] = useState(false);
  const [uploads, setUploads] = useState(0);
  const tick = useRefreshWhile(running);

  const load = useCallback(async (query: TableQuery, signal: AbortSignal) => {
    const page = await fetchErzImports(
      { status: query.filters.status, page: query.page, pageSize: query.pageSize },
      signal,
    );
    setRunning(page.items.some((item) => isErzImportRunning(item.status)));
    return page;
  }, []);

  return (
    <>
      <PageHeader
        title="Загрузка ЕРЗ"
        description="Загрузка выписок регионального сегмента единого регистра застрахованных лиц и журнал загрузок с протоколами ФЛК."
      />
      {canImport && <ErzUploadForm onUploaded={() => setUploads((n) => n + 1)} />}
      <section className="panel" aria-labelledby="erz-imports-title">
        <h2 id="erz-imports-title" className="panel-title">
          Журнал загрузок
        </h2>
        <DataTable
          caption="Журнал загрузок выписок ЕРЗ"
          columns={erzImportColumns}
          filters={erzImportFilters}
          source={`erz-imports\n${uploads}\n${tick}`}
          load={load}
          rowKey={importKey}
          defaultPageSize={20}
          testId="erz-imports"
        />
      </section>
    </>
  );
}
