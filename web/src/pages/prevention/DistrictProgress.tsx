import { describeError } from '../../api/api-error';
import { type Funnel, fetchFunnel, type PreventionKind } from '../../api/prevention';
import { StatusMessage } from '../../components/StatusMessage';
import { TableScroll } from '../../components/TableScroll';
import { formatCount } from '../../format/numbers';
import { useApiQuery } from '../../hooks/useApiQuery';
import { funnelStagesOf } from './checkup-labels';

interface DistrictProgressProps {
  year: string;
  kind: PreventionKind;
  moCode: string;
  districts: readonly { code: string; doctorName: string | null }[];
  /** Opens the funnel of one district. */
  onPick: (districtCode: string) => void;
}

interface Row {
  code: string;
  doctorName: string | null;
  funnel: Funnel;
}

/**
 * Progress per district of an МО: the funnel's counts of each district (one funnel request each, counts only) and
 * of the whole МО; persons planned without a district make their own row when there are any.
 */
export function DistrictProgress({ year, kind, moCode, districts, onPick }: DistrictProgressProps) {
  const stages = funnelStagesOf(kind);
  const key = `district-progress\n${year}\n${kind}\n${moCode}\n${districts.map((d) => d.code).join(',')}`;
  const { data, error, reload } = useApiQuery(key, async (signal) => {
    const funnelOf = async (districtCode?: string) =>
      (await fetchFunnel({ year, kind, moCode, districtCode }, signal)).funnel;
    const [total, ...rows] = await Promise.all([
      funnelOf(),
      ...districts.map(async (d): Promise<Row> => ({ ...d, funnel: await funnelOf(d.code) })),
    ]);
    return { total: total as Funnel, rows: rows as Row[] };
  });

  if (error !== undefined) {
    return (
      <StatusMessage kind="error" onRetry={reload}>
        Не удалось загрузить ход по участкам. {describeError(error)}
      </StatusMessage>
    );
  }
  if (!data) return <StatusMessage kind="loading">Загрузка хода по участкам…</StatusMessage>;
  const withoutDistrict = data.total.planned - data.rows.reduce((sum, r) => sum + r.funnel.planned, 0);
  const rows = data.rows.filter((r) => r.funnel.planned > 0);
  // Finishing the first stage (ПМО: the examination) completes it unless the doctor sends the person on.
  const share = (f: Funnel) => (f.planned > 0 ? Math.round((f.finishedStage1 / f.planned) * 100) : 0);

  const cells = (f: Funnel) => (
    <>
      {stages.map((s) => (
        <td key={s.key} className="cell-number" data-stage={s.key}>
          {formatCount(f[s.key])}
        </td>
      ))}
      {kind !== 'DN' && (
        <td className="checkup-share-cell">
          <span className="checkup-share" aria-hidden="true">
            <span style={{ width: `${share(f)}%` }} />
          </span>
          {share(f)} %
        </td>
      )}
    </>
  );

  return (
    <section aria-labelledby="district-progress" className="panel" data-testid="district-progress">
      <h2 id="district-progress" className="panel-title">
        Ход по участкам
      </h2>
      {rows.length === 0 && withoutDistrict <= 0 ? (
        <StatusMessage kind="empty">В плане этой МО на выбранный год никого нет.</StatusMessage>
      ) : (
        <TableScroll labelledBy="district-progress">
          <table className="table table-dense">
            <thead>
              <tr>
                <th scope="col">Участок</th>
                {stages.map((s) => (
                  <th key={s.key} scope="col" className="cell-number">
                    {s.label}
                  </th>
                ))}
                {kind !== 'DN' && <th scope="col">Доля завершивших</th>}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.code} data-testid="district-row" data-district={r.code}>
                  <th scope="row">
                    <button type="button" className="link-button" onClick={() => onPick(r.code)}>
                      {r.code}
                    </button>
                    {r.doctorName && <div className="muted">{r.doctorName}</div>}
                  </th>
                  {cells(r.funnel)}
                </tr>
              ))}
              {withoutDistrict > 0 && (
                <tr>
                  <th scope="row">Без участка</th>
                  <td className="cell-number" colSpan={stages.length + (kind === 'DN' ? 0 : 1)}>
                    запланировано {formatCount(withoutDistrict)}
                  </td>
                </tr>
              )}
            </tbody>
            <tfoot>
              <tr className="table-totals">
                <th scope="row">Всего по МО</th>
                {cells(data.total)}
              </tr>
            </tfoot>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
