import { useNavigate } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { StatusMessage } from '../../components/StatusMessage';
import { OrganisationForm } from './OrganisationForm';
import { organisationPath, organisationsRootPath } from './organisation-paths';
import { useCanEditOrganisations } from './use-organisation-access';
import './organisations.css';

const crumbs = [{ label: 'Организации', to: organisationsRootPath }];

export function NewOrganisationPage() {
  const navigate = useNavigate();
  const canEdit = useCanEditOrganisations();
  return (
    <>
      <PageHeader title="Новая организация" crumbs={crumbs} />
      {canEdit ? (
        <section className="panel">
          <OrganisationForm
            onSaved={(code) => navigate(organisationPath(code))}
            onCancel={() => navigate(organisationsRootPath)}
          />
        </section>
      ) : (
        <StatusMessage kind="info">
          Добавлять организации могут оператор НСИ и администратор фонда.
        </StatusMessage>
      )}
    </>
  );
}
