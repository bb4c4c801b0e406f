/**
 * A sensor platform (物联感知平台) for tests, benchmarks and demos (README "Sensors"): it signs alarms of registered
 * devices as a client of kind `sensor` and posts them to the API, one at a time or as a storm at a steady rate.
 */
import { signedHeaders } from './signature';
import { keepAlivePoster, postSigned, type PushResult, type SigningOptions } from './signed-post';

/** An alarm as a platform sends it (DESIGN §7a; @grid/contracts `SensorAlarm`, restated: this library stands alone). */
export interface SensorAlarmMessage {
  deviceCode: string;
  kind: string;
  at: string;
  value?: number | null;
  recovered?: boolean;
}

export interface StormResult {
  sent: number;
  /** Answers by HTTP status (0: no answer, a network error). */
  statuses: Record<number, number>;
  /** The network errors behind status 0, by code. */
  errors: Record<string, number>;
  elapsedMs: number;
  /** Each answered alarm's time from send to answer, in ms, in order sent. */
  latenciesMs: number[];
}

export class SensorPlatform {
  private lastAt = 0;

  constructor(private readonly options: { apiUrl: string; clientId: string; secret: string }) {}

  /**
   * Now, but later than any alarm sent before: two alarms with the same body in the same second would be the same
   * signed request (a replay, refused), so each carries its own instant.
   */
  private nextAt(): string {
    this.lastAt = Math.max(Date.now(), this.lastAt + 1);
    return new Date(this.lastAt).toISOString();
  }

  /** One alarm (or recovery), signed now unless the options say otherwise; `at` defaults to now. */
  alarm(message: Omit<SensorAlarmMessage, 'at'> & { at?: string }, options: SigningOptions & { apiUrl?: string } = {}): Promise<PushResult> {
    return postSigned(`${options.apiUrl ?? this.options.apiUrl}/api/sensors/alarms`, { at: this.nextAt(), ...message }, this.options, options);
  }

  /**
   * `perSecond` alarms a second for `seconds`, each signed anew (a replay would be refused), at most `inFlight` waiting
   * for an answer at once; with several `apiUrls`, the alarms go to them in turn (several instances behind a balancer).
   */
  async storm(message: Omit<SensorAlarmMessage, 'at'>, { perSecond, seconds, inFlight = 200, apiUrls = [this.options.apiUrl] }: { perSecond: number; seconds: number; inFlight?: number; apiUrls?: string[] }): Promise<StormResult> {
    const total = Math.round(perSecond * seconds);
    const statuses: Record<number, number> = {};
    const errors: Record<string, number> = {};
    const latenciesMs: number[] = new Array<number>(total).fill(-1);
    const poster = keepAlivePoster(inFlight);
    const started = Date.now();
    const running = new Set<Promise<void>>();
    for (let i = 0; i < total; i++) {
      // Keep to the rate: alarm i leaves no earlier than i / perSecond after the start.
      const due = started + (i * 1000) / perSecond;
      if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
      while (running.size >= inFlight) await Promise.race(running);
      const body = JSON.stringify({ ...message, at: this.nextAt() });
      const sentAt = performance.now();
      const done: Promise<void> = poster
        .post(`${apiUrls[i % apiUrls.length]}/api/sensors/alarms`, body, signedHeaders(this.options.clientId, this.options.secret, body))
        .catch((error: NodeJS.ErrnoException) => {
          const code = error.code ?? error.message;
          errors[code] = (errors[code] ?? 0) + 1;
          return 0;
        })
        .then((status) => {
          statuses[status] = (statuses[status] ?? 0) + 1;
          latenciesMs[i] = performance.now() - sentAt;
          running.delete(done);
        });
      running.add(done);
    }
    await Promise.all(running);
    poster.close();
    return { sent: total, statuses, errors, elapsedMs: Date.now() - started, latenciesMs };
  }
}
