/** How far a signed request's timestamp may be from our clock, either way (DESIGN §7a: 300 s). */
export const SIGNATURE_WINDOW_SECONDS = 300;

/** Whether `X-Timestamp` (Unix seconds, digits only) is within the window around `nowSeconds`. */
export function isFreshTimestamp(header: string | undefined, nowSeconds: number, windowSeconds = SIGNATURE_WINDOW_SECONDS): boolean {
  if (!header || !/^\d{1,12}$/.test(header)) return false;
  return Math.abs(nowSeconds - Number(header)) <= windowSeconds;
}

