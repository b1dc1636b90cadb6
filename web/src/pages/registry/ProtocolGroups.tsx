import { useSearchParams } from 'react-router';
import type { ProtocolGroup } from '../../api/registry';
import { TableScroll } from '../../components/TableScroll';
import { formatCount } from '../../format/numbers';
import { FieldName, FlkCode, recordReference, severityLabels } from './protocol-parts';

export const findingsAnchor = 'registry-findings';

/**
 * The protocol grouped by error code and field: the Russian message, how many findings, the first affected cases
 * (N_ZAP, IDCASE), and a button that opens all of them in the findings list below.
 */
export function ProtocolGroups({ groups }: { groups: readonly ProtocolGroup[] }) {
  const [, setParams] = useSearchParams();
  const showAll = (group: ProtocolGroup) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.set('code', group.code);
        if (group.field) next.set('field', group.field);
        else next.delete('field');
        next.delete('severity');
        next.delete('page');
        return next;
      },
      { preventScrollReset: true },
    );
    document.getElementById(findingsAnchor)?.scrollIntoView({ block: 'start' });
  };
  return (
    <TableScroll labelledBy="registry-protocol-title">
      <table className="table table-compact" data-testid="registry-protocol-groups">
        <thead>
          <tr>
            <th scope="col">Код ФЛК</th>
            <th scope="col">Поле</th>
            <th scope="col">Важность</th>
            <th scope="col">Сообщение</th>
            <th scope="col" className="cell-number">
              Замечаний
            </th>
            <th scope="col">Затронутые случаи</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr
              key={`${g.code}\n${g.rule}\n${g.basEl ?? ''}\n${g.field ?? ''}\n${g.severity}`}
              data-code={g.code}
            >
              <td>
                <FlkCode code={g.code} />
              </td>
              <td>
                <FieldName field={g.field} basEl={g.basEl} />
              </td>
              <td>{severityLabels[g.severity]}</td>
              <td className="registry-message-cell">{g.message}</td>
              <td className="cell-number">{formatCount(g.count)}</td>
              <td className="registry-cases-cell">
                <ul className="registry-cases" data-testid="registry-group-cases">
                  {g.examples.map((e, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: the examples are in file order and never move.
                    <li key={i} title={e.value ? `Значение: «${e.value}»` : undefined}>
                      {recordReference(e)}
                    </li>
                  ))}
                </ul>
                {g.count > g.examples.length && (
                  <span className="muted">и ещё {formatCount(g.count - g.examples.length)} </span>
                )}
                <button type="button" className="link-button" onClick={() => showAll(g)}>
                  Все замечания группы
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
