import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { describeError } from '../../api/api-error';
import { type PreventionFileAnswer, uploadPreventionFile } from '../../api/prevention';
import { FormError } from '../../components/FormError';
import { FileUploadResult } from './FileUploadResult';
import './prevention-files.css';

interface PreventionFileUploadProps {
  /** The form's accessible name, e.g. «Загрузка файла плана». */
  formLabel: string;
  /** The file input's label. */
  inputLabel: string;
  hint: ReactNode;
  /** What to ask for when no file is chosen. */
  missing: string;
  /** Shown after the counts once something was accepted (e.g. a link to the plan). */
  afterAccepted?: ReactNode;
  onUploaded?: (answer: PreventionFileAnswer) => void;
}

/**
 * Upload of one prevention file — a plan list (`PROF_…`) or a ГИС ОМС ДН file (`GST…`, `GPT…`) — imported at
 * once; then the file's result: counts, the rejected records with their FLK messages, the error answer.
 */
export function PreventionFileUpload(props: PreventionFileUploadProps) {
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [answer, setAnswer] = useState<PreventionFileAnswer | null>(null);
  const [sending, setSending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!file) {
      setFailure(props.missing);
      return;
    }
    setSending(true);
    setFailure(null);
    setAnswer(null);
    try {
      const result = await uploadPreventionFile(file);
      setAnswer(result);
      props.onUploaded?.(result);
    } catch (error) {
      setFailure(`Файл не загружен. ${describeError(error)}`);
    } finally {
      setSending(false);
    }
  }

  return (
    <>
      <form className="form prevention-file-form" onSubmit={submit} aria-label={props.formLabel}>
        <FormError message={failure} />
        <div className="field">
          <label className="field-label" htmlFor={inputId}>
            {props.inputLabel}
          </label>
          <p className="field-hint">{props.hint}</p>
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
            {sending ? 'Загрузка…' : 'Загрузить'}
          </button>
        </div>
      </form>
      {answer && (
        <FileUploadResult answer={answer}>{answer.accepted > 0 && props.afterAccepted}</FileUploadResult>
      )}
    </>
  );
}
