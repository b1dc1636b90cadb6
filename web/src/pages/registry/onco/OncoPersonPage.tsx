import { Link, useParams, useSearchParams } from 'react-router';
import { describeError } from '../../../api/api-error';
import { fetchOncoTimeline, type OncoPersonTimeline, type TimelineCases } from '../../../api/onco';
import { useMe } from '../../../auth/AuthContext';
import { PageHeader } from '../../../components/PageHeader';
import { StatusMessage } from '../../../components/StatusMessage';
import { TableScroll } from '../../../components/TableScroll';
import { formatDate } from '../../../format/dates';
import { formatCount } from '../../../format/numbers';
import { useApiQuery } from '../../../hooks/useApiQuery';
import { DetailsList } from '../../hospitalisation/DetailsList';
import { CaseTimeline } from './CaseTimeline';
import { CodedName, OrgNames, personName, sexTitles, TimelinessFlag } from './onco-format';
import { oncoRootPath } from './onco-paths';
import { PersonServices } from './PersonServices';
import { consultationsLimit, consultationsOfView } from './timeline-entries';
import { type PersonConsultations, usePersonConsultations } from './use-person-consultations';
import '../registry.css';
import './onco.css';

const crumbs = [{ label: 'Онкорегистр', to: oncoRootPath }];

type View = TimelineCases | 'services';

const views: readonly { id: View; label: string }[] = [
  { id: 'all', label: 'Все случаи' },
  { id: 'onco', label: 'Онкологические случаи' },
  { id: 'oncologyProfile', label: 'Профиль «Онкология»' },
  { id: 'services', label: 'Все услуги' },
];

/**
 * A person's oncology page: the register's summary (first suspicion, diagnosis, stage, treatment start), the
 * timeliness of each step, and the person's whole history in the region — every case of every МО as a timeline
 * with every onco field group, or the «Онкология» profile's cases, or every service.
 */
