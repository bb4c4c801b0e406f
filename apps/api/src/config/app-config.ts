/**
 * The one place that reads the environment (STYLE: config validated once at boot, no process.env
 * elsewhere). Every variable is documented in the README's configuration table.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { isIP } from 'node:net';
import * as path from 'node:path';
import { DEFAULT_DISPATCH_CHAIN, DISPATCH_STEPS, type DispatchStep } from '@grid/domain';
import { z } from 'zod';

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(),
  DATA_DIR: z.string().min(1).default('.data'),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  JWT_TTL_SECONDS: z.coerce.number().int().min(60).max(7 * 24 * 3600).default(15 * 60),
  REFRESH_TTL_SECONDS: z.coerce.number().int().min(300).max(365 * 24 * 3600).default(30 * 24 * 3600),
  SESSION_MAX_SECONDS: z.coerce.number().int().min(300).max(365 * 24 * 3600).default(90 * 24 * 3600),
  DEMO_PASSWORD: z.string().min(8).default('demo1234'),
  LOAD_DEMO: z.enum(['auto', 'never']).default('auto'),
  DEMO_SEED: z.coerce.number().int().default(20261123),
  DEMO_HISTORY_DAYS: z.coerce.number().int().min(0).max(3650).default(90),
  DEMO_GRIDS: z.coerce.number().int().min(98).max(100_000).default(400),
  WEB_DIST: z.string().default('dist/apps/web'),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// URL').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CASE_CODE_PREFIX: z.string().regex(/^[A-Z]{1,6}$/, 'must be 1–6 capital letters').default('HK'),
  DUPLICATE_RADIUS_M: z.coerce.number().min(0).max(5_000).default(150),
  DUPLICATE_WINDOW_HOURS: z.coerce.number().min(0).max(24 * 90).default(72),
  RECURRENCE_RADIUS_M: z.coerce.number().min(1).max(5_000).default(100),
  RECURRENCE_WINDOW_DAYS: z.coerce.number().int().min(1).max(366).default(60),
  BRIEFING_AT: z.string().regex(/^(off|([01]\d|2[0-3]):[0-5]\d)$/, 'HH:MM (Beijing time) or off').default('07:30'),
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
  LOCKOUT_ALERT_ACCOUNTS: z.coerce.number().int().min(1).default(5),
  REPORT_RATE_LIMIT: z.coerce.number().int().min(1).default(120),
  // Empty means unset (compose passes `${METRICS_TOKEN:-}`).
  METRICS_TOKEN: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(16, 'must be at least 16 characters').optional()),
  OPEN311_RATE_LIMIT: z.coerce.number().int().min(1).default(30),
  PUBLIC_RATE_LIMIT: z.coerce.number().int().min(1).default(120),
  LOOKUP_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
  RESIDENT_WRITE_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
  // Notifications to residents (ADR 0018): each channel's adapter is chosen by whether its gateway is configured.
  NOTIFY_SMS_URL: z.preprocess((v) => (v === '' ? undefined : v), z.url({ protocol: /^https?$/ }).optional()),
  NOTIFY_SMS_TOKEN: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(1).optional()),
  NOTIFY_SMS_SIGN: z.string().max(16).default('恒口示范区'),
  NOTIFY_SMS_TEMPLATES: z.preprocess((v) => (v === '' ? undefined : v), z.string().transform(parseTemplateMap).optional()),
  NOTIFY_WECHAT_APP_ID: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(1).optional()),
  NOTIFY_WECHAT_APP_SECRET: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(1).optional()),
  NOTIFY_WECHAT_API: z.url({ protocol: /^https?$/ }).default('https://api.weixin.qq.com'),
  NOTIFY_WECHAT_TEMPLATES: z.preprocess((v) => (v === '' ? undefined : v), z.string().transform(parseTemplateMap).optional()),
  NOTIFY_SWEEP_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  CORS_ORIGINS: z.string().optional(),
  TILE_URL: z.string().optional(),
  TILE_ATTRIBUTION: z.string().optional(),
  SLA_SWEEP_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
  ASSESSMENT_PROJECTION_SECONDS: z.coerce.number().min(0).max(3600).default(2),
  SHUTDOWN_GRACE_SECONDS: z.coerce.number().min(0).max(300).default(10),
  HOTLINE_RESPONSE_HOURS: z.coerce.number().min(0.1).max(720).default(2),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  OUTBOX_POLL_MS: z.coerce.number().int().min(0).max(600_000).default(1000),
  OUTBOX_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(5000),
  OUTBOX_RETRY_MAX_MS: z.coerce.number().int().min(10).max(86_400_000).default(600_000),
  OUTBOX_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  // Empty means unset (compose passes `${TRUST_PROXY:-…}`).
  TRUST_PROXY: z.preprocess((v) => (v === '' ? undefined : v), z.string().default('loopback').transform(parseTrustProxy)),
  DISPATCH_CHAIN: z
    .string()
    .default(DEFAULT_DISPATCH_CHAIN.join(','))
    .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.enum(DISPATCH_STEPS)).min(1)),
});

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** `{"accepted":"SMS_123",…}`: a gateway's template id per notice kind (unlisted kinds keep `resident_<kind>`). */
function parseTemplateMap(value: string, ctx: z.RefinementCtx): Record<string, string> {
  try {
    const parsed = JSON.parse(value) as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed) && Object.values(parsed).every((v) => typeof v === 'string')) return parsed as Record<string, string>;
  } catch {
    // reported below
  }
  ctx.addIssue({ code: 'custom', message: 'must be a JSON object of template ids by notice kind, e.g. {"accepted":"SMS_123"}' });
  return z.NEVER;
}

