import { PersistQueryClientProvider } from '@tanstack/react-query-persist-client';
import { lazy, type ReactNode, Suspense } from 'react';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router-dom';
import { PublicConfigProvider } from '../api/public-config';
import { persistOptions, queryClient, refetchRestored } from '../api/query-client';
import { useSession } from '../api/session-store';
import { UpdateBanner } from '../features/app-update/components/update-banner';
import { LoginPage } from '../features/auth/components/login-page';
import { RequireSession } from '../features/auth/components/require-session';
import { startCommandMap } from '../features/command-map/hooks/map-start';
import { AppShell } from '../features/shell/components/app-shell';
import { homePathOf, type PageKey, PAGES } from './navigation';

/** `/` and unknown paths go to the user's home page (or to the login page). */
function HomeRedirect() {
  const session = useSession();
  return <Navigate to={session ? homePathOf(session.user.role) : '/login'} replace />;
}

// The map (Leaflet and its layers) loads only for those who open it, not on the login page or a phone's task list;
// its data and worker start as its code does (render-as-you-fetch), not after the page mounted.
const CommandMapPage = lazy(() => {
  startCommandMap();
  return import('../features/command-map/components/command-map-page').then((m) => ({ default: m.CommandMapPage }));
});

const DeskPage = lazy(() => import('../features/desk/components/desk-page').then((m) => ({ default: m.DeskPage })));

const TasksPage = lazy(() => import('../features/tasks/components/tasks-page').then((m) => ({ default: m.TasksPage })));

const FrontDeskPage = lazy(() => import('../features/front-desk/components/front-desk-page').then((m) => ({ default: m.FrontDeskPage })));
const TrackPage = lazy(() => import('../features/tracking/components/track-page').then((m) => ({ default: m.TrackPage })));
const TrackLookupPage = lazy(() => import('../features/tracking/components/track-lookup-page').then((m) => ({ default: m.TrackLookupPage })));

const DepartmentPage = lazy(() => import('../features/department/components/department-page').then((m) => ({ default: m.DepartmentPage })));

const PatrolPage = lazy(() => import('../features/patrol/components/patrol-page').then((m) => ({ default: m.PatrolPage })));

const AdminPage = lazy(() => import('../features/admin/components/admin-page').then((m) => ({ default: m.AdminPage })));
const ResponsibilitiesPage = lazy(() => import('../features/responsibilities/components/responsibilities-page').then((m) => ({ default: m.ResponsibilitiesPage })));

const AssessmentPage = lazy(() => import('../features/assessment/components/assessment-page').then((m) => ({ default: m.AssessmentPage })));

/** A page for the roles that may use it, at its path and (for desks) at `<path>/:caseId`. */
function guarded(page: PageKey, element: ReactNode, withCase = false) {
  const route = { element: <RequireSession page={page}>{element}</RequireSession> };
  return withCase ? [{ path: PAGES[page].path, ...route }, { path: `${PAGES[page].path}/:caseId`, ...route }] : [{ path: PAGES[page].path, ...route }];
}

const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  // Residents follow their request here without an account: by the receipt's link, or by its code and the phone's
  // last four digits.
  {
    path: '/track',
    element: (
      <Suspense fallback={null}>
        <TrackLookupPage />
      </Suspense>
    ),
  },
  {
    path: '/track/:token',
    element: (
      <Suspense fallback={null}>
        <TrackPage />
      </Suspense>
    ),
  },
  // The public responsibility list (上墙公示): every category with its unit and time limits, no sign-in.
  {
    path: '/responsibilities',
    element: (
      <Suspense fallback={null}>
        <ResponsibilitiesPage />
      </Suspense>
    ),
  },
  {
    element: (
      <RequireSession>
        <AppShell />
      </RequireSession>
    ),
    children: [
      ...guarded('command', <CommandMapPage />),
      ...guarded('desk', <DeskPage />, true),
      ...guarded('tasks', <TasksPage />, true),
      ...guarded('frontDesk', <FrontDeskPage />),
      ...guarded('department', <DepartmentPage />, true),
      ...guarded('patrol', <PatrolPage />),
      ...guarded('assessment', <AssessmentPage />),
      { path: '/admin/:section?', element: <RequireSession page="admin"><AdminPage /></RequireSession> },
    ],
  },
  { path: '*', element: <HomeRedirect /> },
]);

export function App() {
  return (
    // The query cache, with what a phone needs to start offline restored from the device first (query-client.ts).
    <PersistQueryClientProvider client={queryClient} persistOptions={persistOptions} onSuccess={refetchRestored}>
      <PublicConfigProvider>
        <RouterProvider router={router} />
        <UpdateBanner />
      </PublicConfigProvider>
    </PersistQueryClientProvider>
  );
}

export default App;
