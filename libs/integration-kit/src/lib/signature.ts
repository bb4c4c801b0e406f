import { createHmac, timingSafeEqual } from 'node:crypto';

/** Hex HMAC-SHA256 of `"{timestamp}.{raw body}"` (DESIGN §7a), both ways of the bridge; over the body's bytes as sent. */
export function signBody(secret: string, timestamp: string, rawBody: string | Buffer): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex');
}

export function signatureMatches(secret: string, timestamp: string, rawBody: string | Buffer, signature: string): boolean {
  if (!/^[0-9a-f]{64}$/i.test(signature)) return false;
  return timingSafeEqual(Buffer.from(signBody(secret, timestamp, rawBody), 'hex'), Buffer.from(signature.toLowerCase(), 'hex'));
}

/** The headers of a signed request: our calls to a client's callback are signed as theirs to us. */
export function signedHeaders(clientId: string, secret: string, rawBody: string, nowSeconds = Math.floor(Date.now() / 1000)): Record<string, string> {
  const timestamp = String(nowSeconds);
  return { 'Content-Type': 'application/json', 'X-Client-Id': clientId, 'X-Timestamp': timestamp, 'X-Signature': signBody(secret, timestamp, rawBody) };
}
