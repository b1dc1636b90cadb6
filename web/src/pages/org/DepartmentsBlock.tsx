import { useState } from 'react';
import { departmentKindLabels, type OrganisationCard } from '../../api/organisations';
import { StatusMessage } from '../../components/StatusMessage';
import { TableScroll } from '../../components/TableScroll';
import { formatDate } from '../../format/dates';
import { formatCount } from '../../format/numbers';
import { DepartmentForm } from './DepartmentForm';

interface BlockProps {
  card: OrganisationCard;
  canEdit: boolean;
  onChanged: () => void;
}

/** Departments with their bed stock, and the МО's bed stock summed by V020 profile. */
export function DepartmentsBlock({ card, canEdit, onChanged }: BlockProps) {
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const moCode = card.organisation.code;
  const done = () => {
    setEditing(null);
    onChanged();
  };
  const edited = card.departments.find((d) => d.code === editing);

  return (
    <section className="panel" aria-labelledby="org-departments" data-testid="org-departments">
      <div className="org-block-header">
        <h2 id="org-departments" className="panel-title">
          Отделения и коечный фонд
        </h2>
        {canEdit && editing === null && (
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => setEditing('new')}
          >
            Добавить отделение
          </button>
        )}
      </div>
      {editing !== null && (
        <DepartmentForm
          key={editing}
          moCode={moCode}
          {...(edited ? { initial: edited } : {})}
          onSaved={done}
          onCancel={() => setEditing(null)}
        />
      )}
      {card.departments.length === 0 ? (
        <StatusMessage kind="empty">Отделений нет.</StatusMessage>
      ) : (
        <TableScroll labelledBy="org-departments-caption">
          <table className="table table-compact">
            <caption id="org-departments-caption" className="visually-hidden">
              Отделения
            </caption>
            <thead>
              <tr>
                <th scope="col" className="cell-code">
                  Код
                </th>
                <th scope="col">Отделение</th>
                <th scope="col">Вид</th>
                <th scope="col">Профиль (V002)</th>
                <th scope="col">Условия (V006)</th>
                <th scope="col">Койки по профилям (V020)</th>
                {canEdit && (
                  <th scope="col">
                    <span className="visually-hidden">Действия</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {card.departments.map((d) => (
                <tr key={d.code}>
                  <td className="cell-code">{d.code}</td>
                  <td>
                    {d.name}
                    {d.dateEnd && <div className="muted">закрыто с {formatDate(d.dateEnd)}</div>}
                  </td>
                  <td>{departmentKindLabels[d.kind]}</td>
                  <td>
                    {d.profileV002} {d.profileName && <span className="muted">{d.profileName}</span>}
                  </td>
                  <td>
                    {d.conditionsV006} {d.conditionsName && <span className="muted">{d.conditionsName}</span>}
                  </td>
                  <td>
                    {d.beds.length === 0
                      ? '—'
                      : d.beds.map((b) => (
                          <div key={b.bedProfileV020}>
                            {b.bedProfileV020}{' '}
                            {b.bedProfileName && <span className="muted">{b.bedProfileName}</span>}:{' '}
                            <strong>{formatCount(b.beds)}</strong>
                          </div>
                        ))}
                  </td>
                  {canEdit && (
                    <td>
                      <button
                        type="button"
                        className="button button-secondary button-small"
                        onClick={() => setEditing(d.code)}
                        aria-label={`Изменить отделение ${d.code}`}
                      >
                        Изменить
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {card.bedsByProfile.length > 0 && (
        <>
          <h3 className="org-subtitle">Коечный фонд МО по профилям коек (V020)</h3>
          <TableScroll labelledBy="org-beds-caption">
            <table className="table table-compact" data-testid="org-beds">
              <caption id="org-beds-caption" className="visually-hidden">
                Коечный фонд по профилям коек
              </caption>
              <thead>
                <tr>
                  <th scope="col" className="cell-code">
                    V020
                  </th>
                  <th scope="col">Профиль койки</th>
                  <th scope="col" className="cell-number">
                    Коек
                  </th>
                  <th scope="col" className="cell-number">
                    Мужских
                  </th>
                  <th scope="col" className="cell-number">
                    Женских
                  </th>
                  <th scope="col" className="cell-number">
                    Детских
                  </th>
                </tr>
              </thead>
              <tbody>
                {card.bedsByProfile.map((b) => (
                  <tr key={b.bedProfileV020}>
                    <td className="cell-code">{b.bedProfileV020}</td>
                    <td>{b.bedProfileName ?? '—'}</td>
                    <td className="cell-number">{formatCount(b.beds)}</td>
                    <td className="cell-number">{formatCount(b.bedsMale)}</td>
                    <td className="cell-number">{formatCount(b.bedsFemale)}</td>
                    <td className="cell-number">{formatCount(b.bedsChild)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
    </section>
  );
}
