import { useCallback } from 'react';
import { Link } from 'react-router';
import { fetchOrganisations, type OrganisationListItem } from '../../api/organisations';
import { DataTable } from '../../components/data-table/DataTable';
import type { TableQuery } from '../../components/data-table/types';
import { PageHeader } from '../../components/PageHeader';
import { organisationColumns, organisationFilters } from './organisation-columns';
import { organisationNewPath, organisationsImportPath } from './organisation-paths';
import { useCanEditOrganisations } from './use-organisation-access';
import './organisations.css';

const rowKey = (o: OrganisationListItem) => o.code;

/** The register of organisations: МО (F003), СМО (F002) and the fund, with the size of their structure. */
export function OrganisationsPage() {
  const canEdit = useCanEditOrganisations();
  const load = useCallback(
    (query: TableQuery, signal: AbortSignal) =>
      fetchOrganisations(
        {
          kind: query.filters.kind,
          q: query.filters.q,
          page: query.page,
          pageSize: query.pageSize,
          sort: query.sort,
        },
        signal,
      ),
    [],
  );
  return (
    <>
      <PageHeader
        title="Организации"
        description="Медицинские организации (F003), страховые медицинские организации (F002) и ТФОМС региона: отделения, коечный фонд, участки и врачи."
        actions={
          canEdit && (
            <>
              <Link to={organisationsImportPath} className="button button-secondary">
                Загрузить F003 / F002
              </Link>
              <Link to={organisationNewPath} className="button button-primary">
                Добавить организацию
              </Link>
            </>
          )
        }
      />
      <DataTable
        caption="Организации"
        columns={organisationColumns}
        filters={organisationFilters}
        source="organisations"
        load={load}
        rowKey={rowKey}
        defaultSort="code"
        testId="organisations"
      />
    </>
  );
}
