import { Link } from 'react-router';
import { personPath } from '../person/person-format';

interface PersonNarrowingProps {
  personId: string;
  /** What the page shows of the person, e. g. «результаты информирования и анкеты». */
  what: string;
  /** The person's name, once a row has told it. */
  name?: string | undefined;
  /** The same list for everyone. */
  listPath: string;
}

/** Says that the page shows one person's records (the person card's link), with the way back and to everyone's. */
export function PersonNarrowing({ personId, what, name, listPath }: PersonNarrowingProps) {
  return (
    <div className="notice" role="status" data-testid="person-filter">
      <p>
        Показаны {what} одного гражданина{name ? `: ${name}` : ''}.
      </p>
      <p>
        <Link to={personPath(personId)}>Карточка гражданина</Link> · <Link to={listPath}>Показать всех</Link>
      </p>
    </div>
  );
}
