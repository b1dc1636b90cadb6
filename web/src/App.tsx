import { Route, Routes } from 'react-router';
import { useMe } from './auth/AuthContext';
import { RequireAuth } from './auth/RequireAuth';
import { AppLayout } from './layout/AppLayout';
import { HomePage } from './pages/HomePage';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { SectionPage } from './sections/SectionPage';

/** The signed-in part: the start page and exactly the sections the server lists for this user's role. */
function SignedInRoutes() {
  const me = useMe();
  return (
    <Routes>
      <Route element={<AppLayout />}>
        <Route index element={<HomePage />} />
        {me.sections.map((section) => (
          <Route
            key={section.id}
            path={`${section.path.replace(/^\/+|\/+$/g, '')}/*`}
            element={<SectionPage section={section} />}
          />
        ))}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

export function App() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        path="*"
        element={
          <RequireAuth>
            <SignedInRoutes />
          </RequireAuth>
        }
      />
    </Routes>
  );
}
