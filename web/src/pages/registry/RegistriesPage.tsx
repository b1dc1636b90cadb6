import { useCallback, useMemo, useState } from 'react';
import { fetchRegistries, isRegistryRunning } from '../../api/registry';
import { useMe } from '../../auth/AuthContext';
import { DataTable } from '../../components/data-table/DataTable';
import type { TableQuery } from '../../components/data-table/types';
import { PageHeader } from '../../components/PageHeader';
import { StatusMessage } from '../../components/StatusMessage';
import { useRefreshWhile } from '../../hooks/use-refresh-while';
import { RegistryUploadForm } from './RegistryUploadForm';
import { registryColumns, registryFilters } from './registry-columns';
import { useOrganisationNames } from './use-organisation-names';
import './registry.css';

/**
 * «Загрузка реестров»: the upload of a registry-invoice package (an МО with `registries.send`) and the journal of
 * packages with their status and counts; the journal refreshes itself while a package is queued or processed.
 * An МО sees its own packages, the fund every МО's.
 */
export function RegistriesPage() {
  const me = useMe();
  const canSend = me.permissions?.includes('registries.send') ?? false;
  const ownOnly = me.organisation.kind === 'MO';
  const names = useOrganisationNames();
  const [changes, setChanges] = useState(0);
  const [running, setRunning] = useState(false);
  const tick = useRefreshWhile(running, 3000);
  const onChanged = useCallback(() => setChanges((n) => n + 1), []);

  const columns = useMemo(() => registryColumns(names.data), [names.data]);
  const filters = useMemo(
    () =>
      registryFilters(
        ownOnly || !names.data ? undefined : [...names.data.values()].filter((o) => o.kind === 'MO'),
      ),
    [ownOnly, names.data],
  );

  const load = useCallback(async (query: TableQuery, signal: AbortSignal) => {
    const f = query.filters;
    const page = await fetchRegistries(
      { status: f.status, kind: f.kind, mo: f.mo, page: query.page, pageSize: query.pageSize },
      signal,
    );
    setRunning(page.items.some((item) => isRegistryRunning(item.status)));
    return page;
  }, []);

  // The fund filters by МО name: the table waits for the names, so a linked `?mo=` is not dropped meanwhile.
  const waitForNames = !ownOnly && names.loading && !names.data;
  return (
    <>
      <PageHeader
        title="Загрузка реестров"
        description={
          ownOnly
            ? 'Пакеты реестров счетов вашей МО: загрузка, ход обработки и протоколы ФЛК.'
            : 'Пакеты реестров счетов всех МО региона: ход обработки и протоколы ФЛК.'
        }
      />
      {canSend && <RegistryUploadForm onChanged={onChanged} />}
      <section className="panel" aria-labelledby="registry-journal-title">
        <h2 id="registry-journal-title" className="panel-title">
          Журнал пакетов
        </h2>
        {waitForNames ? (
          <StatusMessage kind="loading">Загрузка журнала…</StatusMessage>
        ) : (
          <DataTable
            caption="Журнал пакетов реестров"
            columns={columns}
            filters={filters}
            source={`registries\n${changes}\n${tick}`}
            load={load}
            rowKey={(item) => String(item.id)}
            defaultPageSize={20}
            testId="registry-journal"
          />
        )}
      </section>
    </>
  );
}
