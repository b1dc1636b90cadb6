import { Link, useSearchParams } from 'react-router';
import { personPath } from '../person/person-format';

/** The person the list is narrowed to (`?personId=`, the person card's link), if any. */
export function usePersonFilter(): string | undefined {
  const [params] = useSearchParams();
  const personId = params.get('personId') ?? '';
  return /^\d+$/.test(personId) ? personId : undefined;
}

/** Says that the list shows one person's records, with the way back to the card and to everyone's. */
export function PersonFilterNotice({ personId, listPath }: { personId: string; listPath: string }) {
  return (
    <div className="notice" role="status" data-testid="person-filter">
      Показаны записи одного гражданина. <Link to={personPath(personId)}>Карточка гражданина</Link> ·{' '}
      <Link to={listPath}>Показать всех</Link>
    </div>
  );
}

/** Keeps only the person's rows (in case the list's answer was not narrowed to them). */
export function onlyPerson<P extends { items: { personId: string }[] }>(
  page: P,
  personId: string | undefined,
): P {
  return personId ? { ...page, items: page.items.filter((row) => row.personId === personId) } : page;
}
