import { Link } from 'react-router';
import type { PersonBrief } from '../../api/hospitalisation';
import { fullName, personPath } from '../person/person-format';

const unidentified = 'пациент не идентифицирован в ЕРЗ';

/** The patient's full name, or a plain note when the register has not matched the record to a person. */
export function patientName(person: PersonBrief | null): string {
  return person ? fullName(person) : unidentified;
}

/** Name over ЕНП in a table cell. */
export function PatientCell({ person }: { person: PersonBrief | null }) {
  if (!person) return <span className="muted">{unidentified}</span>;
  return (
    <>
      {fullName(person)}
      <br />
      <span className="muted cell-code">{person.enp}</span>
    </>
  );
}

/** The patient's name linking to the person card. */
export function PatientLink({ person }: { person: PersonBrief | null }) {
  if (!person) return <span className="muted">{unidentified}</span>;
  return <Link to={personPath(person.id)}>{fullName(person)}</Link>;
}
