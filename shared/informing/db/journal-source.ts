import { type JournalSource, packageTableJournal } from '../../platform/exchange/journal-source';

/** The informing packages in the exchange journal: `informing.package` (migration 049), every channel. */
export const informingJournal: JournalSource = packageTableJournal({
  id: 'inf',
  title: 'Информирование',
  table: 'informing.package',
  kinds: {
    request: 'Заявки на информирование',
    result: 'Результаты информирования',
    survey: 'Опросы застрахованных',
  },
});
