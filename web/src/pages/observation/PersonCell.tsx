import { Link } from 'react-router';
import { formatDate } from '../../format/dates';

/** The person of a row: ФИО (a link to the card where the reader may open it), birth date and ЕНП. */
export function PersonCell({
  person,
  link,
}: {
  person: { fio: string; birthDate: string; enp: string };
  link?: string | undefined;
}) {
  return (
    <>
      {link ? <Link to={link}>{person.fio}</Link> : person.fio}
      <br />
      <span className="muted">
        {formatDate(person.birthDate)} · ЕНП <span className="cell-code">{person.enp}</span>
      </span>
    </>
  );
}
