import type { Survey } from '../../api/patient-informing';
import type { Column } from '../../components/data-table/types';
import { formatDate } from '../../format/dates';
import { formatCount } from '../../format/numbers';
import { PersonNameCell } from './PersonNameCell';
import { answersOf, conditionNames, formatAge, formatMean, sexNames } from './patient-informing-labels';

/** The respondent: the person who gave themselves, or «анонимно» with the age and sex they told. */
function Respondent({ survey, link }: { survey: Survey; link: boolean }) {
  const about = [survey.sex ? sexNames[survey.sex] : null, survey.age ? formatAge(survey.age) : null].filter(
    Boolean,
  );
  return (
    <>
      {survey.personId && survey.fio ? (
        <PersonNameCell
          person={{ personId: survey.personId, fio: survey.fio, birthDate: '', enp: null }}
          link={link}
        />
      ) : (
        <span className="muted">анонимно</span>
      )}
      {about.length > 0 && <div className="muted">{about.join(', ')}</div>}
    </>
  );
}

/** The answers: how many, and the mean score of those with an opinion (1 — удовлетворён … 4 — не удовлетворён). */
function Answers({ survey }: { survey: Survey }) {
  const { count, mean } = answersOf(survey.answers);
  return (
    <>
      {formatCount(count)}
      <span className="muted"> · средний балл {mean === null ? '—' : formatMean(mean)}</span>
    </>
  );
}

/** The columns of the surveys list: date, МО, condition, respondent, answers; the СМО for the fund. */
export function surveyColumns(options: { withSmo: boolean; personLinks: boolean }): Column<Survey>[] {
  return [
    { id: 'date', header: 'Дата опроса', cell: (s) => formatDate(s.date), className: 'cell-date' },
    { id: 'mo', header: 'Медицинская организация', cell: (s) => s.moName ?? s.moCode },
    {
      id: 'condition',
      header: 'Условия оказания помощи',
      cell: (s) => conditionNames[s.condition] ?? s.condition,
    },
    {
      id: 'respondent',
      header: 'Респондент',
      cell: (s) => <Respondent survey={s} link={options.personLinks} />,
    },
    { id: 'answers', header: 'Ответов', cell: (s) => <Answers survey={s} /> },
    ...(options.withSmo ? [{ id: 'smo', header: 'СМО', cell: (s: Survey) => s.smoName ?? s.smoCode }] : []),
  ];
}
