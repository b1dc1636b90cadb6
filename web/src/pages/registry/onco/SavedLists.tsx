import { type FormEvent, useState } from 'react';
import { describeError } from '../../../api/api-error';
import {
  deleteOncoList,
  exportOncoPersons,
  fetchOncoLists,
  type OncoCriteriaInput,
  type OncoList,
  saveOncoList,
} from '../../../api/onco';
import { Field } from '../../../components/Field';
import { FormError } from '../../../components/FormError';
import { StatusMessage } from '../../../components/StatusMessage';
import { TableScroll } from '../../../components/TableScroll';
import { formatDateTime } from '../../../format/dates';
import { useApiQuery } from '../../../hooks/useApiQuery';
import { conditionCount, fromCriteria } from './criteria-model';

interface SavedListsProps {
  /** The criteria in force (the list shown below): what «Сохранить» saves. */
  criteria: OncoCriteriaInput;
  canSave: boolean;
  onOpen: (criteria: unknown) => void;
}

/**
 * Saved criteria: the user's own and those shared within the organisation — opened into the builder, exported,
 * deleted (own only); the criteria in force saved under a name, for oneself or the whole organisation.
 */
export function SavedLists({ criteria, canSave, onOpen }: SavedListsProps) {
  const [changes, setChanges] = useState(0);
  const lists = useApiQuery(`onco-lists\n${changes}`, (signal) => fetchOncoLists(signal));
  const [name, setName] = useState('');
  const [shared, setShared] = useState(true);
  const [failure, setFailure] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!name.trim()) {
      setFailure('Укажите название списка.');
      return;
    }
    setBusy(true);
    setFailure(null);
    setSaved(null);
    try {
      const list = await saveOncoList({ name: name.trim(), criteria, shared });
      setSaved(list.name);
      setName('');
      setChanges((n) => n + 1);
    } catch (error) {
      setFailure(`Список не сохранён. ${describeError(error)}`);
    } finally {
      setBusy(false);
    }
  }

  async function remove(list: OncoList) {
    setActionError(null);
    try {
      await deleteOncoList(list.id);
      setChanges((n) => n + 1);
    } catch (error) {
      setActionError(`Список «${list.name}» не удалён. ${describeError(error)}`);
    }
  }

  async function download(list: OncoList) {
    setActionError(null);
    try {
      await exportOncoPersons('xlsx', { listId: list.id });
    } catch (error) {
      setActionError(`Список «${list.name}» не выгружен. ${describeError(error)}`);
    }
  }

  const items = lists.data?.items ?? [];
  return (
    <section className="panel" aria-labelledby="onco-lists-title" data-testid="onco-saved-lists">
      <h2 id="onco-lists-title" className="panel-title">
        Сохранённые списки
      </h2>
      {canSave && (
        <form className="onco-save" onSubmit={save} noValidate aria-label="Сохранение условий">
          <FormError message={failure} />
          <Field
            name="listName"
            label="Название списка"
            hint="Сохраняются условия, по которым построен список ниже."
            value={name}
            maxLength={200}
            onChange={(event) => setName(event.target.value)}
          />
          <label className="onco-check">
            <input type="checkbox" checked={shared} onChange={(event) => setShared(event.target.checked)} />
            доступен всем сотрудникам организации
          </label>
          <button type="submit" className="button" disabled={busy}>
            {busy ? 'Сохранение…' : 'Сохранить условия'}
          </button>
          {saved && (
            <p className="status status-info" role="status">
              Список «{saved}» сохранён.
            </p>
          )}
        </form>
      )}
      {actionError && <StatusMessage kind="error">{actionError}</StatusMessage>}
      {lists.error !== undefined && (
        <StatusMessage kind="error" onRetry={lists.reload}>
          Не удалось загрузить сохранённые списки. {describeError(lists.error)}
        </StatusMessage>
      )}
      {lists.data && items.length === 0 && (
        <StatusMessage kind="empty">Сохранённых списков пока нет.</StatusMessage>
      )}
      {items.length > 0 && (
        <TableScroll labelledBy="onco-lists-title">
          <table className="table table-compact" data-testid="onco-lists">
            <thead>
              <tr>
                <th scope="col">Название</th>
                <th scope="col">Условий</th>
                <th scope="col">Доступ</th>
                <th scope="col">Сохранил</th>
                <th scope="col">Изменён</th>
                <th scope="col">Действия</th>
              </tr>
            </thead>
            <tbody>
              {items.map((list) => (
                <tr key={list.id}>
                  <td>{list.name}</td>
                  <td className="cell-number">{conditionCount(fromCriteria(list.criteria))}</td>
                  <td>{list.shared ? 'вся организация' : 'только я'}</td>
                  <td>{list.own ? 'вы' : list.createdBy}</td>
                  <td className="cell-date">{formatDateTime(list.updatedAt)}</td>
                  <td>
                    <div className="onco-actions">
                      <button type="button" className="link-button" onClick={() => onOpen(list.criteria)}>
                        Открыть
                      </button>
                      <button type="button" className="link-button" onClick={() => download(list)}>
                        Выгрузить список (XLSX)
                      </button>
                      {list.own && (
                        <button type="button" className="link-button" onClick={() => remove(list)}>
                          Удалить
                        </button>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
