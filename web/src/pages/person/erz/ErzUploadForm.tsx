import { type FormEvent, useId, useState } from 'react';
import { Link } from 'react-router';
import { describeError } from '../../../api/api-error';
import { type ErzImport, uploadErzExtract } from '../../../api/erz';
import { FormError } from '../../../components/FormError';
import { erzImportPath } from './erz-paths';

/** Upload of one extract file (XML or ZIP); the import itself runs in the background. */
export function ErzUploadForm({ onUploaded }: { onUploaded: (item: ErzImport) => void }) {
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [sent, setSent] = useState<ErzImport | null>(null);
  const [sending, setSending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!file) {
      setFailure('Выберите файл выписки ЕРЗ (XML или ZIP).');
      return;
    }
    setSending(true);
    setFailure(null);
    setSent(null);
    try {
      const item = await uploadErzExtract(file);
      setSent(item);
      onUploaded(item);
      event.currentTarget?.reset();
      setFile(null);
    } catch (error) {
      setFailure(describeError(error));
    } finally {
      setSending(false);
    }
  }

  return (
    <section className="panel" aria-labelledby={`${inputId}-title`}>
      <h2 id={`${inputId}-title`} className="panel-title">
        Загрузить выписку
      </h2>
      <form className="form" onSubmit={submit} aria-label="Загрузка выписки ЕРЗ">
        <FormError message={failure} />
        <div className="field">
          <label className="field-label" htmlFor={inputId}>
            Файл выписки (XML или ZIP, до 10 МБ)
          </label>
          <p className="field-hint">
            Формат ERZ_LIST версии 1.0 в кодировке windows-1251 или UTF-8. Выписка заменяет сведения о
            перечисленных в ней лицах: данные, документы, полисы и прикрепления.
          </p>
          <input
            id={inputId}
            name="file"
            type="file"
            accept=".xml,.zip,application/xml,text/xml,application/zip"
            className="input"
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
          />
        </div>
        <div>
          <button type="submit" className="button button-primary" disabled={sending}>
            {sending ? 'Отправка…' : 'Загрузить'}
          </button>
        </div>
        {sent && (
          <p className="status status-info" role="status" data-testid="erz-upload-result">
            {sent.status === 'duplicate' ? (
              <>
                Этот файл уже загружался (загрузка{' '}
                <Link to={erzImportPath(sent.duplicateOf ?? sent.id)}>
                  №&nbsp;
                  {sent.duplicateOf}
                </Link>
                ): повторно он не применяется.
              </>
            ) : (
              <>
                Файл принят и поставлен в очередь:{' '}
                <Link to={erzImportPath(sent.id)}>загрузка №&nbsp;{sent.id}</Link>.
              </>
            )}
          </p>
        )}
      </form>
    </section>
  );
}
