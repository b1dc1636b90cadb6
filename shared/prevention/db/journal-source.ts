import { type JournalSource, packageTableJournal } from '../../platform/exchange/journal-source';

/** The prevention packages in the exchange journal: `prevention.package` (migrations 041–043), every channel. */
export const preventionJournal: JournalSource = packageTableJournal({
  id: 'prev',
  title: 'Профилактика',
  table: 'prevention.package',
  kinds: {
    'schedule-slot': 'Графики медосмотров',
    contact: 'Контакты МО',
    'plan-entry': 'Планы профмероприятий',
    'plan-volume': 'Плановые объёмы',
    step: 'Шаги профмероприятий',
    dispensary: 'Диспансерное наблюдение',
    'polyclinic-case': 'Случаи поликлинического обслуживания',
  },
});
