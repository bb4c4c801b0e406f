import { Logger } from '@nestjs/common';
import { OnGatewayConnection, OnGatewayInit, SubscribeMessage, WebSocketGateway, WebSocketServer, ConnectedSocket, MessageBody } from '@nestjs/websockets';
import { positionReportSchema, REALTIME_NAMESPACE, ROOM } from '@grid/contracts';
import { AccessGuard } from '../auth/access.guard';
import { AuthService } from '../auth/auth.service';
import { WorkerPositionService } from './worker-position.service';
import { isPostRoom, roomsOf } from './rooms';
import { UsersService } from '../users/users.service';
import type { RealtimeNamespace, RealtimeSocket } from './realtime.types';

/**
 * Transport only: authenticates the handshake with the API token, joins the caller's rooms, and hands
 * incoming messages to services. Nothing here decides who may see what beyond `roomsOf`.
 */
// The heartbeat every 50 s, not socket.io's 25: each one wakes a phone's radio for seconds (ADR 0017, the battery),
// and mobile networks keep an idle connection open for minutes. A dead client is noticed within 70 s.
@WebSocketGateway({ namespace: REALTIME_NAMESPACE, cors: { origin: false }, pingInterval: 50_000, pingTimeout: 20_000 })
export class RealtimeGateway implements OnGatewayInit, OnGatewayConnection {
  private readonly logger = new Logger(RealtimeGateway.name);

  @WebSocketServer()
  server!: RealtimeNamespace;

  constructor(
    private readonly access: AccessGuard,
    private readonly positions: WorkerPositionService,
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  afterInit(namespace: RealtimeNamespace): void {
    namespace.use((socket, next) => {
      const token: unknown = socket.handshake.auth?.['token'];
      if (typeof token !== 'string' || !token) return next(new Error('unauthorized: missing token'));
      this.access
        .authenticateToken(token)
        .then((user) => {
          socket.data.user = user;
          next();
        })
        .catch(() => next(new Error('unauthorized: invalid or expired token')));
    });
    // Logout revokes the user's tokens: their open sockets (on every instance, through the adapter) close too.
    this.auth.onRevoked((userId) => namespace.in(ROOM.user(userId)).disconnectSockets(true));
    // Posts changed: the user's sockets (on every instance) leave the rooms of ended posts and join the new ones.
    this.auth.onLockoutSurge((alert) => namespace.to(ROOM.command).emit('security.lockouts', alert));
    this.auth.onAccessChanged((userId) => void this.rejoin(namespace, userId).catch((error: Error) => this.logger.warn(`rooms of ${userId} not updated: ${error.message}`)));
  }

  private async rejoin(namespace: RealtimeNamespace, userId: string): Promise<void> {
    const found = await this.users.findActiveForAuth(userId);
    if (!found) return void namespace.in(ROOM.user(userId)).disconnectSockets(true);
    const rooms = roomsOf(found.user);
    for (const socket of await namespace.in(ROOM.user(userId)).fetchSockets()) {
      const stale = [...socket.rooms].filter((room) => isPostRoom(room) && !rooms.includes(room));
      for (const room of stale) socket.leave(room);
      socket.join(rooms);
      // A socket of this instance is the Socket itself: its user (replay scope, positions) follows too.
      socket.data.user = found.user;
    }
  }

  async handleConnection(socket: RealtimeSocket): Promise<void> {
    const user = socket.data.user;
    if (!user) return void socket.disconnect(true);
    await socket.join(roomsOf(user));
    this.logger.debug(`connected ${user.username} (${socket.id})`);
  }

  /**
   * Closes every live connection of this instance at the transport level (not a socket.io "disconnect",
   * which tells a client to stay away): clients see `transport close` and reconnect, through the load
   * balancer to another instance, replaying from their last seq.
   */
  closeConnections(): void {
    this.server?.server.engine.close();
  }

  @SubscribeMessage('worker.position')
  async onPosition(@ConnectedSocket() socket: RealtimeSocket, @MessageBody() body: unknown): Promise<void> {
    const report = positionReportSchema.safeParse(body);
    if (!report.success) return;
    await this.positions.report(this.server, socket.data.user, report.data);
  }
}