/**
 * The proxies whose X-Forwarded-For is believed: `none`, or a comma-separated list of addresses, CIDR
 * ranges and Express's names (loopback, linklocal, uniquelocal). Hop counts and `true` are refused: they
 * would believe a client that connects directly and sends the header itself.
 */
function parseTrustProxy(value: string, ctx: z.RefinementCtx): string | false {
  if (value.trim() === 'none') return false;
  const entries = value.split(',').map((entry) => entry.trim());
  for (const entry of entries) {
    const [address, prefix, ...rest] = entry.split('/');
    const version = isIP(address ?? '');
    const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 6 ? 128 : 32));
    if (PROXY_NAMES.has(entry) || (version !== 0 && prefixOk && rest.length === 0)) continue;
    ctx.addIssue({ code: 'custom', message: `"${entry}" is not an address, a CIDR range, loopback, linklocal or uniquelocal (or use none)` });
    return z.NEVER;
  }
  return entries.join(',');
}

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  /** Unset means: start the embedded PostgreSQL in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  jwtSecret: string;
  /** Lifetime of an access token; the web app refreshes it silently before it ends. */
  jwtTtlSeconds: number;
  /** Lifetime of a refresh token (each refresh issues a new one, so a session in use lasts). */
  refreshTtlSeconds: number;
  /** A sign-in ends this long after the password was given, however often it is refreshed. */
  sessionMaxSeconds: number;
  demoPassword: string;
  loadDemo: 'auto' | 'never';
  demoSeed: number;
  /** Days of simulated case history the demo loads (0: none). */
  demoHistoryDays: number;
  /** Grids of the demo territory (about 400; 10,000 for benchmarks). */
  demoGrids: number;
  webDist: string;
  redisUrl: string | undefined;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  caseCodePrefix: string;
  /** A report this near (metres) and this recent (hours) to an open case of its category is flagged as its likely duplicate. */
  duplicates: { radiusMeters: number; windowHours: number };
  /** A report this near (metres) a case of its category closed within these days is a recurrence (issue 20). */
  recurrence: { radiusMeters: number; windowDays: number };
  /** When (Beijing time, HH:MM) the day's briefings are generated and pushed; null: only on demand (issue 20). */
  briefingAt: string | null;
  loginRateLimit: number;
  /** This many accounts locked within 10 minutes alert the command centre. */
  lockoutAlertAccounts: number;
  /** Reports (POST /api/cases) per minute per user and instance. */
  reportRateLimit: number;
  /** Bearer token Prometheus must send to GET /metrics; unset: only loopback callers may read it. */
  metricsToken: string | undefined;
  /** New Open311 requests per minute per API key. */
  open311RateLimit: number;
  /** Requests per minute per client address to the public pages' API (no sign-in), e.g. the responsibility list. */
  publicRateLimit: number;
  /** Tracking lookups (case code + last four phone digits) per minute per client address: guessing stays slow. */
  lookupRateLimit: number;
  corsOrigins: string[];
  tileUrl: string | undefined;
  tileAttribution: string | undefined;
  /** How often each instance sweeps for SLA thresholds; 0 turns the sweeper off. */
  slaSweepSeconds: number;
  /** How often each instance projects the assessment facts of changed cases in the background (0: only before an assessment answers). */
  assessmentProjectionSeconds: number;
  /** On SIGTERM, how long in-flight requests may take to finish before their connections are cut. */
  shutdownGraceSeconds: number;
  /** The hotline's time to accept (签收) an order, in hours from its arrival: the response rate of the 三率. */
  hotlineResponseHours: number;
  /** The address other systems reach this server at (links to result photos sent to the hotline). */
  publicUrl: string;
  /** The outbox sender (ADR 0014): how often each instance looks for due messages (0: never), retry back-off, request timeout. */
  outbox: { pollMs: number; retryBaseMs: number; retryMaxMs: number; timeoutMs: number };
  /** Express's `trust proxy`: the proxies whose X-Forwarded-For gives the client's address; false: none. */
  trustProxy: string | false;
  /** The steps of the automatic choice of a new case's assignee, in order (ADR 0010). */
  dispatchChain: DispatchStep[];
  /** A resident's writes without an account (rating, reopening, following, stopping messages) a minute per address. */
  residentWriteRateLimit: number;
  /** Notifications to residents (ADR 0018): a channel without its gateway configured writes to the log instead. */
  notify: {
    sms: { url: string; token: string | undefined; sign: string; templates: Record<string, string> } | null;
    wechat: { appId: string; appSecret: string; api: string; templates: Record<string, string> } | null;
    /** How often each instance looks for cases past their promised time (0: never). */
    sweepSeconds: number;
  };
}

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir,
    jwtSecret: e.JWT_SECRET ?? developmentSecret(e.NODE_ENV, dataDir),
    jwtTtlSeconds: e.JWT_TTL_SECONDS,
    refreshTtlSeconds: e.REFRESH_TTL_SECONDS,
    sessionMaxSeconds: e.SESSION_MAX_SECONDS,
    demoPassword: e.DEMO_PASSWORD,
    loadDemo: e.LOAD_DEMO,
    demoSeed: e.DEMO_SEED,
    demoHistoryDays: e.DEMO_HISTORY_DAYS,
    demoGrids: e.DEMO_GRIDS,
    webDist: path.resolve(e.WEB_DIST),
    redisUrl: e.REDIS_URL,
    logLevel: e.LOG_LEVEL,
    caseCodePrefix: e.CASE_CODE_PREFIX,
    duplicates: { radiusMeters: e.DUPLICATE_RADIUS_M, windowHours: e.DUPLICATE_WINDOW_HOURS },
    recurrence: { radiusMeters: e.RECURRENCE_RADIUS_M, windowDays: e.RECURRENCE_WINDOW_DAYS },
    briefingAt: e.BRIEFING_AT === 'off' ? null : e.BRIEFING_AT,
    loginRateLimit: e.LOGIN_RATE_LIMIT,
    lockoutAlertAccounts: e.LOCKOUT_ALERT_ACCOUNTS,
    reportRateLimit: e.REPORT_RATE_LIMIT,
    metricsToken: e.METRICS_TOKEN,
    open311RateLimit: e.OPEN311_RATE_LIMIT,
    publicRateLimit: e.PUBLIC_RATE_LIMIT,
    lookupRateLimit: e.LOOKUP_RATE_LIMIT,
    corsOrigins: (e.CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean),
    tileUrl: e.TILE_URL,
    tileAttribution: e.TILE_ATTRIBUTION,
    slaSweepSeconds: e.SLA_SWEEP_SECONDS,
    assessmentProjectionSeconds: e.ASSESSMENT_PROJECTION_SECONDS,
    shutdownGraceSeconds: e.SHUTDOWN_GRACE_SECONDS,
    hotlineResponseHours: e.HOTLINE_RESPONSE_HOURS,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    outbox: { pollMs: e.OUTBOX_POLL_MS, retryBaseMs: e.OUTBOX_RETRY_BASE_MS, retryMaxMs: Math.max(e.OUTBOX_RETRY_MAX_MS, e.OUTBOX_RETRY_BASE_MS), timeoutMs: e.OUTBOX_TIMEOUT_MS },
    trustProxy: e.TRUST_PROXY,
    dispatchChain: e.DISPATCH_CHAIN,
    residentWriteRateLimit: e.RESIDENT_WRITE_RATE_LIMIT,
    notify: {
      sms: e.NOTIFY_SMS_URL ? { url: e.NOTIFY_SMS_URL, token: e.NOTIFY_SMS_TOKEN, sign: e.NOTIFY_SMS_SIGN, templates: e.NOTIFY_SMS_TEMPLATES ?? {} } : null,
      wechat:
        e.NOTIFY_WECHAT_APP_ID && e.NOTIFY_WECHAT_APP_SECRET
          ? { appId: e.NOTIFY_WECHAT_APP_ID, appSecret: e.NOTIFY_WECHAT_APP_SECRET, api: e.NOTIFY_WECHAT_API.replace(/\/+$/, ''), templates: e.NOTIFY_WECHAT_TEMPLATES ?? {} }
          : null,
      sweepSeconds: e.NOTIFY_SWEEP_SECONDS,
    },
  };
}

/**
 * Outside production a missing JWT_SECRET is generated once and kept in the data folder, so tokens
 * survive restarts; production refuses to start without one.
 */
function developmentSecret(env: AppConfig['env'], dataDir: string): string {
  if (env === 'production') throw new ConfigError('invalid configuration:\n  JWT_SECRET: required in production');
  const file = path.join(dataDir, 'jwt-secret');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  fs.mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  fs.writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
