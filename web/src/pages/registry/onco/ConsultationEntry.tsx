import type { ConsultationItem } from '../../../api/consultation';
import { formatDate } from '../../../format/dates';
import { CodedName, OrgName } from './onco-format';
import { Facts } from './TimelineFacts';
import { isOncoConsultation } from './timeline-entries';

const typeLabels: Record<number, string> = { 1: 'врач — врач', 2: 'врач — пациент' };
const urgencyLabels: Record<number, string> = { 1: 'плановая', 2: 'неотложная', 3: 'экстренная' };
const statusLabels: Record<ConsultationItem['status'], string> = {
  requested: 'запрошена, заключения ещё нет',
  done: 'проведена',
  cancelled: 'отменена',
};

/**
 * A telemedicine consultation in the person's timeline: who asked whom, of which type, when, about which diagnosis,
 * and the consultant's conclusion with the recommendations.
 */
export function ConsultationEntry({ item }: { item: ConsultationItem }) {
  const headingId = `onco-consultation-${item.id}`;
  return (
    <article aria-labelledby={headingId}>
      <header className="onco-case-head">
        <h3 id={headingId} className="onco-case-title">
          {formatDate(item.requestDate)} · Телемедицинская консультация
        </h3>
        <span className="onco-case-meta">
          {typeLabels[item.type] ?? `вид ${item.type}`}
          <span className={`onco-consultation-status onco-consultation-status-${item.status}`}>
            {statusLabels[item.status] ?? item.status}
          </span>
          {isOncoConsultation(item) && <span className="onco-badge">онкология</span>}
        </span>
      </header>
      <Facts
        className="onco-meta"
        facts={[
          {
            label: 'Запросила',
            value: <OrgName value={{ code: item.requestingMoCode, name: item.requestingMoName }} />,
          },
          {
            label: 'Консультирует',
            value: <OrgName value={{ code: item.consultingMoCode, name: item.consultingMoName }} />,
          },
          { label: 'Срочность', value: urgencyLabels[item.urgency] ?? String(item.urgency) },
          { label: 'Направление', value: item.referralNumber && `№ ${item.referralNumber}` },
        ]}
      />
      <Facts
        facts={[
          { label: 'Дата запроса', value: formatDate(item.requestDate) },
          {
            id: 'consultation-diagnosis',
            label: 'Диагноз',
            value: (
              <>
                <span className="cell-code">{item.diagnosis}</span>{' '}
                {item.diagnosisName && (
                  <CodedName value={{ code: item.diagnosis, name: item.diagnosisName }} directory="МКБ-10" />
                )}
              </>
            ),
          },
          { label: 'Вопрос консультанту', value: item.question },
          { label: 'Дата заключения', value: item.consultDate && formatDate(item.consultDate) },
          {
            label: 'Диагноз консультанта',
            value: item.conclusionDiagnosis && <span className="cell-code">{item.conclusionDiagnosis}</span>,
          },
        ]}
      />
      <Facts
        className="onco-consultation-text"
        facts={[
          { id: 'consultation-conclusion', label: 'Заключение', value: item.conclusion },
          { id: 'consultation-recommendations', label: 'Рекомендации', value: item.recommendations },
        ]}
      />
    </article>
  );
}
