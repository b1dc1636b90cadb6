import { lazy, Suspense } from 'react';
import { StatusMessage } from '../../components/StatusMessage';

/**
 * The registry area's pages load when first opened (their own chunk): the upload, the protocol views, the list
 * builder and the timeline are more than the rest of the app needs at sign-in.
 */
const RegistriesPages = lazy(() =>
  import('./RegistriesSection').then((m) => ({ default: m.RegistriesSection })),
);
const OncoPages = lazy(() => import('./onco/OncoSection').then((m) => ({ default: m.OncoSection })));

const loading = <StatusMessage kind="loading">Загрузка раздела…</StatusMessage>;

function RegistriesSection() {
  return (
    <Suspense fallback={loading}>
      <RegistriesPages />
    </Suspense>
  );
}

function OncoSection() {
  return (
    <Suspense fallback={loading}>
      <OncoPages />
    </Suspense>
  );
}

/** The registry area's sections by id (the ids of `GET /api/v1/me`): the packages and the oncology register. */
export const sectionPages = {
  registries: RegistriesSection,
  onco: OncoSection,
};
