import { Link, useParams } from 'react-router';
import { describeError } from '../../api/api-error';
import { fetchPerson, type PersonCard } from '../../api/persons';
import { Named } from '../../components/Named';
import { PageHeader } from '../../components/PageHeader';
import { StatusMessage } from '../../components/StatusMessage';
import { TableScroll } from '../../components/TableScroll';
import { formatDate } from '../../format/dates';
import { useApiQuery } from '../../hooks/useApiQuery';
import { ReferPersonAction } from '../hospitalisation/ReferPersonAction';
import { PersonAccessLog } from './PersonAccessLog';
import { fullName, personsRootPath, sexTitle } from './person-format';

const crumbs = [{ label: 'Застрахованные лица', to: personsRootPath }];

function period(from: string, to: string | null) {
  return `${formatDate(from)} — ${to ? formatDate(to) : 'по настоящее время'}`;
}

function Demographics({ card }: { card: PersonCard }) {
  const p = card.person;
  const rows: [string, string][] = [
    ['ЕНП', p.enp],
    ['СНИЛС', p.snils ?? '—'],
    ['Дата рождения', formatDate(p.birthDate)],
    ['Пол', sexTitle(p.sex)],
    ['Документ', p.docNum ? `${p.docSer ?? ''} ${p.docNum}`.trim() : '—'],
    ['Телефон', p.phone ?? '—'],
  ];
  return (
    <section className="panel" aria-labelledby="person-demographics">
      <h2 className="panel-title" id="person-demographics">
        Сведения о лице
      </h2>
      <dl className="details-list" data-testid="person-demographics">
        {rows.map(([label, value]) => (
          <div key={label} className="details-row">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function Policies({ card }: { card: PersonCard }) {
  return (
    <section className="panel" aria-labelledby="person-policies">
      <h2 className="panel-title" id="person-policies">
        Полисы ОМС
      </h2>
      <TableScroll labelledBy="person-policies">
        <table className="table table-compact" data-testid="person-policies">
          <thead>
            <tr>
              <th scope="col">Вид полиса</th>
              <th scope="col">Номер</th>
              <th scope="col">СМО</th>
              <th scope="col">Период действия</th>
              <th scope="col">Состояние</th>
            </tr>
          </thead>
          <tbody>
            {card.policies.map((p) => (
              <tr key={p.id}>
                <td>{p.policyTypeName ?? p.policyType}</td>
                <td className="cell-code">{p.number}</td>
                <td>
                  <Named code={p.smoCode} name={p.smoShortName} />
                </td>
                <td>{period(p.dateBeg, p.dateEnd)}</td>
                <td>{p.current ? 'действует' : (p.closeReason ?? 'закрыт')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}

function Attachments({ card }: { card: PersonCard }) {
  return (
    <section className="panel" aria-labelledby="person-attachments">
      <h2 className="panel-title" id="person-attachments">
        Прикрепление
      </h2>
      {card.attachments.length === 0 ? (
        <StatusMessage kind="empty">Сведений о прикреплении нет.</StatusMessage>
      ) : (
        <TableScroll labelledBy="person-attachments">
          <table className="table table-compact" data-testid="person-attachments">
            <thead>
              <tr>
                <th scope="col">МО</th>
                <th scope="col">Участок</th>
                <th scope="col">Врач</th>
                <th scope="col">Период</th>
              </tr>
            </thead>
            <tbody>
              {card.attachments.map((a) => (
                <tr key={a.id}>
                  <td>
                    <Named code={a.moCode} name={a.moShortName} />
                  </td>
                  <td>{a.districtCode}</td>
                  <td>
                    {a.doctorName ?? '—'} <span className="muted">{a.doctorSnils}</span>
                  </td>
                  <td>{period(a.dateBeg, a.dateEnd)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}

function SectionLinks({ card }: { card: PersonCard }) {
  return (
    <section className="panel" aria-labelledby="person-sections">
      <h2 className="panel-title" id="person-sections">
        Записи о лице в разделах
      </h2>
      {card.sections.length === 0 ? (
        <StatusMessage kind="empty">
          В доступных вам разделах записей об этом лице нет (направления, госпитализации, профилактика и
          другие обмены появятся здесь, как только они будут получены).
        </StatusMessage>
      ) : (
        <ul data-testid="person-sections">
          {card.sections.map((s) => (
            <li key={s.sectionId}>
              <Link to={`${s.path}?personId=${encodeURIComponent(card.person.id)}`}>{s.title}</Link>:{' '}
              {s.count}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The person card: demographics, policy and attachment histories, section links, and who looked at it. */
export function PersonCardPage() {
  const id = useParams().id ?? '';
  const card = useApiQuery(`person\n${id}`, (signal) => fetchPerson(id, signal));
  if (card.error) {
    return (
      <>
        <PageHeader title="Карточка застрахованного" crumbs={crumbs} />
        <StatusMessage kind="error">{describeError(card.error)}</StatusMessage>
      </>
    );
  }
  if (!card.data) {
    return (
      <>
        <PageHeader title="Карточка застрахованного" crumbs={crumbs} />
        <StatusMessage kind="loading">Загрузка карточки…</StatusMessage>
      </>
    );
  }
  const data = card.data;
  const current = data.policies.find((p) => p.current);
  return (
    <>
      <PageHeader
        title={fullName(data.person)}
        crumbs={crumbs}
        actions={<ReferPersonAction personId={data.person.id} />}
        description={
          current
            ? `Застрахован: ${current.smoShortName ?? ''} (${current.smoCode}), полис ${current.number}`
            : 'Нет действующего полиса ОМС в регионе'
        }
      />
      <Demographics card={data} />
      <Policies card={data} />
      <Attachments card={data} />
      <SectionLinks card={data} />
      <PersonAccessLog personId={data.person.id} />
    </>
  );
}
