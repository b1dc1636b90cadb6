import { type ReactNode, useId } from 'react';
import type { ConsultationItem } from '../../../api/consultation';
import type { TimelineCase, TimelineOncoBlock, TimelineService, TimelineSl } from '../../../api/onco';
import { StatusMessage } from '../../../components/StatusMessage';
import { TableScroll } from '../../../components/TableScroll';
import { formatDate } from '../../../format/dates';
import { kindFullTitle, kindShortTitle } from '../registry-labels';
import { ConsultationEntry } from './ConsultationEntry';
import { CodedName, formatMoney, formatPeriodText, OrgName, TimelinessFlag } from './onco-format';
import { type Fact, Facts, period } from './TimelineFacts';
import { isOncoConsultation, timelineEntries } from './timeline-entries';

/** DN: dispensary observation (the registry format's own list). */
const dispensaryLabels: Record<number, string> = {
  1: 'состоит на учёте',
  2: 'взят на учёт',
  4: 'снят с учёта по выздоровлению',
  6: 'снят с учёта по другим причинам',
};

const emptyTexts: Record<string, string> = {
  all: 'Случаев лечения лица в регионе нет.',
  onco: 'Онкологических случаев нет.',
  oncologyProfile: 'Случаев по профилю «Онкология» нет.',
};

const emptyWithConsultations: Record<string, string> = {
  all: 'Случаев лечения лица в регионе и телемедицинских консультаций нет.',
  onco: 'Онкологических случаев и консультаций по онкологическим диагнозам нет.',
};

/**
 * A person's cases in date order, each with its treatment episodes (SL) and every onco field group; with
 * `consultations` (the view shows them), the person's telemedicine consultations among them by request date.
 */
export function CaseTimeline({
  cases,
  consultations,
  view,
  loading,
}: {
  cases: readonly TimelineCase[];
  consultations?: readonly ConsultationItem[] | undefined;
  view: string;
  loading: boolean;
}) {
  const entries = timelineEntries(cases, consultations ?? []);
  if (entries.length === 0) {
    const empty = (consultations && emptyWithConsultations[view]) ?? emptyTexts[view] ?? emptyTexts.all;
    return loading ? (
      <StatusMessage kind="loading">Загрузка…</StatusMessage>
    ) : (
      <StatusMessage kind="empty">{empty}</StatusMessage>
    );
  }
  return (
    <ol className="onco-timeline" data-testid="onco-timeline" aria-busy={loading}>
      {entries.map((entry) =>
        entry.kind === 'case' ? (
          <li
            key={`case-${entry.item.id}`}
            className={entry.item.onco ? 'onco-case onco-case-onco' : 'onco-case'}
            data-testid="onco-case"
          >
            <CaseCard item={entry.item} />
          </li>
        ) : (
          <li
            key={`consultation-${entry.item.id}`}
            className={
              isOncoConsultation(entry.item)
                ? 'onco-case onco-consultation onco-consultation-onco'
                : 'onco-case onco-consultation'
            }
            data-testid="onco-consultation"
          >
            <ConsultationEntry item={entry.item} />
          </li>
        ),
      )}
    </ol>
  );
}

