import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../NotFoundPage';
import { JournalEntryPage } from './JournalEntryPage';
import { JournalListPage } from './JournalListPage';
import { SilentOrganisationsPage } from './SilentOrganisationsPage';

/** «Журнал обмена» (`/exchange-journal/…`): the packages, the silent organisations, one package's protocol. */
export function ExchangeJournalSection() {
  return (
    <Routes>
      <Route index element={<JournalListPage />} />
      <Route path="silent" element={<SilentOrganisationsPage />} />
      <Route path=":id" element={<JournalEntryPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
