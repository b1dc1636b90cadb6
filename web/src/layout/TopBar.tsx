import { useState } from 'react';
import { Link } from 'react-router';
import { useAuth, useMe } from '../auth/AuthContext';

/** Product name, who is signed in (name, role, organisation) and «Выйти». */
export function TopBar() {
  const me = useMe();
  const { signOut } = useAuth();
  const [signingOut, setSigningOut] = useState(false);

  async function handleSignOut() {
    setSigningOut(true);
    await signOut();
  }

  return (
    <header className="topbar">
      <Link to="/" className="brand" aria-label="omslink — на главную">
        omslink
      </Link>
      <div className="topbar-user" data-testid="current-user">
        <div className="topbar-user-text">
          <span className="topbar-user-name" data-testid="user-name">
            {me.fullName}
          </span>
          <span className="topbar-user-meta">
            <span data-testid="user-role">{me.roleTitle}</span>
            <span aria-hidden="true"> · </span>
            <span data-testid="user-organisation" title={me.organisation.name}>
              {me.organisation.name} ({me.organisation.code})
            </span>
          </span>
        </div>
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={handleSignOut}
          disabled={signingOut}
        >
          Выйти
        </button>
      </div>
    </header>
  );
}
