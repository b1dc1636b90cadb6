import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { describeError } from '../../api/api-error';
import { fetchAdmission } from '../../api/hospitalisation';
import { named } from '../../components/Named';
import { PageHeader } from '../../components/PageHeader';
import { StatusMessage } from '../../components/StatusMessage';
import { TableScroll } from '../../components/TableScroll';
import { formatDate } from '../../format/dates';
import { useApiQuery } from '../../hooks/useApiQuery';
import { StayState } from './admission-columns';
import { DetailsList } from './DetailsList';
import {
  admissionKindLabels,
  coded,
  conditionsLabels,
  dischargeOutcomeLabels,
  formLabels,
  orgLabel,
} from './hosp-labels';
import { admissionsRootPath, referralPath } from './hosp-paths';
import { PatientLink, patientName } from './hosp-person';
import { DischargeForm, MovementForm } from './StayActionForms';
import { useHospAccess } from './use-hosp-access';
import { useOrganisationCard } from './use-organisations';
import './hospitalisation.css';

const crumbs = [{ label: 'Госпитализация', to: admissionsRootPath }];

/** One stay: admission, movements between departments, discharge; the hospital discharges and moves here. */
export function AdmissionCardPage() {
  const id = useParams().id ?? '';
  const access = useHospAccess();
  const [action, setAction] = useState<'discharge' | 'move' | null>(null);
  const {
    data: a,
    error,
    loading,
    reload,
  } = useApiQuery(`admission\n${id}`, (signal) => fetchAdmission(id, signal));
  const isHospital = access.canSend && a?.moCode === access.orgCode;
  const own = useOrganisationCard(isHospital ? access.orgCode : undefined);
  const inHospital = a && !a.discharge;
  const done = () => {
    setAction(null);
    reload();
  };

  return (
    <>
      <PageHeader
        title={a ? `Госпитализация, карта № ${a.caseNumber}` : 'Госпитализация'}
        crumbs={crumbs}
        description={a && `${patientName(a.person)} · ${orgLabel(a.moCode, a.moName)}`}
        actions={
          isHospital &&
          inHospital &&
          action === null && (
            <>
              <button type="button" className="button button-primary" onClick={() => setAction('discharge')}>
                Выписать
              </button>
              <button type="button" className="button button-secondary" onClick={() => setAction('move')}>
                Перевести в отделение
              </button>
            </>
          )
        }
      />
      {error !== undefined && (
        <StatusMessage kind="error" onRetry={reload}>
          Не удалось загрузить госпитализацию. {describeError(error)}
        </StatusMessage>
      )}
      {loading && !a && <StatusMessage kind="loading">Загрузка госпитализации…</StatusMessage>}
      {a && (
        <>
          {action === 'discharge' && (
            <DischargeForm admission={a} onDone={done} onClose={() => setAction(null)} />
          )}
          {action === 'move' && (
            <MovementForm
              admission={a}
              departments={own.data?.departments}
              onDone={done}
              onClose={() => setAction(null)}
            />
          )}
          <section className="panel" aria-labelledby="admission-details">
            <h2 className="panel-title" id="admission-details">
              Сведения о госпитализации
            </h2>
            <DetailsList
              testId="admission-details"
              rows={[
                ['Состояние', <StayState key="s" admission={a} />],
                ['Вид', admissionKindLabels[a.kind] ?? a.kind],
                ['Пациент', <PatientLink key="p" person={a.person} />],
                ['ЕНП', a.person?.enp],
                ['СМО', named(a.smoCode, a.smoName)],
                ['Стационар', named(a.moCode, a.moName)],
                ['Отделение', named(a.departmentCode, a.departmentName)],
                ['Дата и время поступления', `${formatDate(a.date)} ${a.time ?? ''}`],
                ['Форма помощи', named(a.form, formLabels[a.form])],
                ['Условия', named(a.conditions, conditionsLabels[a.conditions])],
                ['Профиль', named(a.profile, a.profileName)],
                ['Профиль койки', named(a.bedProfile, a.bedProfileName)],
                ['Диагноз', coded(a.diagnosis, a.diagnosisName)],
                [
                  'Направление',
                  a.referralId ? (
                    <Link key="r" to={referralPath(a.referralId)}>
                      № {a.referralNumber}
                    </Link>
                  ) : a.matchStatus === 'awaiting_referral' ? (
                    `№ ${a.referralNumber ?? ''} (направление ещё не получено)`
                  ) : (
                    'без направления'
                  ),
                ],
                ['Направившая МО', named(a.referringMoCode, a.referringMoName)],
                [
                  'Выписка',
                  a.discharge
                    ? `${formatDate(a.discharge.date)}, исход: ${a.discharge.outcomeName ?? dischargeOutcomeLabels[a.discharge.outcome] ?? 'не указан'}`
                    : null,
                ],
              ]}
            />
          </section>
          <section className="panel" aria-labelledby="admission-movements">
            <h2 className="panel-title" id="admission-movements">
              Движение по отделениям
            </h2>
            {a.movements.length === 0 ? (
              <StatusMessage kind="empty">Переводов между отделениями не было.</StatusMessage>
            ) : (
              <TableScroll labelledBy="admission-movements">
                <table className="table table-compact" data-testid="admission-movements">
                  <thead>
                    <tr>
                      <th scope="col">Дата</th>
                      <th scope="col">Отделение</th>
                      <th scope="col">Профиль</th>
                      <th scope="col">Профиль койки</th>
                    </tr>
                  </thead>
                  <tbody>
                    {a.movements.map((m) => (
                      <tr key={`${m.date}-${m.departmentCode}-${m.bedProfile}`}>
                        <td className="cell-date">{formatDate(m.date)}</td>
                        <td>{named(m.departmentCode, m.departmentName)}</td>
                        <td>{named(m.profile, m.profileName)}</td>
                        <td>{named(m.bedProfile, m.bedProfileName)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            )}
          </section>
        </>
      )}
    </>
  );
}
