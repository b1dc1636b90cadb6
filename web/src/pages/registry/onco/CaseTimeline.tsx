import type { ReactNode } from 'react';
import type { TimelineCase, TimelineOncoBlock, TimelineService, TimelineSl } from '../../../api/onco';
import { StatusMessage } from '../../../components/StatusMessage';
import { TableScroll } from '../../../components/TableScroll';
import { formatDate } from '../../../format/dates';
import { DetailsList } from '../../hospitalisation/DetailsList';
import { kindFullTitle, kindShortTitle } from '../registry-labels';
import { CodedName, formatMoney, formatPeriodText, OrgName, TimelinessFlag } from './onco-format';

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

const period = (from: string, to: string) =>
  from === to ? formatDate(from) : `${formatDate(from)} — ${formatDate(to)}`;

/** A person's cases in date order, each with its treatment episodes (SL) and every onco field group. */
export function CaseTimeline({
  cases,
  view,
  loading,
}: {
  cases: readonly TimelineCase[];
  view: string;
  loading: boolean;
}) {
  if (cases.length === 0) {
    return loading ? (
      <StatusMessage kind="loading">Загрузка…</StatusMessage>
    ) : (
      <StatusMessage kind="empty">{emptyTexts[view] ?? emptyTexts.all}</StatusMessage>
    );
  }
  return (
    <ol className="onco-timeline" data-testid="onco-timeline" aria-busy={loading}>
      {cases.map((c) => (
        <li key={c.id} className={c.onco ? 'onco-case onco-case-onco' : 'onco-case'} data-testid="onco-case">
          <CaseCard item={c} />
        </li>
      ))}
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
      <DetailsList
        rows={[
          ['Номер случая', item.idcase],
          [
            'Реестр',
            <span key="kind" title={`${kindFullTitle(item.fileKind) ?? ''} (файл ${item.fileKind})`}>
              {kindShortTitle(item.fileKind) ?? item.fileKind}, {formatPeriodText(item.period)}
            </span>,
          ],
          ['Вид помощи', <CodedName key="kind" value={item.kind} directory="V008" />],
          ['Форма помощи', <CodedName key="form" value={item.form} directory="V014" />],
          [
            'Направила',
            item.referredBy ? (
              <span key="ref">
                <OrgName value={item.referredBy.mo} />
                {item.referredBy.date ? `, ${formatDate(item.referredBy.date)}` : ''}
              </span>
            ) : null,
          ],
          ['Результат', <CodedName key="result" value={item.result} />],
          ['Исход', <CodedName key="outcome" value={item.outcome} directory="V012" />],
          ['СМО', <OrgName key="smo" value={item.smo} />],
          ['Сумма', formatMoney(item.amount)],
        ]}
      />
      {item.sl.map((sl) => (
        <SlCard key={sl.id} sl={sl} />
      ))}
    </article>
  );
}

function Group({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="onco-field-group" data-group={id} data-testid={`onco-group-${id}`}>
      <h5 className="onco-field-group-title">{title}</h5>
      {children}
    </section>
  );
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
      <DetailsList
        rows={[
          ['МО', <OrgName key="mo" value={sl.mo} />],
          ['Отделение', sl.department],
          [
            'Профиль койки',
            sl.bedProfile ? <CodedName key="bed" value={sl.bedProfile} directory="V020" /> : null,
          ],
          ['Номер истории болезни', sl.history],
          [
            'Первичный диагноз',
            sl.preliminaryDiagnosis ? (
              <CodedName key="ds0" value={sl.preliminaryDiagnosis} directory="МКБ-10" />
            ) : null,
          ],
          [
            'Сопутствующие',
            sl.concomitant.length > 0 ? (
              <CodedList key="ds2" values={sl.concomitant} directory="МКБ-10" />
            ) : null,
          ],
          [
            'Осложнения',
            sl.complications.length > 0 ? (
              <CodedList key="ds3" values={sl.complications} directory="МКБ-10" />
            ) : null,
          ],
          [
            'Диспансерное наблюдение',
            sl.dispensary !== null ? (dispensaryLabels[sl.dispensary] ?? String(sl.dispensary)) : null,
          ],
          ['Специальность врача', <CodedName key="prvs" value={sl.specialty} directory="V021" />],
          ['Сумма', formatMoney(sl.amount)],
        ]}
      />
      <div className="onco-groups">
        <Group id="suspicion" title="Подозрение на ЗНО">
          <p>
            {sl.suspicion ? <strong>Да, подозрение на ЗНО</strong> : 'Нет'}
            {sl.firstDetected && <span className="onco-badge">выявлено впервые</span>}
          </p>
        </Group>
        {sl.referrals.length > 0 && (
          <Group id="referrals" title="Направления при подозрении на ЗНО">
            <TableScroll labelledBy={`onco-ref-${sl.id}`}>
              <table className="table table-compact">
                <caption id={`onco-ref-${sl.id}`} className="visually-hidden">
                  Направления
                </caption>
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
                      <td>
                        {r.service ? <span title="Номенклатура медицинских услуг">{r.service}</span> : '—'}
                      </td>
                      <td>
                        <TimelinessFlag value={r.timeliness} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </Group>
        )}
        <Group id="character" title="Характер заболевания">
          <CodedName value={sl.character} directory="V027" />
        </Group>
        {onco && <OncoBlock sl={sl} onco={onco} />}
        {sl.consilia.length > 0 && (
          <Group id="consilium" title="Консилиум">
            <ul className="onco-list">
              {sl.consilia.map((c, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: consilia keep the file's order.
                <li key={i}>
                  <CodedName value={c.purpose} directory="N019" />
                  {c.date ? `, ${formatDate(c.date)}` : ''}
                </li>
              ))}
            </ul>
          </Group>
        )}
        {sl.services.length > 0 && (
          <Group id="services" title="Услуги">
            <ServicesTable services={sl.services} caption={`Услуги случая ${sl.slId}`} />
          </Group>
        )}
      </div>
    </section>
  );
}

