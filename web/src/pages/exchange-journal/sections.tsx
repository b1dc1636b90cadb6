import { ExchangeJournalSection } from './ExchangeJournalSection';

/** The exchange journal's section by id (the id of `GET /api/v1/me`). */
export const sectionPages = {
  'exchange-journal': ExchangeJournalSection,
};
