import { type JournalSource, packageTableJournal } from '../../platform/exchange/journal-source';

/** The consultation packages in the exchange journal: `consultation.package` (migration 050), every channel. */
export const consultationJournal: JournalSource = packageTableJournal({
  id: 'cons',
  title: 'Телемедицинские консультации',
  table: 'consultation.package',
  kinds: { request: 'Запросы на консультацию', conclusion: 'Заключения консультаций' },
});
