import { Link } from 'react-router';

/** Says that a list shows a home-page worklist (`?worklist=`), with the way back to the whole list. */
export function WorklistNotice({ allPath }: { allPath: string }) {
  return (
    <div className="notice" data-testid="worklist-filter">
      Показан рабочий список с главной страницы. <Link to={allPath}>Показать весь список</Link>
    </div>
  );
}
