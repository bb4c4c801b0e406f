import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { useSession } from '../../../api/session-store';
import { homePathOf, mayUse, type PageKey } from '../../../app/navigation';
import { ChangePasswordPage } from './change-password-page';
import type { LoginLocationState } from './login-page';

/**
 * Renders `children` for a signed-in user whose role may use `page` (any signed-in user when no page
 * is given); sends everyone else to the login page or to their own home page. A user with a one-time
 * password is asked to change it first.
 */
export function RequireSession({ page, children }: { page?: PageKey; children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (!session) {
    const state: LoginLocationState = { from: location.pathname + location.search };
    return <Navigate to="/login" replace state={state} />;
  }
  // A one-time password must be changed before anything else (the API refuses everything else meanwhile).
  if (session.user.mustChangePassword) return <ChangePasswordPage />;
  if (page && !mayUse(session.user.role, page)) return <Navigate to={homePathOf(session.user.role)} replace />;
  return children;
}
