import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { describeError } from '../../api/api-error';
import { fetchReferral, type ReferralDetail } from '../../api/hospitalisation';
import { Named, named } from '../../components/Named';
import { PageHeader } from '../../components/PageHeader';
import { StatusMessage } from '../../components/StatusMessage';
import { formatDate } from '../../format/dates';
import { useApiQuery } from '../../hooks/useApiQuery';
import { AdmitReferralForm } from './AdmitReferralForm';
import { CancelReferralForm } from './CancelReferralForm';
import { DetailsList } from './DetailsList';
import { cancelReasonLabels, coded, conditionsLabels, formLabels } from './hosp-labels';
import { admissionPath, referralsRootPath } from './hosp-paths';
import { PatientLink, patientName } from './hosp-person';
import { ReferralHistory } from './ReferralHistory';
import { ReferralStatusBadge } from './referral-columns';
import { useHospAccess } from './use-hosp-access';
import './hospitalisation.css';

const crumbs = [{ label: 'Направления', to: referralsRootPath }];

function ReferralDetails({ referral: r }: { referral: ReferralDetail }) {
  return (
    <section className="panel" aria-labelledby="referral-details">
      <h2 className="panel-title" id="referral-details">
        Сведения о направлении
      </h2>
      <DetailsList
        testId="referral-details"
        rows={[
          ['Статус', <ReferralStatusBadge key="s" referral={r} />],
          ['Пациент', <PatientLink key="p" person={r.person} />],
          ['ЕНП', r.person?.enp],
          ['Дата рождения', formatDate(r.person?.birthDate)],
          ['СМО', named(r.smoCode, r.smoName)],
          ['Дата направления', formatDate(r.date)],
          ['Плановая дата', formatDate(r.plannedDate)],
          ['Действительно до', formatDate(r.validUntil)],
          ['Форма помощи', named(r.form, formLabels[r.form])],
          [
            'Вид',
            r.kind === 'vmp'
              ? `ВМП, талон ${r.vmp?.talonNumber ?? ''} от ${formatDate(r.vmp?.talonDate)}`
              : 'Госпитализация',
          ],
          ['Направила', named(r.fromMoCode, r.fromMoName)],
          ['Отделение направившей МО', named(r.fromDepartmentCode, r.fromDepartmentName)],
          ['Стационар', named(r.toMoCode, r.toMoName)],
          ['Отделение стационара', named(r.toDepartmentCode, r.toDepartmentName)],
          ['Условия', named(r.conditions, conditionsLabels[r.conditions])],
          ['Профиль', named(r.profile, r.profileName)],
          ['Профиль койки', named(r.bedProfile, r.bedProfileName)],
          ['Диагноз', coded(r.diagnosis, r.diagnosisName)],
          ['СНИЛС врача', r.doctorSnils],
        ]}
      />
      {r.cancellation && (
        <div className="notice" data-testid="referral-cancellation">
          <p>
            <strong>Аннулировано {formatDate(r.cancellation.date)}</strong> (
            {r.cancellation.sourceName ?? 'источник'}{' '}
            <Named code={r.cancellation.orgCode} name={r.cancellation.orgName} />
            ):{' '}
            {r.cancellation.reasonName ?? cancelReasonLabels[r.cancellation.reason] ?? r.cancellation.reason}
          </p>
          {r.cancellation.comment && <p>{r.cancellation.comment}</p>}
        </div>
      )}
      {r.admission && (
        <div className="notice" data-testid="referral-admission">
          <p>
            <strong>Госпитализирован {formatDate(r.admission.date)}</strong>, отделение{' '}
            <Named code={r.admission.departmentCode} name={r.admission.departmentName} />, карта{' '}
            {r.admission.caseNumber}
            {r.admission.dischargeDate && `, выписан ${formatDate(r.admission.dischargeDate)}`}.{' '}
            <Link to={admissionPath(r.admission.id)}>Открыть госпитализацию</Link>
          </p>
        </div>
      )}
    </section>
  );
}

/** One referral: its data, what happened to it, and the actions the reader's organisation may take. */
export function ReferralCardPage() {
  const id = useParams().id ?? '';
  const access = useHospAccess();
  const navigate = useNavigate();
  const [action, setAction] = useState<'cancel' | 'admit' | null>(null);
  const { data, error, loading, reload } = useApiQuery(`referral\n${id}`, (signal) =>
    fetchReferral(id, signal),
  );

  const issued = data?.status === 'issued';
  const sideOf = (code: string) => data && (data.fromMoCode === code || data.toMoCode === code);
  const mayCancel = issued && access.canCancel && (access.isSmo || sideOf(access.orgCode));
  const mayAdmit = issued && access.canAdmit && data?.toMoCode === access.orgCode;

  return (
    <>
      <PageHeader
        title={data ? `Направление № ${data.number}` : 'Направление'}
        crumbs={crumbs}
        description={data && `от ${formatDate(data.date)} · ${patientName(data.person)}`}
        actions={
          data &&
          action === null && (
            <>
              {mayAdmit && (
                <button type="button" className="button button-primary" onClick={() => setAction('admit')}>
                  Госпитализировать
                </button>
              )}
              {mayCancel && (
                <button type="button" className="button button-secondary" onClick={() => setAction('cancel')}>
                  Аннулировать
                </button>
              )}
            </>
          )
        }
      />
      {error !== undefined && (
        <StatusMessage kind="error" onRetry={reload}>
          Не удалось загрузить направление. {describeError(error)}
        </StatusMessage>
      )}
      {loading && !data && <StatusMessage kind="loading">Загрузка направления…</StatusMessage>}
      {data && (
        <>
          {action === 'cancel' && (
            <CancelReferralForm
              referralId={data.id}
              onDone={() => {
                setAction(null);
                reload();
              }}
              onClose={() => setAction(null)}
            />
          )}
          {action === 'admit' && (
            <AdmitReferralForm
              referral={data}
              onDone={(admission) => navigate(admissionPath(admission.id))}
              onClose={() => setAction(null)}
            />
          )}
          <ReferralDetails referral={data} />
          <ReferralHistory history={data.history ?? []} />
        </>
      )}
    </>
  );
}
