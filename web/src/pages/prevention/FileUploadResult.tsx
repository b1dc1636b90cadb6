import type { ReactNode } from 'react';
import type { PreventionFileAnswer } from '../../api/prevention';
import { TableScroll } from '../../components/TableScroll';
import { formatCount } from '../../format/numbers';
import { AnswerFileLink } from './AnswerFileLink';

/** More rows than this are no table to read: the rest are in the answer file (a plan list) or counted. */
const maxRowsShown = 200;

const titles: Record<PreventionFileAnswer['status'], string> = {
  accepted: 'Файл принят',
  partially_accepted: 'Файл принят частично',
  rejected: 'Файл отклонён',
  duplicate: 'Этот файл уже загружался: показан прежний результат',
};

/**
 * What an uploaded prevention file answered (a plan list `PROF` or a ГИС ОМС ДН file `GST`/`GPT`): how many of its
 * records were accepted and rejected, each record with findings and its FLK messages, and for a plan list the
 * error answer to download. `children` follows the counts (e.g. a link to the plan).
 */
export function FileUploadResult({
  answer,
  children,
}: {
  answer: PreventionFileAnswer;
  children?: ReactNode;
}) {
  const withIssues = answer.records.filter((r) => r.status === 'rejected' || r.issues.length > 0);
  const shown = withIssues.slice(0, maxRowsShown);
  return (
    <section
      className="panel"
      aria-labelledby="prevention-file-result-title"
      data-testid="prevention-file-result"
      data-status={answer.status}
      data-accepted={answer.accepted}
      data-rejected={answer.rejected}
    >
      <h2 id="prevention-file-result-title" className="panel-title">
        {titles[answer.status]}
      </h2>
      <p role="status">
        Файл {answer.fileName}: записей {formatCount(answer.total)}, принято{' '}
        <strong data-testid="prevention-file-accepted">{formatCount(answer.accepted)}</strong>, отклонено{' '}
        <strong data-testid="prevention-file-rejected">{formatCount(answer.rejected)}</strong>.
        {children && <> {children}</>}
      </p>
      {answer.answerFile && <AnswerFileLink file={answer.answerFile} />}
      {shown.length > 0 && (
        <TableScroll labelledBy="prevention-file-issues-caption">
          <table className="table table-compact" data-testid="prevention-file-issues">
            <caption id="prevention-file-issues-caption">Записи с ошибками и предупреждениями</caption>
            <thead>
              <tr>
                <th scope="col" className="cell-number">
                  № записи
                </th>
                <th scope="col">Идентификатор записи</th>
                <th scope="col">Итог</th>
                <th scope="col">Результат проверки</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((record) => (
                <tr
                  key={record.ordinal}
                  data-testid="prevention-file-record"
                  data-source-id={record.sourceId ?? ''}
                  data-status={record.status}
                >
                  <td className="cell-number">{record.nomerZ ?? record.ordinal}</td>
                  <td>{record.sourceId ?? '—'}</td>
                  <td>{record.status === 'accepted' ? 'принята' : 'отклонена'}</td>
                  <td>
                    <ul className="file-issues">
                      {record.issues.map((issue) => (
                        <li key={`${issue.rule}\n${issue.field ?? ''}\n${issue.message}`}>
                          {issue.severity === 'warning' && 'Предупреждение: '}
                          {issue.message}
                          {issue.value !== undefined && <> (указано «{issue.value}»)</>}{' '}
                          <span className="muted">код {issue.code}</span>
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {withIssues.length > shown.length && (
        <p className="field-hint">
          Показаны первые {formatCount(shown.length)} из {formatCount(withIssues.length)} записей с ошибками
          {answer.answerFile ? ': все они — в файле ответа.' : '.'}
        </p>
      )}
    </section>
  );
}
