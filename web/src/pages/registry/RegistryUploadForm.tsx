import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { describeError } from '../../api/api-error';
import {
  createRegistryUpload,
  fetchRegistry,
  isRegistryRunning,
  putRegistryFile,
  type RegistryImport,
  submitRegistry,
} from '../../api/registry';
import { FormError } from '../../components/FormError';
import { StatusMessage } from '../../components/StatusMessage';
import { useRefreshWhile } from '../../hooks/use-refresh-while';
import { useApiQuery } from '../../hooks/useApiQuery';
import { ImportProgress } from './ImportProgress';
import { RegistryStatus } from './RegistryStatus';
import { countOrDash, formatBytes, percent, registryPackagePath } from './registry-labels';

type Step =
  | { kind: 'idle' }
  | { kind: 'preparing'; fileName: string }
  | { kind: 'uploading'; fileName: string; loaded: number; total: number }
  | { kind: 'registering'; fileName: string }
  | { kind: 'registered'; entry: RegistryImport };

const zipName = /^[^/\\]+\.zip$/i;

/**
 * Upload of one registry package (a ZIP of the main file and the L-file) of any size: the server gives an upload
 * URL, the file goes there with a progress bar, then the package is registered for import and followed about
 * once a second until it ends.
 */
export function RegistryUploadForm({ onChanged }: { onChanged: () => void }) {
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const abort = useRef<AbortController | null>(null);
  const form = useRef<HTMLFormElement>(null);

  useEffect(() => () => abort.current?.abort(), []);

  const busy = step.kind === 'preparing' || step.kind === 'uploading' || step.kind === 'registering';

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!file) {
      setFailure('Выберите файл пакета реестра (ZIP-архив с основным файлом и файлом персональных данных).');
      return;
    }
    if (!zipName.test(file.name)) {
      setFailure('Пакет реестра загружается ZIP-архивом: имя файла должно оканчиваться на .zip.');
      return;
    }
    if (file.size === 0) {
      setFailure('Выбранный файл пуст.');
      return;
    }
    const controller = new AbortController();
    abort.current = controller;
    setFailure(null);
    const fileName = file.name;
    try {
      setStep({ kind: 'preparing', fileName });
      const upload = await createRegistryUpload(controller.signal);
      if (file.size > upload.maxBytes) {
        setStep({ kind: 'idle' });
        setFailure(`Файл больше допустимого размера (${formatBytes(upload.maxBytes)}).`);
        return;
      }
      setStep({ kind: 'uploading', fileName, loaded: 0, total: file.size });
      await putRegistryFile(
        upload,
        file,
        ({ loaded, total }) => setStep({ kind: 'uploading', fileName, loaded, total }),
        controller.signal,
      );
      setStep({ kind: 'registering', fileName });
      const entry = await submitRegistry({ uploadId: upload.uploadId, fileName }, controller.signal);
      setStep({ kind: 'registered', entry });
      form.current?.reset();
      setFile(null);
      onChanged();
    } catch (error) {
      setStep({ kind: 'idle' });
      if (controller.signal.aborted) {
        setFailure('Загрузка отменена: пакет не отправлен.');
        return;
      }
      setFailure(`Пакет не загружен. ${describeError(error)}`);
    } finally {
      if (abort.current === controller) abort.current = null;
    }
  }

  return (
    <section className="panel" aria-labelledby={`${inputId}-title`}>
      <h2 id={`${inputId}-title`} className="panel-title">
        Загрузить пакет реестра
      </h2>
      <form ref={form} className="form" onSubmit={submit} aria-label="Загрузка пакета реестра" noValidate>
        <FormError message={failure} />
        <div className="field">
          <label className="field-label" htmlFor={inputId}>
            Пакет реестра счетов (ZIP)
          </label>
          <p className="field-hint">
            ZIP-архив с основным файлом случаев (H, C, T, D…) и файлом персональных данных (L) в формате 3.1 и
            новее, в кодировке windows-1251 или UTF-8. Размер не ограничен размером запроса: файл передаётся
            напрямую в хранилище.
          </p>
          <div className="registry-file-picker">
            <input
              id={inputId}
              name="file"
              type="file"
              accept=".zip,application/zip,application/x-zip-compressed"
              className="visually-hidden"
              disabled={busy}
              onChange={(event) => setFile(event.target.files?.[0] ?? null)}
            />
            <label htmlFor={inputId} className="button button-secondary" aria-hidden="true">
              Выбрать файл
            </label>
            <span className={file ? 'registry-file-name' : 'muted'} data-testid="registry-chosen-file">
              {file ? `${file.name} (${formatBytes(file.size)})` : 'Файл не выбран'}
            </span>
          </div>
        </div>
        <div className="registry-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? 'Загрузка…' : 'Загрузить'}
          </button>
          {busy && (
            <button type="button" className="button button-secondary" onClick={() => abort.current?.abort()}>
              Отменить
            </button>
          )}
        </div>
      </form>
      <UploadStep step={step} onChanged={onChanged} />
    </section>
  );
}

