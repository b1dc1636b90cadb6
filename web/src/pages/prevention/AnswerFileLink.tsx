import { useEffect, useState } from 'react';

/** The bytes of a base64 text as a downloadable address, freed when the page no longer shows it. */
function useBase64Url(base64: string, type: string): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const made = URL.createObjectURL(new Blob([bytes], { type }));
    setUrl(made);
    return () => URL.revokeObjectURL(made);
  }, [base64, type]);
  return url;
}

/**
 * The error answer to a plan-list file (`OSHIB_PR`, `ERR_PROF_…xml`, windows-1251) as the upload answered it: a
 * link that saves it under its own name, to load into the МО's system.
 */
export function AnswerFileLink({ file }: { file: { fileName: string; base64: string } }) {
  const url = useBase64Url(file.base64, 'application/xml');
  if (!url) return null;
  return (
    <p>
      Ответ на файл с ошибками по записям:{' '}
      <a href={url} download={file.fileName} data-testid="prevention-file-answer">
        скачать {file.fileName}
      </a>
    </p>
  );
}
