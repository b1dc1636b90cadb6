import { useState } from 'react';
import { districtKindLabels, type OrganisationCard } from '../../api/organisations';
import { StatusMessage } from '../../components/StatusMessage';
import { TableScroll } from '../../components/TableScroll';
import { formatDate } from '../../format/dates';
import { DistrictForm } from './DistrictForm';
import { DoctorForm } from './DoctorForm';

interface BlockProps {
  card: OrganisationCard;
  canEdit: boolean;
  onChanged: () => void;
}

function EditButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <button
      type="button"
      className="button button-secondary button-small"
      onClick={onClick}
      aria-label={label}
    >
      Изменить
    </button>
  );
}

/** Districts (участки) with their doctors. */
export function DistrictsBlock({ card, canEdit, onChanged }: BlockProps) {
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const edited = card.districts.find((d) => d.code === editing);
  return (
    <section className="panel" aria-labelledby="org-districts" data-testid="org-districts">
      <div className="org-block-header">
        <h2 id="org-districts" className="panel-title">
          Участки с врачами
        </h2>
        {canEdit && editing === null && (
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => setEditing('new')}
          >
            Добавить участок
          </button>
        )}
      </div>
      {editing !== null && (
        <DistrictForm
          key={editing}
          moCode={card.organisation.code}
          doctors={card.doctors}
          {...(edited ? { initial: edited } : {})}
          onSaved={() => {
            setEditing(null);
            onChanged();
          }}
          onCancel={() => setEditing(null)}
        />
      )}
      {card.districts.length === 0 ? (
        <StatusMessage kind="empty">Участков нет.</StatusMessage>
      ) : (
        <TableScroll labelledBy="org-districts-caption">
          <table className="table table-compact">
            <caption id="org-districts-caption" className="visually-hidden">
              Участки
            </caption>
            <thead>
              <tr>
                <th scope="col" className="cell-code">
                  Участок
                </th>
                <th scope="col">Вид</th>
                <th scope="col">Врач</th>
                <th scope="col">СНИЛС врача</th>
                {canEdit && (
                  <th scope="col">
                    <span className="visually-hidden">Действия</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {card.districts.map((d) => (
                <tr key={d.code}>
                  <td className="cell-code">{d.code}</td>
                  <td>
                    {districtKindLabels[d.kind]}
                    {d.remote && <div className="muted">отдалённый</div>}
                    {d.dateEnd && <div className="muted">закрыт с {formatDate(d.dateEnd)}</div>}
                  </td>
                  <td>{d.doctorName ?? '—'}</td>
                  <td className="cell-code">{d.doctorSnils}</td>
                  {canEdit && (
                    <td>
                      <EditButton label={`Изменить участок ${d.code}`} onClick={() => setEditing(d.code)} />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}

/** Doctors of the МО with their specialty (V021). */
export function DoctorsBlock({ card, canEdit, onChanged }: BlockProps) {
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const edited = card.doctors.find((d) => d.snils === editing);
  return (
    <section className="panel" aria-labelledby="org-doctors" data-testid="org-doctors">
      <div className="org-block-header">
        <h2 id="org-doctors" className="panel-title">
          Врачи
        </h2>
        {canEdit && editing === null && (
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => setEditing('new')}
          >
            Добавить врача
          </button>
        )}
      </div>
      {editing !== null && (
        <DoctorForm
          key={editing}
          moCode={card.organisation.code}
          {...(edited ? { initial: edited } : {})}
          onSaved={() => {
            setEditing(null);
            onChanged();
          }}
          onCancel={() => setEditing(null)}
        />
      )}
      {card.doctors.length === 0 ? (
        <StatusMessage kind="empty">Врачей нет.</StatusMessage>
      ) : (
        <TableScroll labelledBy="org-doctors-caption">
          <table className="table table-compact">
            <caption id="org-doctors-caption" className="visually-hidden">
              Врачи
            </caption>
            <thead>
              <tr>
                <th scope="col">ФИО</th>
                <th scope="col">СНИЛС</th>
                <th scope="col">Специальность (V021)</th>
                {canEdit && (
                  <th scope="col">
                    <span className="visually-hidden">Действия</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {card.doctors.map((d) => (
                <tr key={d.snils}>
                  <td>{[d.fam, d.im, d.ot].filter(Boolean).join(' ')}</td>
                  <td className="cell-code">{d.snils}</td>
                  <td>
                    {d.specialtyV021} {d.specialtyName && <span className="muted">{d.specialtyName}</span>}
                  </td>
                  {canEdit && (
                    <td>
                      <EditButton label={`Изменить врача ${d.snils}`} onClick={() => setEditing(d.snils)} />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
