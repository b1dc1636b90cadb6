import { Link } from 'react-router';
import type { Section } from '../api/types';
import { useMe } from '../auth/AuthContext';
import { PageHeader } from '../components/PageHeader';

/** A section that is not built yet says so, instead of showing invented data. */
export function UnavailableSectionPage({ section }: { section: Section }) {
  const working = useMe().sections.filter((s) => s.available);
  return (
    <>
      <PageHeader title={section.title} />
      <div className="notice" data-testid="section-unavailable">
        <p>Раздел «{section.title}» ещё не доступен: он появится в следующих версиях omslink.</p>
        {working.length > 0 && (
          <p className="notice-secondary">
            Уже работают:{' '}
            {working.map((s, index) => (
              <span key={s.id}>
                {index > 0 && ', '}
                <Link to={s.path}>{s.title}</Link>
              </span>
            ))}
            .
          </p>
        )}
      </div>
    </>
  );
}
