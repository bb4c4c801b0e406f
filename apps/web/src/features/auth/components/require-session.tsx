import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { useSession } from '../../../api/session-store';
import { homePathOf, mayUse, type PageKey } from '../../../app/navigation';
import type { LoginLocationState } from './login-page';

/**
 * Renders `children` for a signed-in user whose role may use `page` (any signed-in user when no page
 * is given); sends everyone else to the login page or to their own home page.
 */
export function RequireSession({ page, children }: { page?: PageKey; children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (!session) {
    const state: LoginLocationState = { from: location.pathname + location.search };
    return <Navigate to="/login" replace state={state} />;
  }
  if (page && !mayUse(session.user.role, page)) return <Navigate to={homePathOf(session.user.role)} replace />;
  return children;
}
