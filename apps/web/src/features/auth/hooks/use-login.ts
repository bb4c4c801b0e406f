import { loginRequestSchema, type LoginRequest, type LoginResponse, type SessionUser } from '@grid/contracts';
import { useState } from 'react';
import { apiRequest } from '../../../api/api-client';
import { ApiRequestError } from '../../../api/api-request-error';
import { sessionStore } from '../../../api/session-store';

/** Why a login failed; the page words it in the current language (so a language switch rewords it). */
export type LoginProblem =
  | { kind: 'missingFields' | 'wrongCredentials' | 'network' }
  | { kind: 'tooManyAttempts'; retryAt: number | null }
  | { kind: 'server'; status: number }
  | { kind: 'rejected'; message: string };

export interface LoginState {
  submitting: boolean;
  problem: LoginProblem | null;
  login: (request: LoginRequest) => Promise<SessionUser | null>;
}

export function useLogin(): LoginState {
  const [submitting, setSubmitting] = useState(false);
  const [problem, setProblem] = useState<LoginProblem | null>(null);

  async function login(request: LoginRequest): Promise<SessionUser | null> {
    const parsed = loginRequestSchema.safeParse(request);
    if (!parsed.success) {
      setProblem({ kind: 'missingFields' });
      return null;
    }
    setSubmitting(true);
    setProblem(null);
    try {
      const response = await apiRequest<LoginResponse>('/api/auth/login', { method: 'POST', body: parsed.data, authenticated: false });
      return sessionStore.start(response).user;
    } catch (error) {
      setProblem(problemOf(error));
      return null;
    } finally {
      setSubmitting(false);
    }
  }

  return { submitting, problem, login };
}

function problemOf(error: unknown): LoginProblem {
  if (!(error instanceof ApiRequestError)) return { kind: 'network' };
  if (error.status === 401) return { kind: 'wrongCredentials' };
  if (error.status === 429) {
    return { kind: 'tooManyAttempts', retryAt: error.retryAfterSeconds === null ? null : Date.now() + error.retryAfterSeconds * 1000 };
  }
  if (error.status === 400) return { kind: 'missingFields' };
  if (error.status >= 500) return { kind: 'server', status: error.status };
  return { kind: 'rejected', message: error.message };
}
