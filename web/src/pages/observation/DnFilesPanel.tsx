import { useState } from 'react';
import { describeError } from '../../api/api-error';
import { downloadDnFile, type PreventionFileAnswer } from '../../api/prevention';
import { FormError } from '../../components/FormError';
import { PreventionFileUpload } from '../prevention/PreventionFileUpload';

const dnExports = [
  { type: 'GST', label: 'Выгрузить в ГИС ОМС (GST)', what: 'сведения о диспансерном наблюдении' },
  { type: 'GPT', label: 'Выгрузить в ГИС ОМС (GPT)', what: 'план диспансерных посещений' },
] as const;

/**
 * An МО's exchange of ДН files with ГИС ОМС (docs/formats/prevention-files.md §3): its observations saved as a
 * `GST` (DN_LIST) or their planned visit windows as a `GPT` (DN_PLAN) file, and the upload of such files made by
 * its own system, with the same result view as a plan-list file.
 */
export function DnFilesPanel({ onUploaded }: { onUploaded: (answer: PreventionFileAnswer) => void }) {
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  async function save(type: 'GST' | 'GPT') {
    setBusy(type);
    setFailure(null);
    try {
      await downloadDnFile(type);
    } catch (error) {
      setFailure(`Файл не выгружен. ${describeError(error)}`);
    } finally {
      setBusy(null);
    }
  }

  return (
    <details className="dn-files" data-testid="dn-files">
      <summary className="dn-files-title">Файлы ГИС ОМС: выгрузка и загрузка</summary>
      <p className="field-hint">
        Выгрузка — все записи диспансерного наблюдения вашей МО у граждан с ЕНП, архив для ГИС ОМС.
      </p>
      <FormError message={failure} />
      <div className="file-exports">
        {dnExports.map((e) => (
          <button
            key={e.type}
            type="button"
            className="button button-secondary"
            title={e.what}
            disabled={busy !== null}
            onClick={() => save(e.type)}
          >
            {busy === e.type ? 'Выгружаем…' : e.label}
          </button>
        ))}
      </div>
      <PreventionFileUpload
        formLabel="Загрузка файла ДН ГИС ОМС"
        inputLabel="Файл ДН ГИС ОМС (ZIP или XML, до 10 МБ)"
        missing="Выберите файл GST или GPT."
        hint={
          <>
            GST — сведения о диспансерном наблюдении: записи заменяют прежние с тем же кодом, плановые
            посещения сохраняются. GPT — план посещений: окна посещений заменяют прежние у названных
            наблюдений. Имя файла: GST&lt;код МО&gt;_&lt;ГГГГММДД&gt;_&lt;номер&gt;.zip (или GPT…).
          </>
        }
        onUploaded={onUploaded}
      />
    </details>
  );
}
