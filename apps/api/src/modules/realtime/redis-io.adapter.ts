import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Server, ServerOptions } from 'socket.io';
import type { RedisConnection } from '../redis/redis-connection';

/** socket.io over several API instances: rooms and emits travel through Redis pub/sub. */
export class RedisIoAdapter extends IoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly redis: RedisConnection,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, options) as Server;
    const clients = this.redis.adapterClients();
    if (clients) server.adapter(createAdapter(clients.pub, clients.sub, { requestsTimeout: 3_000 }));
    return server;
  }
}