function CaseCard({ item }: { item: TimelineCase }) {
  const headingId = `onco-case-${item.id}`;
  return (
    <article aria-labelledby={headingId}>
      <header className="onco-case-head">
        <h3 id={headingId} className="onco-case-title">
          {period(item.dateFrom, item.dateTo)} · <OrgName value={item.mo} />
        </h3>
        <span className="onco-case-meta">
          <CodedName value={item.conditions} directory="V006" />
          {item.onco && <span className="onco-badge">онкология</span>}
        </span>
      </header>
      <Facts
        className="onco-meta"
        facts={[
          { label: 'Случай', value: item.idcase },
          {
            label: 'Реестр',
            value: (
              <span title={`${kindFullTitle(item.fileKind) ?? ''} (файл ${item.fileKind})`}>
                {kindShortTitle(item.fileKind) ?? item.fileKind}, {formatPeriodText(item.period)}
              </span>
            ),
          },
          { label: 'Вид помощи', value: item.kind && <CodedName value={item.kind} directory="V008" /> },
          { label: 'Форма', value: item.form && <CodedName value={item.form} directory="V014" /> },
          {
            label: 'Направила',
            value: item.referredBy && (
              <>
                <OrgName value={item.referredBy.mo} />
                {item.referredBy.date ? `, ${formatDate(item.referredBy.date)}` : ''}
              </>
            ),
          },
          { label: 'Результат', value: item.result && <CodedName value={item.result} /> },
          { label: 'Исход', value: item.outcome && <CodedName value={item.outcome} directory="V012" /> },
          { label: 'СМО', value: item.smo && <OrgName value={item.smo} /> },
          { label: 'Сумма', value: formatMoney(item.amount) },
        ]}
      />
      {item.sl.map((sl) => (
        <SlCard key={sl.id} sl={sl} />
      ))}
    </article>
  );
}

function codedList(values: TimelineSl['concomitant'], directory: string): ReactNode {
  if (values.length === 0) return null;
  return values.map((v, i) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: diagnoses keep the file's order.
    <span key={i}>
      {i > 0 && '; '}
      <CodedName value={v} directory={directory} />
    </span>
  ));
}

