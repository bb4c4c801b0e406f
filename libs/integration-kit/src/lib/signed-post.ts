import * as http from 'node:http';
import { signedHeaders } from './signature';

export interface PushResult {
  status: number;
  body: unknown;
}

/** POSTs exactly these bytes with these headers (a replay sends the same again) and reads the JSON answer. */
export async function postRaw(url: string, body: string, headers: Record<string, string>): Promise<PushResult> {
  const response = await fetch(url, { method: 'POST', headers, body });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
}

/** Who signs, unless a test overrides it (a forged secret, another client, a stale timestamp). */
export interface SigningOptions {
  timestamp?: number;
  secret?: string;
  clientId?: string;
}

/** POSTs a JSON body signed now (or with the options' timestamp, secret or client). */
export function postSigned(url: string, payload: unknown, signer: { clientId: string; secret: string }, options: SigningOptions = {}): Promise<PushResult> {
  const body = JSON.stringify(payload);
  return postRaw(url, body, signedHeaders(options.clientId ?? signer.clientId, options.secret ?? signer.secret, body, options.timestamp));
}

/**
 * Many signed POSTs at a steady rate cost the sender less over node's http with kept-alive connections than over
 * fetch (about a third of the CPU): a storm's sender shares the machine with the server it loads. Answers statuses.
 */
export function keepAlivePoster(maxSockets: number): { post: (url: string, body: string, headers: Record<string, string>) => Promise<number>; close: () => void } {
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  const post = (url: string, body: string, headers: Record<string, string>, retried = false): Promise<number> =>
    new Promise<number>((resolve, reject) => {
      const req = http.request(url, { method: 'POST', agent, headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      });
      req.on('error', (error: NodeJS.ErrnoException) => {
        // A kept-alive connection the server closed as this request left on it: the server never read it, so it is
        // sent again once, on a fresh connection (the usual keep-alive race; the same bytes, so no double count).
        if (!retried && req.reusedSocket && error.code === 'ECONNRESET') post(url, body, headers, true).then(resolve, reject);
        else reject(error);
      });
      req.end(body);
    });
  return { post, close: () => agent.destroy() };
}
