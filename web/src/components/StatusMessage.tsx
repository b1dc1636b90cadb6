import type { ReactNode } from 'react';

interface StatusMessageProps {
  kind: 'loading' | 'empty' | 'error' | 'info';
  children: ReactNode;
  /** Shows a «Повторить» button (for errors that may pass). */
  onRetry?: () => void;
}

/** Loading / empty / error / info line, announced to screen readers. */
export function StatusMessage({ kind, children, onRetry }: StatusMessageProps) {
  const role = kind === 'error' ? 'alert' : 'status';
  return (
    <div className={`status status-${kind}`} role={role} data-testid={`status-${kind}`}>
      {kind === 'loading' && <span className="spinner" aria-hidden="true" />}
      <span>{children}</span>
      {onRetry && (
        <button type="button" className="button button-secondary button-small" onClick={onRetry}>
          Повторить
        </button>
      )}
    </div>
  );
}
