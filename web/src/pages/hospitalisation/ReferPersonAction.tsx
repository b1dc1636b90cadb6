import { Link } from 'react-router';
import { referralNewPath } from './hosp-paths';
import { useHospAccess } from './use-hosp-access';

/** The link from a person to a new referral for them, the patient already chosen (for an МО that refers). */
export function referralForPersonPath(personId: string): string {
  return `${referralNewPath}?personId=${encodeURIComponent(personId)}`;
}

/** «Направить на госпитализацию» on the person card: shown only to those who issue referrals. */
export function ReferPersonAction({ personId }: { personId: string }) {
  const access = useHospAccess();
  if (!access.canSend) return null;
  return (
    <Link to={referralForPersonPath(personId)} className="button button-primary">
      Направить на госпитализацию
    </Link>
  );
}
