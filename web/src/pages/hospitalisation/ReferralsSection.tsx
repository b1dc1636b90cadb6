import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../NotFoundPage';
import { ReferralCardPage } from './ReferralCardPage';
import { ReferralCreatePage } from './ReferralCreatePage';
import { ReferralsPage } from './ReferralsPage';

/** «Направления» (`/referrals/…`): worklists, a new referral, a referral card. */
export function ReferralsSection() {
  return (
    <Routes>
      <Route index element={<ReferralsPage />} />
      <Route path="new" element={<ReferralCreatePage />} />
      <Route path=":id" element={<ReferralCardPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