function SlCard({ sl }: { sl: TimelineSl }) {
  const onco = sl.onco;
  return (
    <section className="onco-sl" data-testid="onco-sl">
      <h4 className="onco-sl-title">
        {period(sl.dateFrom, sl.dateTo)} · <CodedName value={sl.profile} directory="V002" />
        {sl.oncologyProfile && <span className="onco-badge">профиль «Онкология»</span>} ·{' '}
        <CodedName value={sl.diagnosis} directory="МКБ-10" />
      </h4>
      <Facts
        className="onco-meta"
        facts={[
          { label: 'Отделение', value: sl.department },
          {
            label: 'Профиль койки',
            value: sl.bedProfile && <CodedName value={sl.bedProfile} directory="V020" />,
          },
          { label: 'История болезни', value: sl.history },
          {
            label: 'Первичный диагноз',
            value: sl.preliminaryDiagnosis && (
              <CodedName value={sl.preliminaryDiagnosis} directory="МКБ-10" />
            ),
          },
          { label: 'Сопутствующие', value: codedList(sl.concomitant, 'МКБ-10') },
          { label: 'Осложнения', value: codedList(sl.complications, 'МКБ-10') },
          {
            label: 'Специальность врача',
            value: sl.specialty && <CodedName value={sl.specialty} directory="V021" />,
          },
          { label: 'Сумма', value: formatMoney(sl.amount) },
        ]}
      />
      <Facts
        facts={[
          {
            id: 'suspicion',
            label: 'Подозрение на ЗНО',
            value: sl.suspicion ? <strong>да</strong> : onco || sl.referrals.length > 0 ? 'нет' : null,
          },
          {
            id: 'character',
            label: 'Характер заболевания',
            value: sl.character && (
              <>
                <CodedName value={sl.character} directory="V027" />
                {sl.firstDetected && <span className="onco-badge">впервые</span>}
              </>
            ),
          },
          {
            id: 'dispensary',
            label: 'Диспансерное наблюдение',
            value: sl.dispensary !== null ? (dispensaryLabels[sl.dispensary] ?? String(sl.dispensary)) : null,
          },
          ...(onco ? oncoFacts(onco) : []),
          {
            id: 'consilium',
            label: 'Консилиум',
            value:
              sl.consilia.length === 0
                ? null
                : sl.consilia.map((c, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: consilia keep the file's order.
                    <div key={i}>
                      <CodedName value={c.purpose} directory="N019" />
                      {c.date ? `, ${formatDate(c.date)}` : ''}
                    </div>
                  )),
          },
        ]}
      />
      {sl.referrals.length > 0 && (
        <Block id="referrals" title="Направления при подозрении на ЗНО">
          <table className="table table-compact">
            <thead>
              <tr>
                <th scope="col">Дата</th>
                <th scope="col">Куда</th>
                <th scope="col">Вид направления</th>
                <th scope="col">Метод исследования</th>
                <th scope="col">Услуга</th>
                <th scope="col">Срок</th>
              </tr>
            </thead>
            <tbody>
              {sl.referrals.map((r, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the referrals of an SL are in the order sent.
                <tr key={i}>
                  <td className="cell-date">{formatDate(r.date)}</td>
                  <td>
                    <OrgName value={r.mo} />
                  </td>
                  <td>
                    <CodedName value={r.kind} directory="V028" />
                  </td>
                  <td>
                    <CodedName value={r.method} directory="V029" />
                  </td>
                  <td>{r.service ? <span title="Номенклатура медицинских услуг">{r.service}</span> : '—'}</td>
                  <td>
                    <TimelinessFlag value={r.timeliness} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Block>
      )}
      {onco && onco.diagnostics.length > 0 && (
        <Block id="diagnostics" title="Гистология и маркёры">
          <table className="table table-compact">
            <thead>
              <tr>
                <th scope="col">Взятие материала</th>
                <th scope="col">Тип</th>
                <th scope="col">Показатель</th>
                <th scope="col">Результат</th>
              </tr>
            </thead>
            <tbody>
              {onco.diagnostics.map((d, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the records keep the file's order.
                <tr key={i}>
                  <td className="cell-date">{formatDate(d.date)}</td>
                  <td>{d.typeName}</td>
                  <td>
                    <CodedName value={d.code} directory={d.type === 1 ? 'N007' : 'N010'} />
                  </td>
                  <td>
                    {d.result ? (
                      <CodedName value={d.result} directory={d.type === 1 ? 'N008' : 'N011'} />
                    ) : d.resultReceived ? (
                      'получен'
                    ) : (
                      <span className="muted">не получен</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Block>
      )}
      {onco && onco.services.length > 0 && <TreatmentBlock sl={sl} onco={onco} />}
      {sl.services.length > 0 && (
        <Block id="services" title="Услуги">
          <ServicesTable services={sl.services} />
        </Block>
      )}
    </section>
  );
}

/** The onco block's scalar groups: the reason, stage and TNM, metastases, refusals, dose and body. */
function oncoFacts(onco: TimelineOncoBlock): Fact[] {
  const dose = [
    onco.totalDose !== null ? `${Number(onco.totalDose).toLocaleString('ru-RU')} Гр` : null,
    onco.fractions !== null ? `${onco.fractions} фракций` : null,
  ].filter(Boolean);
  const body = [
    onco.weight !== null ? `${Number(onco.weight).toLocaleString('ru-RU')} кг` : null,
    onco.height !== null ? `${onco.height} см` : null,
    onco.bodySurface !== null ? `${Number(onco.bodySurface).toLocaleString('ru-RU')} м²` : null,
  ].filter(Boolean);
  const tnm = onco.tnm.t || onco.tnm.n || onco.tnm.m;
  return [
    { id: 'reason', label: 'Повод обращения', value: <CodedName value={onco.reason} directory="N018" /> },
    {
      id: 'stage',
      label: 'Стадия',
      value: <CodedName value={onco.stage} directory="N002" />,
    },
    {
      id: 'tnm',
      label: 'TNM',
      value: tnm ? (
        <>
          <div>
            <CodedName value={onco.tnm.t} directory="N003" />
          </div>
          <div>
            <CodedName value={onco.tnm.n} directory="N004" />
          </div>
          <div>
            <CodedName value={onco.tnm.m} directory="N005" />
          </div>
        </>
      ) : (
        <span className="muted">не указана</span>
      ),
    },
    {
      id: 'metastases',
      label: 'Отдалённые метастазы',
      value:
        onco.distantMetastases === null ? (
          'не указано'
        ) : onco.distantMetastases ? (
          <strong>есть</strong>
        ) : (
          'нет'
        ),
    },
    {
      id: 'refusals',
      label: 'Противопоказания и отказы',
      value:
        onco.refusals.length === 0
          ? null
          : onco.refusals.map((r, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the records keep the file's order.
              <div key={i}>
                <CodedName value={r.reason} directory="N001" />, {formatDate(r.date)}
              </div>
            )),
    },
    { id: 'dose', label: 'Суммарная очаговая доза', value: dose.length > 0 ? dose.join(', ') : null },
    { id: 'body', label: 'Масса, рост, площадь тела', value: body.length > 0 ? body.join(', ') : null },
  ];
}

function Block({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  const headingId = `onco-block-${id}-${useId()}`;
  return (
    <section className="onco-block" data-testid={`onco-group-${id}`}>
      <h5 className="onco-block-title" id={headingId}>
        {title}
      </h5>
      <TableScroll labelledBy={headingId}>{children}</TableScroll>
    </section>
  );
}

function TreatmentBlock({ sl, onco }: { sl: TimelineSl; onco: TimelineOncoBlock }) {
  const drugs = onco.services.flatMap((u) => u.drugs);
  return (
    <>
      <Block id="treatment" title="Лечение">
        <table className="table table-compact">
          <thead>
            <tr>
              <th scope="col">Тип услуги</th>
              <th scope="col">Хирургическое лечение</th>
              <th scope="col">Линия терапии</th>
              <th scope="col">Цикл терапии</th>
              <th scope="col">Лучевая терапия</th>
              <th scope="col">Профилактика тошноты</th>
            </tr>
          </thead>
          <tbody>
            {onco.services.map((u, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the services keep the file's order.
              <tr key={i}>
                <td>
                  <CodedName value={u.type} directory="N013" />
                </td>
                <td>
                  <CodedName value={u.surgery} directory="N014" />
                </td>
                <td>
                  <CodedName value={u.line} directory="N015" />
                </td>
                <td>
                  <CodedName value={u.cycle} directory="N016" />
                </td>
                <td>
                  <CodedName value={u.radiation} directory="N017" />
                </td>
                <td>{u.nauseaPrevention ? 'проведена' : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Block>
      {drugs.length > 0 && (
        <Block id="drugs" title={`Препараты (случай ${sl.slId})`}>
          <table className="table table-compact">
            <thead>
              <tr>
                <th scope="col">Препарат</th>
                <th scope="col">Схема</th>
                <th scope="col">Даты введения</th>
              </tr>
            </thead>
            <tbody>
              {drugs.map((d, j) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the drugs keep the file's order.
                <tr key={j}>
                  <td>
                    <CodedName value={d.drug} directory="N020" />
                  </td>
                  <td>
                    <CodedName value={d.scheme} directory="V024" />
                  </td>
                  <td>{d.dates.map(formatDate).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Block>
      )}
    </>
  );
}

/** Services (USL) of an episode: dates, the service, profile, diagnosis, specialty, quantity, amount. */
function ServicesTable({ services }: { services: readonly TimelineService[] }) {
  return (
    <table className="table table-compact">
      <thead>
        <tr>
          <th scope="col">Даты</th>
          <th scope="col">Услуга</th>
          <th scope="col">Профиль</th>
          <th scope="col">Диагноз</th>
          <th scope="col">Специальность</th>
          <th scope="col" className="cell-number">
            Количество
          </th>
          <th scope="col" className="cell-number">
            Сумма
          </th>
        </tr>
      </thead>
      <tbody>
        {services.map((u) => (
          <tr key={u.id}>
            <td className="cell-date">{period(u.dateIn, u.dateOut)}</td>
            <td>
              <span title={u.vidVme ? `Вмешательство ${u.vidVme}` : 'Код услуги по тарифу региона'}>
                {u.code}
              </span>
            </td>
            <td>
              <CodedName value={u.profile} directory="V002" />
            </td>
            <td>
              <CodedName value={u.diagnosis} directory="МКБ-10" />
            </td>
            <td>
              <CodedName value={u.specialty} directory="V021" />
            </td>
            <td className="cell-number">{Number(u.quantity).toLocaleString('ru-RU')}</td>
            <td className="cell-number">{formatMoney(u.amount)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
