import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { describeError } from '../api/api-error';
import { StatusMessage } from '../components/StatusMessage';
import { useAuth } from './AuthContext';
import type { LoginLocationState } from './login-location-state';

/** Renders its children for a signed-in user; otherwise sends the browser to the sign-in page. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { state, retry } = useAuth();
  const location = useLocation();

  if (state.status === 'checking') {
    return (
      <div className="page-centre">
        <StatusMessage kind="loading">Проверка входа…</StatusMessage>
      </div>
    );
  }
  if (state.status === 'failed') {
    return (
      <div className="page-centre">
        <StatusMessage kind="error" onRetry={retry}>
          Не удалось получить сведения о пользователе. {describeError(state.error)}
        </StatusMessage>
      </div>
    );
  }
  if (state.status === 'signed-out') {
    // After «Выйти» the next person starts from the start page; otherwise come back to where the user was.
    const from = `${location.pathname}${location.search}`;
    const keepFrom = state.reason !== 'signed-out' && from !== '/';
    const loginState: LoginLocationState = { from: keepFrom ? from : undefined, reason: state.reason };
    return <Navigate to="/login" replace state={loginState} />;
  }
  return children;
}
