import { Link } from 'react-router';
import { formatDate } from '../../format/dates';
import { personPath } from '../person/person-format';

/** The person of a row: ФИО (a link to the card where the reader may open it), birth date and ЕНП. */
export function PersonNameCell({
  person,
  link,
}: {
  person: { personId: string; fio: string; birthDate: string; enp: string | null };
  link: boolean;
}) {
  return (
    <>
      {link ? <Link to={personPath(person.personId)}>{person.fio}</Link> : person.fio}
      {(person.birthDate || person.enp) && (
        <>
          <br />
          <span className="muted">
            {formatDate(person.birthDate)}
            {person.birthDate && person.enp && ' · '}
            {person.enp && (
              <>
                ЕНП <span className="cell-code">{person.enp}</span>
              </>
            )}
          </span>
        </>
      )}
    </>
  );
}
