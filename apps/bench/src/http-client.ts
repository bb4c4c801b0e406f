import * as http from 'node:http';

export interface HttpAnswer {
  status: number;
  body: string;
}

/**
 * The load generator's HTTP client: node's own http with kept-alive connections. The benchmark's clients
 * share the machine's two cores with the server and PostgreSQL, so they must cost little: fetch (undici)
 * costs the client about three times as much CPU per request as this.
 */
export function keepAliveClient(baseUrl: string, maxSockets = 64) {
  const { hostname, port } = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  const send = (method: string, path: string, headers: Record<string, string>, payload?: Buffer) =>
    new Promise<HttpAnswer>((resolve, reject) => {
      const req = http.request({ host: hostname, port: Number(port), path, method, agent, headers: payload ? { ...headers, 'Content-Type': 'application/json', 'Content-Length': String(payload.length) } : headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(payload);
    });
  return {
    get: (path: string, headers: Record<string, string> = {}) => send('GET', path, headers),
    post: (path: string, body: unknown, headers: Record<string, string> = {}) => send('POST', path, headers, Buffer.from(JSON.stringify(body))),
    close: () => agent.destroy(),
  };
}
