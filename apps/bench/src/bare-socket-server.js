// A bare socket.io server for the push benchmark's baseline: each client joins the room named by its
// auth token; the parent process says what to emit where.
const { createServer } = require('node:http');
const { Server } = require('socket.io');

const http = createServer();
const io = new Server(http);
io.on('connection', (socket) => socket.join(String(socket.handshake.auth.token)));
process.on('message', ({ room, n }) => io.to(room).emit('push', n));
http.listen(0, '127.0.0.1', () => process.send({ port: http.address().port }));
