import { RegistriesSection } from './RegistriesSection';

/** The registry area's sections by id (the ids of `GET /api/v1/me`). */
export const sectionPages = {
  registries: RegistriesSection,
};
