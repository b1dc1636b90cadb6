import type { Section } from '../api/types';
import { UnavailableSectionPage } from '../pages/UnavailableSectionPage';
import { sectionPages } from './section-pages';

export function SectionPage({ section }: { section: Section }) {
  const Page = section.available ? sectionPages[section.id] : undefined;
  return Page ? <Page /> : <UnavailableSectionPage section={section} />;
}
