import { REALTIME_NAMESPACE, type ClientToServerEvents, type ServerToClientEvents } from '@grid/contracts';
import type { INestApplication } from '@nestjs/common';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { io, type Socket } from 'socket.io-client';
import type { App } from 'supertest/types';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export const baseUrlOf = (app: INestApplication<App>) => `http://127.0.0.1:${((app.getHttpServer() as unknown as Server).address() as AddressInfo).port}`;

/** A real socket.io client on the live channel; resolves once connected, rejects on a refused handshake. */
export function connectSocket(app: INestApplication<App>, auth: Record<string, unknown>, opened: ClientSocket[]): Promise<ClientSocket> {
  return new Promise((resolve, reject) => {
    const socket: ClientSocket = io(`${baseUrlOf(app)}${REALTIME_NAMESPACE}`, { auth, transports: ['websocket'], reconnection: false });
    opened.push(socket);
    socket.on('connect', () => resolve(socket));
    socket.on('connect_error', reject);
  });
}

/** The next event of a name, or a rejection after `ms`. */
export function next<E extends keyof ServerToClientEvents>(socket: ClientSocket, event: E, ms = 5_000): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${ms} ms`)), ms);
    socket.once(event, ((payload: Parameters<ServerToClientEvents[E]>[0]) => {
      clearTimeout(timer);
      resolve(payload);
    }) as never);
  });
}

/**
 * For a describe block: the app listens on a free port, `connectAs` opens authenticated sockets, and
 * every socket is closed after each test.
 */
export function useSockets(t: { app: INestApplication<App>; login(username: string): Promise<{ accessToken: string }> }) {
  const opened: ClientSocket[] = [];
  beforeAll(async () => {
    await t.app.listen(0, '127.0.0.1');
  });
  afterEach(() => opened.splice(0).forEach((s) => s.disconnect()));
  return {
    connect: (auth: Record<string, unknown>) => connectSocket(t.app, auth, opened),
    connectAs: async (username: string, since?: number) => connectSocket(t.app, { token: (await t.login(username)).accessToken, ...(since === undefined ? {} : { since }) }, opened),
  };
}
