import { useState } from 'react';
import { useParams } from 'react-router';
import { describeError } from '../../api/api-error';
import { fetchOrganisationCard, moKindLabels, organisationKindLabels } from '../../api/organisations';
import { PageHeader } from '../../components/PageHeader';
import { StatusMessage } from '../../components/StatusMessage';
import { formatDate } from '../../format/dates';
import { useApiQuery } from '../../hooks/useApiQuery';
import { DepartmentsBlock } from './DepartmentsBlock';
import { OrganisationForm } from './OrganisationForm';
import { organisationsRootPath } from './organisation-paths';
import { DistrictsBlock, DoctorsBlock } from './StaffBlocks';
import { useCanEditOrganisations } from './use-organisation-access';
import './organisations.css';

const crumbs = [{ label: 'Организации', to: organisationsRootPath }];

/** One organisation: requisites, departments and bed stock, districts with doctors, doctors. */
export function OrganisationCardPage() {
  const code = useParams().code ?? '';
  const canEdit = useCanEditOrganisations();
  const [editing, setEditing] = useState(false);
  const { data, error, loading, reload } = useApiQuery(`organisation\n${code}`, (signal) =>
    fetchOrganisationCard(code, signal),
  );
  const org = data?.organisation;

  return (
    <>
      <PageHeader
        title={org ? org.shortName : `Организация ${code}`}
        crumbs={crumbs}
        description={
          org && (
            <>
              {organisationKindLabels[org.kind]} · код <strong>{org.code}</strong>
              {org.moKind && ` · ${moKindLabels[org.moKind]}`}
            </>
          )
        }
      />
      {error !== undefined && (
        <StatusMessage kind="error" onRetry={reload}>
          Не удалось загрузить организацию. {describeError(error)}
        </StatusMessage>
      )}
      {loading && !data && <StatusMessage kind="loading">Загрузка организации…</StatusMessage>}
      {data && org && (
        <>
          <section className="panel" aria-labelledby="org-requisites" data-testid="org-requisites">
            <div className="org-block-header">
              <h2 id="org-requisites" className="panel-title">
                Реквизиты
              </h2>
              {canEdit && !editing && (
                <button
                  type="button"
                  className="button button-secondary button-small"
                  onClick={() => setEditing(true)}
                >
                  Изменить реквизиты
                </button>
              )}
            </div>
            {editing ? (
              <OrganisationForm
                initial={org}
                onSaved={() => {
                  setEditing(false);
                  reload();
                }}
                onCancel={() => setEditing(false)}
              />
            ) : (
              <dl className="org-requisites">
                <Requisite label="Полное наименование" value={org.name} />
                <Requisite label="ИНН" value={org.inn} />
                <Requisite label="ОГРН" value={org.ogrn} />
                <Requisite label="КПП" value={org.kpp} />
                <Requisite label="ОКАТО" value={org.okato} />
                <Requisite label="Адрес" value={org.address} />
                <Requisite label="Телефон" value={org.phone} />
                <Requisite
                  label="В реестре"
                  value={`с ${formatDate(org.dateBeg)}${org.dateEnd ? ` по ${formatDate(org.dateEnd)}` : ''}`}
                />
              </dl>
            )}
          </section>
          {org.kind === 'MO' && (
            <>
              <DepartmentsBlock card={data} canEdit={canEdit} onChanged={reload} />
              <DistrictsBlock card={data} canEdit={canEdit} onChanged={reload} />
              <DoctorsBlock card={data} canEdit={canEdit} onChanged={reload} />
            </>
          )}
        </>
      )}
    </>
  );
}

function Requisite({ label, value }: { label: string; value: string | null }) {
  return (
    <div className="org-requisite">
      <dt>{label}</dt>
      <dd>{value || '—'}</dd>
    </div>
  );
}
