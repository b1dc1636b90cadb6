import { useState } from 'react';
import { useParams } from 'react-router';
import { describeError } from '../../api/api-error';
import { downloadProtocolCsv, fetchJournalEntry, type JournalEntryDetail } from '../../api/exchange-journal';
import { PageHeader } from '../../components/PageHeader';
import { StatusMessage } from '../../components/StatusMessage';
import { TableScroll } from '../../components/TableScroll';
import { formatDateTime } from '../../format/dates';
import { formatCount } from '../../format/numbers';
import { useApiQuery } from '../../hooks/useApiQuery';
import { fieldTitle } from './field-titles';
import { JournalStatus } from './journal-columns';
import { channelLabels, countOrDash, journalRootPath } from './journal-labels';
import './exchange-journal.css';

/** One package of the journal: who sent what over which channel, and its protocol grouped by FLK code and field. */
export function JournalEntryPage() {
  const { id = '' } = useParams();
  const { data, error, loading, reload } = useApiQuery(`journal-entry\n${id}`, (signal) =>
    fetchJournalEntry(id, signal),
  );
  return (
    <>
      <PageHeader
        title={data?.packageId ? `Пакет ${data.packageId}` : 'Пакет обмена'}
        crumbs={[{ to: journalRootPath, label: 'Журнал обмена' }]}
      />
      {error !== undefined && (
        <StatusMessage kind="error" onRetry={reload}>
          Не удалось загрузить пакет. {describeError(error)}
        </StatusMessage>
      )}
      {loading && !data && <StatusMessage kind="loading">Загрузка пакета…</StatusMessage>}
      {data && <EntryDetails entry={data} />}
    </>
  );
}

function EntryDetails({ entry }: { entry: JournalEntryDetail }) {
  const [download, setDownload] = useState<{ busy: boolean; error?: unknown }>({ busy: false });
  const rows: [string, string | React.ReactNode][] = [
    ['Получен', formatDateTime(entry.receivedAt)],
    ['Отправитель', entry.senderName ? `${entry.senderName} (код ${entry.senderCode})` : entry.senderCode],
    ['Канал', channelLabels[entry.channel] ?? entry.channel],
    ['Раздел', entry.sourceTitle],
    ['Вид пакета', entry.kindTitle],
    ['Статус', <JournalStatus key="status" status={entry.status} />],
    ['Записей', countOrDash(entry.total)],
    ['Принято', countOrDash(entry.accepted)],
    ['Отклонено', countOrDash(entry.rejected)],
  ];
  const save = async () => {
    setDownload({ busy: true });
    try {
      await downloadProtocolCsv(entry.id);
      setDownload({ busy: false });
    } catch (error) {
      setDownload({ busy: false, error });
    }
  };
  return (
    <>
      <section className="panel" aria-labelledby="entry-heading">
        <h2 id="entry-heading" className="panel-title">
          Сведения о пакете
        </h2>
        <dl className="details-list" data-testid="journal-entry">
          {rows.map(([label, value]) => (
            <div key={label} className="details-row">
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section className="panel" aria-labelledby="protocol-heading" data-testid="journal-protocol">
        <h2 id="protocol-heading" className="panel-title">
          Протокол ФЛК
        </h2>
        <div className="journal-protocol-actions">
          <button type="button" className="button" onClick={save} disabled={download.busy}>
            {download.busy ? 'Выгрузка…' : 'Скачать протокол (CSV)'}
          </button>
          <span>
            {entry.findings === 0
              ? 'Замечаний нет.'
              : `Замечаний: ${formatCount(entry.findings)}, по кодам и полям: ${formatCount(entry.groups.length)}.`}
          </span>
        </div>
        {download.error !== undefined && (
          <StatusMessage kind="error">
            Не удалось скачать протокол. {describeError(download.error)}
          </StatusMessage>
        )}
        {entry.groups.length > 0 && (
          <TableScroll labelledBy="protocol-heading">
            <table className="table table-compact" data-testid="protocol-groups">
              <thead>
                <tr>
                  <th scope="col">Код ФЛК</th>
                  <th scope="col">Поле</th>
                  <th scope="col">Важность</th>
                  <th scope="col">Сообщение</th>
                  <th scope="col" className="cell-number">
                    Замечаний
                  </th>
                  <th scope="col" className="cell-number">
                    Записей
                  </th>
                  <th scope="col">Номера записей</th>
                </tr>
              </thead>
              <tbody>
                {entry.groups.map((g) => (
                  <tr key={`${g.code}\n${g.field ?? ''}`}>
                    <td className="cell-code">{g.code}</td>
                    <td>{g.field ? <span title={g.field}>{fieldTitle(g.field)}</span> : 'Пакет в целом'}</td>
                    <td>{g.severity === 'error' ? 'Ошибка' : 'Предупреждение'}</td>
                    <td>{g.message}</td>
                    <td className="cell-number">{formatCount(g.findings)}</td>
                    <td className="cell-number">{formatCount(g.records)}</td>
                    <td>
                      {g.ordinals.map((o) => (o === 0 ? 'пакет' : String(o))).join(', ')}
                      {g.records > g.ordinals.length ? ' …' : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
    </>
  );
}
