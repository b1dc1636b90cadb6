import { type ReactNode, useState } from 'react';

interface OneTimeSecretProps {
  /** What is shown, e.g. «Секрет» or «Временный пароль». */
  label: string;
  value: string;
  children?: ReactNode;
}

/** A secret shown exactly once, with a copy button: the server keeps only its hash. */
export function OneTimeSecret({ label, value, children }: OneTimeSecretProps) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  }
  return (
    <div className="notice" role="status" data-testid="one-time-secret">
      <div>
        <p>
          <strong>{label}:</strong>{' '}
          <code data-testid="one-time-secret-value" style={{ userSelect: 'all', wordBreak: 'break-all' }}>
            {value}
          </code>
        </p>
        <p>
          Сохраните значение сейчас и передайте его владельцу защищённым способом: повторно его показать
          невозможно.
        </p>
        {children}
        <p>
          <button type="button" className="button button-secondary button-small" onClick={copy}>
            Копировать
          </button>{' '}
          {copied === 'yes' && <span aria-live="polite">Скопировано</span>}
          {copied === 'failed' && (
            <span aria-live="polite">
              Браузер не разрешил копирование: выделите значение и скопируйте вручную.
            </span>
          )}
        </p>
      </div>
    </div>
  );
}