export function OncoPersonPage() {
  const personId = useParams().personId ?? '';
  const [params] = useSearchParams();
  const asked = params.get('view');
  const view: View = views.find((v) => v.id === asked)?.id ?? 'all';
  const cases: TimelineCases = view === 'services' ? 'onco' : view;
  const { data, error, loading, reload } = useApiQuery(`onco-person\n${personId}\n${cases}`, (signal) =>
    fetchOncoTimeline(personId, cases, signal),
  );
  const consultations = usePersonConsultations(personId);
  const title = data ? personName(data.person) : 'Онкологический анамнез';
  return (
    <>
      <PageHeader
        title={title}
        crumbs={crumbs}
        description={
          data &&
          `ЕНП ${data.person.enp} · дата рождения ${formatDate(data.person.birthDate)} · пол ${sexTitles[data.person.sex] ?? '—'}`
        }
        actions={data && <PersonCardLink personId={data.person.id} />}
      />
      {error !== undefined && (
        <StatusMessage kind="error" onRetry={reload}>
          Не удалось загрузить сведения. {describeError(error)}
        </StatusMessage>
      )}
      {loading && !data && <StatusMessage kind="loading">Загрузка истории лечения…</StatusMessage>}
      {data && (
        <>
          <RegisterSummary data={data} />
          <TimelinessPanel data={data} />
          <nav aria-label="Что показать" className="hosp-tabs onco-tabs">
            <ul>
              {views.map((v) => (
                <li key={v.id}>
                  <Link
                    to={`?view=${v.id}`}
                    className={v.id === view ? 'hosp-tab hosp-tab-current' : 'hosp-tab'}
                    aria-current={v.id === view ? 'page' : undefined}
                  >
                    {v.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          {view === 'services' ? (
            <PersonServices personId={data.person.id} />
          ) : (
            <>
              {view !== 'oncologyProfile' && (
                <ConsultationsNotice personId={personId} consultations={consultations} />
              )}
              <CaseTimeline
                cases={data.cases}
                consultations={
                  consultations.enabled ? consultationsOfView(view, consultations.items) : undefined
                }
                view={view}
                loading={loading || consultations.loading}
              />
            </>
          )}
        </>
      )}
    </>
  );
}

/** What the timeline cannot show of the person's consultations: those that failed to load, or past the limit. */
function ConsultationsNotice({
  personId,
  consultations,
}: {
  personId: string;
  consultations: PersonConsultations;
}) {
  if (!consultations.enabled) return null;
  if (consultations.error !== undefined) {
    return (
      <StatusMessage kind="error" onRetry={consultations.reload}>
        Не удалось загрузить телемедицинские консультации. {describeError(consultations.error)}
      </StatusMessage>
    );
  }
  if (!consultations.hasMore) return null;
  return (
    <StatusMessage kind="info">
      В хронологии — {formatCount(consultationsLimit)} последних телемедицинских консультаций лица, есть и
      более ранние.{' '}
      {consultations.sectionPath && (
        <Link to={`${consultations.sectionPath}?personId=${encodeURIComponent(personId)}`}>
          Все консультации лица
        </Link>
      )}
    </StatusMessage>
  );
}

function PersonCardLink({ personId }: { personId: string }) {
  const me = useMe();
  const persons = me.sections.find((s) => s.id === 'persons' && s.available);
  if (!persons) return null;
  return (
    <Link to={`${persons.path}/${encodeURIComponent(personId)}`} className="button button-secondary">
      Карточка застрахованного
    </Link>
  );
}

function RegisterSummary({ data }: { data: OncoPersonTimeline }) {
  const r = data.register;
  if (!r) {
    return (
      <section className="panel" aria-labelledby="onco-register-title">
        <h2 id="onco-register-title" className="panel-title">
          Онкорегистр
        </h2>
        <StatusMessage kind="empty">
          Случаев с подозрением на ЗНО или с ЗНО у лица нет. Ниже — все его случаи лечения в регионе.
        </StatusMessage>
      </section>
    );
  }
  return (
    <section className="panel" aria-labelledby="onco-register-title">
      <h2 id="onco-register-title" className="panel-title">
        Онкорегистр
      </h2>
      <DetailsList
        testId="onco-register"
        rows={[
          ['Первое подозрение на ЗНО', r.suspicionDate ? formatDate(r.suspicionDate) : 'не было'],
          ['Диагноз ЗНО', <CodedName key="d" value={r.diagnosis} directory="МКБ-10" />],
          ['Диагноз установлен', r.diagnosisDate ? formatDate(r.diagnosisDate) : 'не установлен'],
          ['Последний диагноз', <CodedName key="l" value={r.lastDiagnosis} directory="МКБ-10" />],
          ['Стадия', <CodedName key="s" value={r.stage} directory="N002" />],
          ['Начало лечения', r.treatmentDate ? formatDate(r.treatmentDate) : 'не начато'],
          ['Выявлено впервые', r.firstDetected ? 'да' : 'нет'],
          ['Последний случай', formatDate(r.lastDate)],
          ['Онкологических случаев', formatCount(r.cases)],
          ['МО', <OrgNames key="mo" values={r.organisations} />],
        ]}
      />
    </section>
  );
}

function TimelinessPanel({ data }: { data: OncoPersonTimeline }) {
  const t = data.timeliness;
  const rows = [
    { label: 'От подозрения до диагноза', value: t.suspicionToDiagnosis },
    { label: 'От диагноза до начала лечения', value: t.diagnosisToTreatment },
    { label: 'От диагноза до диспансерного наблюдения', value: t.dispensary },
  ];
  return (
    <section className="panel" aria-labelledby="onco-timeliness-title">
      <h2 id="onco-timeliness-title" className="panel-title">
        Сроки оказания помощи
      </h2>
      <TableScroll labelledBy="onco-timeliness-title">
        <table className="table table-compact" data-testid="onco-person-timeliness">
          <thead>
            <tr>
              <th scope="col">Этап</th>
              <th scope="col">Начало</th>
              <th scope="col">Окончание</th>
              <th scope="col">Норма</th>
              <th scope="col">Итог</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.label}>
                <td>{row.label}</td>
                <td className="cell-date">{row.value ? formatDate(row.value.from) : '—'}</td>
                <td className="cell-date">
                  {row.value ? (row.value.to ? formatDate(row.value.to) : 'не выполнено') : '—'}
                </td>
                <td className="registry-nowrap">
                  {row.value
                    ? `${row.value.limit} ${row.value.unit === 'working' ? 'раб. дн.' : 'дн.'}`
                    : '—'}
                </td>
                <td>
                  {row.value ? (
                    <TimelinessFlag value={row.value} />
                  ) : (
                    <span className="muted">не применимо</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}
