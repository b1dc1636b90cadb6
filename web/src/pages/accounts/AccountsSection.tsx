import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../NotFoundPage';
import { AccountCardPage } from './AccountCardPage';
import { AccountCreatePage } from './AccountCreatePage';
import { AccountsListPage } from './AccountsListPage';

/** The «Пользователи» section: list, new account, account card. */
export function AccountsSection() {
  return (
    <Routes>
      <Route index element={<AccountsListPage />} />
      <Route path="new" element={<AccountCreatePage />} />
      <Route path=":username" element={<AccountCardPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
