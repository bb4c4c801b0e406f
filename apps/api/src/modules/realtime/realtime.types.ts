import type { ClientToServerEvents, ServerToClientEvents } from '@grid/contracts';
import type { Namespace, Socket } from 'socket.io';
import type { AuthUser } from '../auth/auth-user';

export interface SocketData {
  user: AuthUser;
}

export type RealtimeNamespace = Namespace<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type RealtimeSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
