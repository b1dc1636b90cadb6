import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { describeError } from '../../api/api-error';
import { type ImportResult, importDirectory } from '../../api/organisations';
import { FormError } from '../../components/FormError';
import { PageHeader } from '../../components/PageHeader';
import { StatusMessage } from '../../components/StatusMessage';
import { TableScroll } from '../../components/TableScroll';
import { formatCount } from '../../format/numbers';
import { organisationPath, organisationsRootPath } from './organisation-paths';
import { useCanEditOrganisations } from './use-organisation-access';
import './organisations.css';

const crumbs = [{ label: 'Организации', to: organisationsRootPath }];

/**
 * Upload of an FFOMS F003 (МО) or F002 (СМО) publication; shows what was created, updated, skipped, refused, and
 * the warnings about the file (e.g. its encoding).
 */
export function ImportDirectoryPage() {
  const canEdit = useCanEditOrganisations();
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) {
      setFailure('Выберите файл справочника F003 или F002.');
      return;
    }
    setSending(true);
    setFailure(null);
    setResult(null);
    try {
      setResult(await importDirectory(file));
    } catch (error) {
      setFailure(describeError(error));
    } finally {
      setSending(false);
    }
  }

  if (!canEdit) {
    return (
      <>
        <PageHeader title="Загрузка справочника организаций" crumbs={crumbs} />
        <StatusMessage kind="info">
          Загружать F003 и F002 могут оператор НСИ и администратор фонда.
        </StatusMessage>
      </>
    );
  }

  return (
    <>
      <PageHeader
        title="Загрузка справочника организаций"
        crumbs={crumbs}
        description="Файл ФФОМС F003 (медицинские организации) или F002 (страховые медицинские организации) в кодировке windows-1251 или UTF-8. Загружаются организации этого региона; организации с тем же кодом обновляются."
      />
      <section className="panel">
        <form className="form" onSubmit={submit} aria-label="Загрузка файла F003 или F002">
          <FormError message={failure} />
          <div className="field">
            <label className="field-label" htmlFor="org-import-file">
              Файл справочника (XML)
            </label>
            <input
              id="org-import-file"
              name="file"
              type="file"
              accept=".xml,application/xml,text/xml"
              className="input"
              onChange={(event) => setFile(event.target.files?.[0] ?? null)}
            />
          </div>
          <div className="org-form-actions">
            <button type="submit" className="button button-primary" disabled={sending}>
              {sending ? 'Загрузка…' : 'Загрузить'}
            </button>
          </div>
        </form>
      </section>
      {result && <ImportResultPanel result={result} />}
    </>
  );
}

function ImportResultPanel({ result }: { result: ImportResult }) {
  const figures: [string, number][] = [
    ['Записей в файле', result.total],
    ['Добавлено', result.created],
    ['Обновлено', result.updated],
    ['Без изменений', result.unchanged],
    ['Другие регионы (пропущено)', result.skipped],
    ['Отклонено', result.rejected],
  ];
  return (
    <section className="panel" aria-labelledby="org-import-result" data-testid="org-import-result">
      <h2 id="org-import-result" className="panel-title">
        Результат загрузки {result.directories.join(', ')}
      </h2>
      {(result.warnings ?? []).map((warning) => (
        <StatusMessage key={`${warning.code}\n${warning.message}`} kind="info">
          {warning.message}
        </StatusMessage>
      ))}
      <dl className="org-requisites">
        {figures.map(([label, value]) => (
          <div key={label} className="org-requisite">
            <dt>{label}</dt>
            <dd>{formatCount(value)}</dd>
          </div>
        ))}
      </dl>
      {result.errors.length > 0 && (
        <TableScroll labelledBy="org-import-errors-caption">
          <table className="table table-compact">
            <caption id="org-import-errors-caption">Ошибки по записям</caption>
            <thead>
              <tr>
                <th scope="col" className="cell-number">
                  № записи
                </th>
                <th scope="col" className="cell-code">
                  Код
                </th>
                <th scope="col">Поле</th>
                <th scope="col">Ошибка</th>
              </tr>
            </thead>
            <tbody>
              {result.errors.flatMap((record) =>
                record.errors.map((e) => (
                  <tr key={`${record.ordinal}\n${e.field}\n${e.code}\n${e.message}`}>
                    <td className="cell-number">{record.ordinal}</td>
                    <td className="cell-code">
                      {record.code && /^\d{5,6}$/.test(record.code) ? (
                        <Link to={organisationPath(record.code)}>{record.code}</Link>
                      ) : (
                        record.code || '—'
                      )}
                    </td>
                    <td>{e.field}</td>
                    <td>
                      {e.message} <span className="muted">({e.code})</span>
                    </td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