function UploadStep({ step, onChanged }: { step: Step; onChanged: () => void }) {
  switch (step.kind) {
    case 'idle':
      return null;
    case 'preparing':
      return <StatusMessage kind="loading">Подготовка загрузки файла {step.fileName}…</StatusMessage>;
    case 'uploading': {
      const share = percent(step.loaded, step.total);
      return (
        <div className="registry-progress" data-testid="registry-upload-progress">
          <div className="registry-progress-line">
            <strong>Передача файла {step.fileName}</strong>
          </div>
          <progress
            className="registry-progress-bar"
            max={100}
            value={share}
            aria-label="Передача файла"
            aria-valuetext={`Передано ${share} %`}
          />
          <span>
            Передано {formatBytes(step.loaded)} из {formatBytes(step.total)} ({share} %)
          </span>
        </div>
      );
    }
    case 'registering':
      return <StatusMessage kind="loading">Файл передан, пакет регистрируется…</StatusMessage>;
    case 'registered':
      return <FollowImport entry={step.entry} onChanged={onChanged} />;
  }
}

/** The registered package followed until its import ends; then its outcome and a link to its protocol. */
function FollowImport({ entry, onChanged }: { entry: RegistryImport; onChanged: () => void }) {
  const [running, setRunning] = useState(isRegistryRunning(entry.status));
  const tick = useRefreshWhile(running, 1000);
  const { data } = useApiQuery(`registry-follow\n${entry.id}\n${tick}`, (signal) =>
    fetchRegistry(entry.id, signal),
  );
  const current = data?.import ?? entry;
  const nowRunning = isRegistryRunning(current.status);
  useEffect(() => {
    if (running && !nowRunning) onChanged();
    setRunning(nowRunning);
  }, [running, nowRunning, onChanged]);

  if (current.status === 'duplicate') {
    return (
      <StatusMessage kind="info">
        Этот файл уже загружался
        {current.duplicateOf !== null && (
          <>
            {' '}
            (<Link to={registryPackagePath(current.duplicateOf)}>пакет № {current.duplicateOf}</Link>)
          </>
        )}
        : повторно он не загружается.
      </StatusMessage>
    );
  }
  return (
    <div className="registry-upload-steps" data-testid="registry-upload-result">
      <p role="status">
        Файл {current.fileName} передан:{' '}
        <Link to={registryPackagePath(current.id)}>пакет № {current.id}</Link>{' '}
        <RegistryStatus status={current.status} />
      </p>
      {nowRunning && data && <ImportProgress detail={data} />}
      {nowRunning && !data && (
        <StatusMessage kind="loading">Пакет поставлен в очередь на обработку…</StatusMessage>
      )}
      {!nowRunning && (
        <p data-testid="registry-upload-outcome">
          {current.status === 'done' && (
            <>
              Обработка завершена: случаев {countOrDash(current.counts?.cases)}, принято{' '}
              {countOrDash(current.counts?.accepted)}, отклонено {countOrDash(current.counts?.rejected)}.{' '}
            </>
          )}
          {current.status === 'rejected' && <>Пакет отклонён целиком: ни один случай не загружен. </>}
          {current.status === 'failed' && (
            <>Обработка прервана ошибкой{current.error ? `: ${current.error}` : ''}. </>
          )}
          <Link to={registryPackagePath(current.id)}>Открыть протокол пакета</Link>
        </p>
      )}
    </div>
  );
}