function CodedList({ values, directory }: { values: TimelineSl['concomitant']; directory: string }) {
  return (
    <>
      {values.map((v, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: diagnoses keep the file's order.
        <span key={i}>
          {i > 0 && '; '}
          <CodedName value={v} directory={directory} />
        </span>
      ))}
    </>
  );
}

function OncoBlock({ sl, onco }: { sl: TimelineSl; onco: TimelineOncoBlock }) {
  const yes = (v: boolean | null) => (v === null ? '—' : v ? 'есть' : 'нет');
  const dose = onco.totalDose !== null || onco.fractions !== null;
  const body = onco.weight !== null || onco.height !== null || onco.bodySurface !== null;
  return (
    <>
      <Group id="reason" title="Повод обращения">
        <CodedName value={onco.reason} directory="N018" />
      </Group>
      <Group id="stage" title="Стадия и TNM">
        <DetailsList
          rows={[
            ['Стадия', <CodedName key="st" value={onco.stage} directory="N002" />],
            ['T', <CodedName key="t" value={onco.tnm.t} directory="N003" />],
            ['N', <CodedName key="n" value={onco.tnm.n} directory="N004" />],
            ['M', <CodedName key="m" value={onco.tnm.m} directory="N005" />],
            ['Отдалённые метастазы', yes(onco.distantMetastases)],
          ]}
        />
      </Group>
      {onco.diagnostics.length > 0 && (
        <Group id="diagnostics" title="Гистология и маркёры">
          <TableScroll labelledBy={`onco-diag-${sl.id}`}>
            <table className="table table-compact">
              <caption id={`onco-diag-${sl.id}`} className="visually-hidden">
                Диагностический блок
              </caption>
              <thead>
                <tr>
                  <th scope="col">Дата взятия материала</th>
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
          </TableScroll>
        </Group>
      )}
      {onco.refusals.length > 0 && (
        <Group id="refusals" title="Противопоказания и отказы">
          <ul className="onco-list">
            {onco.refusals.map((r, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the records keep the file's order.
              <li key={i}>
                <CodedName value={r.reason} directory="N001" />, {formatDate(r.date)}
              </li>
            ))}
          </ul>
        </Group>
      )}
      {(dose || body) && (
        <Group id="dose" title="Лучевая нагрузка и параметры пациента">
          <DetailsList
            rows={[
              ['Суммарная очаговая доза', onco.totalDose !== null ? `${onco.totalDose} Гр` : null],
              ['Количество фракций', onco.fractions !== null ? String(onco.fractions) : null],
              ['Масса тела', onco.weight !== null ? `${onco.weight} кг` : null],
              ['Рост', onco.height !== null ? `${onco.height} см` : null],
              ['Площадь поверхности тела', onco.bodySurface !== null ? `${onco.bodySurface} м²` : null],
            ]}
          />
        </Group>
      )}
      {onco.services.length > 0 && (
        <Group id="treatment" title="Лечение">
          <ul className="onco-treatments">
            {onco.services.map((u, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the services keep the file's order.
              <li key={i} className="onco-treatment">
                <DetailsList
                  rows={[
                    ['Тип услуги', <CodedName key="t" value={u.type} directory="N013" />],
                    [
                      'Хирургическое лечение',
                      u.surgery ? <CodedName key="s" value={u.surgery} directory="N014" /> : null,
                    ],
                    ['Линия терапии', u.line ? <CodedName key="l" value={u.line} directory="N015" /> : null],
                    ['Цикл терапии', u.cycle ? <CodedName key="c" value={u.cycle} directory="N016" /> : null],
                    [
                      'Лучевая терапия',
                      u.radiation ? <CodedName key="r" value={u.radiation} directory="N017" /> : null,
                    ],
                    ['Профилактика тошноты и рвоты', u.nauseaPrevention ? 'проведена' : null],
                  ]}
                />
                {u.drugs.length > 0 && (
                  <div data-testid="onco-group-drugs">
                    <TableScroll labelledBy={`onco-drugs-${sl.id}-${i}`}>
                      <table className="table table-compact">
                        <caption id={`onco-drugs-${sl.id}-${i}`} className="onco-caption">
                          Препараты
                        </caption>
                        <thead>
                          <tr>
                            <th scope="col">Препарат</th>
                            <th scope="col">Схема</th>
                            <th scope="col">Даты введения</th>
                          </tr>
                        </thead>
                        <tbody>
                          {u.drugs.map((d, j) => (
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
                    </TableScroll>
                  </div>
                )}
              </li>
            ))}
          </ul>
        </Group>
      )}
    </>
  );
}

/** Services (USL) of an episode or of the person: dates, МО, profile, diagnosis, the service, amount. */
export function ServicesTable({
  services,
  caption,
}: {
  services: readonly TimelineService[];
  caption: string;
}) {
  return (
    <TableScroll labelledBy={`onco-usl-${caption}`}>
      <table className="table table-compact">
        <caption id={`onco-usl-${caption}`} className="visually-hidden">
          {caption}
        </caption>
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
              <td className="cell-number">{u.quantity}</td>
              <td className="cell-number">{formatMoney(u.amount)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
