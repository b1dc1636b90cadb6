import { describeError } from '../../api/api-error';
import { fetchSurveys } from '../../api/patient-informing';
import { StatusMessage } from '../../components/StatusMessage';
import { TableScroll } from '../../components/TableScroll';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useInformingAccess } from '../informing/use-informing-access';
import { surveyColumns } from './survey-columns';

const personSurveysLimit = 100;

/** The surveys one person answered under their name, the latest first (the person card's link shows them). */
export function PersonSurveys({ personId }: { personId: string }) {
  const access = useInformingAccess();
  const { data, error, loading, reload } = useApiQuery(`informing-person-surveys\n${personId}`, (signal) =>
    fetchSurveys({ personId, page: 1, pageSize: personSurveysLimit }, signal),
  );
  const columns = surveyColumns({ withSmo: !access.isSmo, personLinks: false });
  const surveys = data?.items ?? [];
  return (
    <section className="panel" aria-labelledby="person-surveys-title" data-testid="person-surveys">
      <h2 id="person-surveys-title" className="panel-title">
        Анкеты гражданина
      </h2>
      {error !== undefined && (
        <StatusMessage kind="error" onRetry={reload}>
          Не удалось загрузить анкеты. {describeError(error)}
        </StatusMessage>
      )}
      {loading && !data && <StatusMessage kind="loading">Загрузка анкет…</StatusMessage>}
      {data && surveys.length === 0 && (
        <StatusMessage kind="empty">Анкет, заполненных гражданином под своим именем, нет.</StatusMessage>
      )}
      {surveys.length > 0 && (
        <TableScroll labelledBy="person-surveys-title">
          <table className="table table-dense">
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c.id} scope="col" className={c.className}>
                    {c.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {surveys.map((s) => (
                <tr key={s.id}>
                  {columns.map((c) => (
                    <td key={c.id} className={c.className}>
                      {c.cell(s)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {data?.hasMore && <p className="muted">Показаны последние {personSurveysLimit} анкет.</p>}
    </section>
  );
}
