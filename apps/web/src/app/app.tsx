import { lazy } from 'react';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router-dom';
import { PublicConfigProvider } from '../api/public-config';
import { useSession } from '../api/session-store';
import { LoginPage } from '../features/auth/components/login-page';
import { RequireSession } from '../features/auth/components/require-session';
import { type PlaceholderKey, PlaceholderPage } from '../features/placeholders/components/placeholder-page';
import { AppShell } from '../features/shell/components/app-shell';
import { homePathOf, PAGES } from './navigation';

/** `/` and unknown paths go to the user's home page (or to the login page). */
function HomeRedirect() {
  const session = useSession();
  return <Navigate to={session ? homePathOf(session.user.role) : '/login'} replace />;
}

// The map (Leaflet and its layers) loads only for those who open it, not on the login page or a phone's task list.
const CommandMapPage = lazy(() => import('../features/command-map/components/command-map-page').then((m) => ({ default: m.CommandMapPage })));

const PLACEHOLDERS: readonly PlaceholderKey[] = ['desk', 'tasks', 'department', 'frontDesk', 'assessment'];

const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    element: (
      <RequireSession>
        <AppShell />
      </RequireSession>
    ),
    children: [
      {
        path: PAGES.command.path,
        element: (
          <RequireSession page="command">
            <CommandMapPage />
          </RequireSession>
        ),
      },
      ...PLACEHOLDERS.map((page) => ({
        path: PAGES[page].path,
        element: (
          <RequireSession page={page}>
            <PlaceholderPage page={page} />
          </RequireSession>
        ),
      })),
    ],
  },
  { path: '*', element: <HomeRedirect /> },
]);

export function App() {
  return (
    <PublicConfigProvider>
      <RouterProvider router={router} />
    </PublicConfigProvider>
  );
}

export default App;
